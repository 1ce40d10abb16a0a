/**
 * The workload engine: prefill, per-thread xorshift (or Zipf) keys, the KhronOS/RLU operation mix,
 * start barrier, stop flag, per-thread counters and the size-check inputs
 * ({@link dev.khronos.hlbench.engine.Workload}); sync names to sets
 * ({@link dev.khronos.hlbench.engine.SetFactory}), including the unsynchronised {@code seq}
 * reference ({@link dev.khronos.hlbench.engine.SeqHashIntSet}).
 */
package dev.khronos.hlbench.engine;
