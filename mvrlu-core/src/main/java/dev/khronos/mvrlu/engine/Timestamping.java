package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.sync.LogicalClock;
import dev.khronos.mvrlu.sync.OrdoClock;

/**
 * Where an MV-RLU domain's timestamps come from (the C build option
 * {@code MVRLU_ORDO_TIMESTAMPING}).
 *
 * <p>Thread-safety: immutable.
 */
public enum Timestamping {
    /**
     * One shared counter ({@link LogicalClock}): a snapshot reads it, a commit increments it.
     * Correct by the Java memory model alone and cheapest on a few cores; on many cores the
     * counter's cache line, written by every commit and read by every section, limits throughput.
     */
    LOGICAL,
    /**
     * The machine's invariant time source with a measured uncertainty bound ({@link OrdoClock}):
     * nothing shared is written per commit, but every commit waits out twice the bound (real-time
     * order). Pays on many cores, where the bound is small next to the counter's contention; not
     * on a few. Relies on {@code System.nanoTime()} being consistent across cores within the
     * bound, which the hardware usually gives and the Java specification does not promise.
     */
    ORDO
}
