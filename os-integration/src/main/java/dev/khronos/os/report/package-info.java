/**
 * Side-by-side report of in-kernel (KhronOS) and JVM results for the same parameters: a table
 * (Markdown and CSV) and a PNG bar chart made with JFreeChart, naming the machines, CPUs and
 * kernel images the numbers come from.
 */
package dev.khronos.os.report;
