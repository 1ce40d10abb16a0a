/**
 * {@code hlbench compare}: the issue-11 comparison in one command. {@link dev.khronos.hlbench.compare.ComparePlan}
 * lists the runs (interleaved rounds of the same hlbench command lines, one fresh JVM each),
 * {@link dev.khronos.hlbench.compare.GcLog} reads a {@code -Xlog:gc} log, and
 * {@link dev.khronos.hlbench.compare.CompareReport} turns the outcomes into medians, ratios and
 * PASS/MISS verdicts against the {@link dev.khronos.hlbench.compare.Target targets}, as Markdown.
 * The forking itself is the CLI's ({@code dev.khronos.hlbench.cli.CompareCommand}).
 */
package dev.khronos.hlbench.compare;
