package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The commit timestamp of one write set: what a version's header points to (its lock slot), and
 * the single publication point of a commit ({@link ObjectHeaders#PENDING} until one release store
 * makes every version of the commit visible at once).
 *
 * <p>Implementation notes. A stamp is allocated per commit and never reused, while the
 * {@link WriteSet} that carries it (with its lock arrays and log link) is recycled by its handle
 * as soon as it is reclaimed. Readers reach a commit's timestamp only through a version, so a
 * reader still holding a version of a reclaimed commit reads that commit's timestamp, never the
 * one of the write set's next life; a recycled write set therefore needs no second grace period,
 * and no dead write set can link old garbage to young objects (the log's chain of reclaimed write
 * sets was the "nepotism" that filled the old generation in issue 11). 16 bytes per commit
 * instead of a write set and its arrays.
 *
 * <p>Thread-safety: thread-safe; stamped once by the committing section (or set at creation).
 */
final class CommitStamp {
    private static final VarHandle TIMESTAMP;

    static {
        try {
            TIMESTAMP = MethodHandles.lookup().findVarHandle(CommitStamp.class, "timestamp", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long timestamp;

    /** @param timestamp {@link ObjectHeaders#PENDING}, or a final value for stamps never published by a commit */
    CommitStamp(long timestamp) {
        this.timestamp = timestamp;
    }

    long laTimestamp() {
        return (long) TIMESTAMP.getAcquire(this);
    }

    /** The commit's single publication point (release: the version links are written before it). */
    void soTimestamp(long ts) {
        TIMESTAMP.setRelease(this, ts);
    }
}
