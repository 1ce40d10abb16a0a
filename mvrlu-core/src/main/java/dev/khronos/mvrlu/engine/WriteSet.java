package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.sync.LockSet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The objects one section locked (the shared {@link LockSet}), and, once committed, its commit
 * timestamp: the unit of publication (one timestamp store makes all its versions visible) and of reclamation (a
 * handle's log is a FIFO of committed write sets, linked through {@link #next}).
 *
 * <p>Thread-safety: the arrays are written by the owning section only, then read by the single
 * reclaimer holding the log's reclaim lock (the log's release/acquire link orders the two).
 * {@link #laTimestamp()} may be read by any reader that reached one of its versions.
 */
final class WriteSet extends LockSet {
    private static final VarHandle TIMESTAMP;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TIMESTAMP = l.findVarHandle(WriteSet.class, "timestamp", long.class);
            NEXT = l.findVarHandle(WriteSet.class, "next", WriteSet.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long timestamp = ObjectHeaders.PENDING;
    private WriteSet next;

    long laTimestamp() {
        return (long) TIMESTAMP.getAcquire(this);
    }

    void soTimestamp(long ts) {
        TIMESTAMP.setRelease(this, ts);
    }

    WriteSet laNext() {
        return (WriteSet) NEXT.getAcquire(this);
    }

    void soNext(WriteSet ws) {
        NEXT.setRelease(this, ws);
    }
}
