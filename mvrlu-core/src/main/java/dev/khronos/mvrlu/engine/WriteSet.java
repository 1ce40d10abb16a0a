package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.sync.LockSet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The objects one section locked (the shared {@link LockSet}), the {@link CommitStamp} its versions
 * point to, and its link in the handle's log (a FIFO of committed write sets, the unit of
 * reclamation, linked through {@link #next}). Recycled: once reclaimed, the handle takes it back
 * for a later section ({@link VersionLog#takeReclaimed()}) with a new stamp, so a commit allocates
 * only its stamp and its copies.
 *
 * <p>Thread-safety: the arrays are written by the owning section only, then read by the single
 * reclaimer holding the log's reclaim lock (the log's release/acquire link orders the two), then
 * handed back to the owner through the log's release/acquire head. Readers never reach a write
 * set, only its stamp.
 */
final class WriteSet extends LockSet {
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(WriteSet.class, "next", WriteSet.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CommitStamp stamp = new CommitStamp(ObjectHeaders.PENDING);
    private WriteSet next;

    /** A new write set (the log's initial stub gets {@code timestamp} 0: always reclaimed). */
    WriteSet() {
    }

    /** @return the stamp this write set's versions point to (the lock slot of each copy) */
    CommitStamp stamp() {
        return stamp;
    }

    @Override
    protected Object versionTag() {
        return stamp;
    }

    long laTimestamp() {
        return stamp.laTimestamp();
    }

    void soTimestamp(long ts) {
        stamp.soTimestamp(ts);
    }

    WriteSet laNext() {
        return (WriteSet) NEXT.getAcquire(this);
    }

    /** Owner-only: the next write set appended after this one (the owner wrote it). */
    WriteSet lpNext() {
        return next;
    }

    void soNext(WriteSet ws) {
        NEXT.setRelease(this, ws);
    }

    /** Owner-only, on a reclaimed write set taken back: a fresh stamp, unlinked, nothing locked. */
    void prepareForReuse() {
        stamp = new CommitStamp(ObjectHeaders.PENDING);
        next = null;
    }
}
