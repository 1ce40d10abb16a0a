/**
 * The RLU-family API: domains, per-thread handles, sections and the object base class.
 * Data structures are written once against these types and run on any engine (MV-RLU in
 * {@link dev.khronos.mvrlu.engine}, classic RLU in module {@code mvrlu-rlu}).
 */
package dev.khronos.mvrlu;
