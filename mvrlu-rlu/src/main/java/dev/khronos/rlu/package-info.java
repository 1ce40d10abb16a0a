/** Classic RLU (read-log-update, Matveev et al., SOSP 2015) behind the mvrlu-core API.
 *  Entry point: {@link dev.khronos.rlu.Rlu#create(RluConfig)}; everything else is reached through the API. */
package dev.khronos.rlu;
