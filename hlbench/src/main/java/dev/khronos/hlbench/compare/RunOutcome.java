package dev.khronos.hlbench.compare;

import dev.khronos.hlbench.result.BenchmarkRun;

/**
 * What one planned run gave. Immutable and thread-safe.
 *
 * @param run       the planned run
 * @param record    the record the run wrote, or {@code null} when it wrote none
 * @param failure   why it failed (no record, or a failed size check), or {@code null}
 * @param gc        its GC log's statistics ({@link PlannedRun#gcLog()} runs), or {@code null}
 * @param wallNanos the JVM's wall time, start to exit, as the parent measured it
 */
public record RunOutcome(PlannedRun run, BenchmarkRun record, String failure, GcLog.Stats gc, long wallNanos) {
    /** @return whether the run completed and passed its size check */
    public boolean ok() {
        return record != null && record.succeeded() && failure == null;
    }

    /** @return the updaters' operations per second, or {@code null} for a failed run */
    public Double opsPerSec() {
        return ok() && record.rates() != null ? record.rates().opsPerSec() : null;
    }

    /** @return the snapshot readers' snapshots per second, or {@code null} */
    public Double snapshotsPerSec() {
        return ok() && record.rates() != null ? record.rates().snapshotsPerSec() : null;
    }
}
