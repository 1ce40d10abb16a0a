package dev.khronos.mvrlu.sync;

/**
 * Where an RLU-family domain takes its timestamps from: snapshots, commit timestamps and the
 * bounds grace-period detection computes. Two implementations: the padded shared counter
 * ({@link LogicalClock}, the C {@code gclk} build) and the machine's invariant time source
 * ({@link OrdoClock}, the C {@code ORDO} build).
 *
 * <p>One rule ties them together: a version stamped {@code ts} belongs to a snapshot {@code s}
 * iff {@code ts <= s}, for both clocks. The rest is what each clock guarantees:
 * <ul>
 *   <li>{@link #newTimestamp()}, taken after a commit's versions are linked, is greater than the
 *       snapshot of every section that could have missed those links (so a reader either sees a
 *       version or learns that it is newer than its snapshot);</li>
 *   <li>after {@link #awaitVisibleToAll(long)} returns, every snapshot taken afterwards, on any
 *       thread, is at least {@code ts} (real-time order: a finished commit is seen by every
 *       section that starts later);</li>
 *   <li>every snapshot taken after {@link #lowestFutureSnapshot()} returns, on any thread, is at
 *       least the value it returned (what a grace period may publish as safe).</li>
 * </ul>
 *
 * <p><b>Internal API</b> for the engines. Thread-safety: thread-safe.
 */
public abstract class CommitClock {
    /** Package-private: the engines' clocks are the ones in this package. */
    CommitClock() {
    }

    /** @return the current time: a section's snapshot */
    public abstract long lvNow();

    /** @return a commit timestamp; called once per commit, after its versions are linked */
    public abstract long newTimestamp();

    /**
     * Returns once every snapshot taken afterwards, on any thread, is at least {@code ts}.
     *
     * @param ts a commit timestamp from {@link #newTimestamp()}
     */
    public abstract void awaitVisibleToAll(long ts);

    /** @return a value every snapshot taken afterwards, on any thread, reaches */
    public abstract long lowestFutureSnapshot();

    /** @return the uncertainty bound between two threads' readings, in the clock's unit (0 for a counter) */
    public abstract long bound();

    /** @return {@code "logical"} or {@code "ordo"} */
    public abstract String kind();
}
