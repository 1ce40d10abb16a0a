/**
 * Synchronization building blocks shared by every RLU-family engine: the padded logical clock,
 * per-handle run counters, the handle registry and grace-period detection, and back-off.
 * Internal to the engines; data structures and benchmarks never use this package.
 */
package dev.khronos.mvrlu.sync;
