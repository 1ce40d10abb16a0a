/**
 * Sweeps: the kbench grid (sync types 0-4 x threads x update rates) and the run_hlbench.sh grid,
 * run inside the guest one command at a time with progress and an ETA, results appended as each
 * run ends, a fresh boot before each MV-RLU run that would follow another, and resume on re-run.
 */
package dev.khronos.os.sweep;
