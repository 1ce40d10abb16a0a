/**
 * Result records of one benchmark run, shared by the JVM suite and the in-kernel (KhronOS) runs.
 * A run is a {@link dev.khronos.hlbench.result.BenchmarkRun}; {@link dev.khronos.hlbench.result.ResultJson}
 * and {@link dev.khronos.hlbench.result.ResultCsv} write and read it as JSON / JSON Lines and CSV.
 */
package dev.khronos.hlbench.result;
