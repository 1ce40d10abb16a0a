/**
 * The {@code khronos-os} command line: run, sweep, hardware, parse and report.
 * It boots KhronOS in QEMU or drives it on hardware, runs kbench/hlbench at the prompt, and
 * stores the results as hlbench result records next to the console transcripts.
 */
package dev.khronos.os;
