/** JMH benchmarks of RLU against MV-RLU on the RLU paper's hash-list workload (test sources only).
 *  Run: {@code mvn -pl mvrlu-rlu -Pjmh test-compile exec:exec -Djmh.args="HashListBenchmark"} or {@link dev.khronos.rlu.bench.HashListComparison}. */
package dev.khronos.rlu.bench;
