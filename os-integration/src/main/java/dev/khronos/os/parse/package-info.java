/**
 * Parsers for what KhronOS prints while {@code kbench} and {@code hlbench_*} run, including the
 * kernel's interleaved lines, the ASSERT FAILURE line and runs cut off by a hang or panic.
 * They turn a console transcript into {@link dev.khronos.hlbench.result.BenchmarkRun} records.
 */
package dev.khronos.os.parse;
