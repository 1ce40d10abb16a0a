/**
 * The MV-RLU engine: version chains, commit timestamps, per-handle logs of write sets, the
 * background grace-period detector, writeback and watermarks. Entry point: {@link
 * dev.khronos.mvrlu.engine.MvRlu#create(MvRluConfig)}; everything else is reached through the API.
 */
package dev.khronos.mvrlu.engine;
