/**
 * JMH benchmarks, packaged as {@code hlbench/target/benchmarks.jar}: the hash-list workload
 * ({@link dev.khronos.hlbench.jmh.HashListBenchmark}), engine microbenchmarks
 * ({@link dev.khronos.hlbench.jmh.EngineBenchmark}) and a runner that sweeps thread counts and
 * merges the JSON results ({@link dev.khronos.hlbench.jmh.ThreadSweep}).
 */
package dev.khronos.hlbench.jmh;
