package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluObject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The objects one section locked, and, once committed, its commit timestamp: the unit of
 * publication (one timestamp store makes all its versions visible) and of reclamation (a
 * handle's log is a FIFO of committed write sets, linked through {@link #next}).
 *
 * <p>Thread-safety: the arrays are written by the owning section only, then read by the single
 * reclaimer holding the log's reclaim lock (the log's release/acquire link orders the two).
 * {@link #laTimestamp()} may be read by any reader that reached one of its versions.
 */
final class WriteSet {
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

    /** Versions (copies) to link at commit. */
    RluObject<?>[] versions = new RluObject<?>[4];
    int versionCount;
    /** Masters locked by tryLockConst; their lock word is this write set. */
    private RluObject<?>[] constLocked;
    int constCount;
    /** Masters freed in this section. */
    private RluObject<?>[] freed;
    int freeCount;

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

    void addVersion(RluObject<?> v) {
        if (versionCount == versions.length) {
            versions = Arrays.copyOf(versions, versionCount * 2);
        }
        versions[versionCount++] = v;
    }

    RluObject<?> version(int i) {
        return versions[i];
    }

    void addConstLocked(RluObject<?> master) {
        if (constLocked == null) {
            constLocked = new RluObject<?>[4];
        } else if (constCount == constLocked.length) {
            constLocked = Arrays.copyOf(constLocked, constCount * 2);
        }
        constLocked[constCount++] = master;
    }

    RluObject<?> constLocked(int i) {
        return constLocked[i];
    }

    void removeConstLocked(RluObject<?> master) {
        for (int i = 0; i < constCount; i++) {
            if (constLocked[i] == master) {
                constLocked[i] = constLocked[--constCount];
                constLocked[constCount] = null;
                return;
            }
        }
    }

    void addFreed(RluObject<?> master) {
        if (isFreed(master)) {
            return;
        }
        if (freed == null) {
            freed = new RluObject<?>[4];
        } else if (freeCount == freed.length) {
            freed = Arrays.copyOf(freed, freeCount * 2);
        }
        freed[freeCount++] = master;
    }

    boolean isFreed(RluObject<?> master) {
        for (int i = 0; i < freeCount; i++) {
            if (freed[i] == master) {
                return true;
            }
        }
        return false;
    }

    /** @return true if this write set holds {@code lockWord} (a copy it made, or itself) */
    boolean owns(Object lockWord) {
        return lockWord == this
                || (lockWord instanceof RluObject && ObjectHeaders.writeSetOf((RluObject<?>) lockWord) == this);
    }

    /** Forgets everything, for reuse after an abort (nothing of an aborted write set was published). */
    void clear() {
        Arrays.fill(versions, 0, versionCount, null);
        versionCount = 0;
        if (constLocked != null) {
            Arrays.fill(constLocked, 0, constCount, null);
        }
        constCount = 0;
        if (freed != null) {
            Arrays.fill(freed, 0, freeCount, null);
        }
        freeCount = 0;
    }

    /** After commit: drop what only the commit needed, keep the versions for reclamation. */
    void releaseCommitState() {
        constLocked = null;
        constCount = 0;
        freed = null;
        freeCount = 0;
    }

    /** After reclamation: drop the versions so the retained log head keeps nothing alive. */
    void releaseVersions() {
        versions = null;
        versionCount = 0;
    }
}
