package dev.khronos.mvrlu.sync;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluObject;

import java.util.Arrays;

/**
 * What one section has locked, the part of a write set every RLU-family engine keeps the same
 * way: the copies made by {@code tryLock} (each one the lock word of its master), the masters
 * locked by {@code tryLockConst} (this set itself is their lock word), and the masters freed.
 * Engines extend it with their commit state (a timestamp, a writer clock, a log link).
 *
 * <p><b>Internal API</b> for the engines. Thread-safety: not thread-safe; written by the owning
 * section, then read by one thread at a time that has a happens-before edge with the owner (the
 * committer itself, or a reclaimer or helper behind the engine's lock or release/acquire link).
 */
public abstract class LockSet {
    /** The lock word of a freed master: locked forever, so a stale writer fails to lock it. */
    public static final Object FREED = new Object() {
        @Override
        public String toString() {
            return "FREED";
        }
    };

    private RluObject<?>[] copies = new RluObject<?>[4];
    private int copyCount;
    private RluObject<?>[] constLocked;
    private int constCount;
    private RluObject<?>[] freed;
    private int freeCount;

    /** For the engines' write sets. */
    protected LockSet() {
    }

    /** @return the number of copies (objects locked with a copy) */
    public final int copyCount() {
        return copyCount;
    }

    /**
     * @param i an index below {@link #copyCount()}
     * @return the i-th copy, in locking order
     */
    public final RluObject<?> copy(int i) {
        return copies[i];
    }

    /**
     * Records a copy made by a lock.
     *
     * @param copy the copy, whose master this set has locked
     */
    public final void addCopy(RluObject<?> copy) {
        if (copyCount == copies.length) {
            copies = Arrays.copyOf(copies, copyCount * 2);
        }
        copies[copyCount++] = copy;
    }

    /** @return the number of masters locked without a copy */
    public final int constCount() {
        return constCount;
    }

    /**
     * @param i an index below {@link #constCount()}
     * @return the i-th master locked without a copy
     */
    public final RluObject<?> constLocked(int i) {
        return constLocked[i];
    }

    /**
     * Records a master locked without a copy.
     *
     * @param master the master this set has locked
     */
    public final void addConstLocked(RluObject<?> master) {
        if (constLocked == null) {
            constLocked = new RluObject<?>[4];
        } else if (constCount == constLocked.length) {
            constLocked = Arrays.copyOf(constLocked, constCount * 2);
        }
        constLocked[constCount++] = master;
    }

    /**
     * Nested locking: a const-locked master gets a copy, which replaces it in this set.
     *
     * @param master a master this set const-locked
     * @param copy the copy that now stands for it
     */
    public final void upgradeConstLock(RluObject<?> master, RluObject<?> copy) {
        for (int i = 0; i < constCount; i++) {
            if (constLocked[i] == master) {
                constLocked[i] = constLocked[--constCount];
                constLocked[constCount] = null;
                break;
            }
        }
        addCopy(copy);
    }

    /** @return the number of masters freed */
    public final int freeCount() {
        return freeCount;
    }

    /**
     * Records a freed master (once, however often it is freed).
     *
     * @param master a master this set has locked
     */
    public final void addFreed(RluObject<?> master) {
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

    /**
     * The engines' {@code Section.free}: records the master of {@code obj} in {@code set} if the set
     * holds its lock.
     *
     * @param set the section's open lock set, or null if it has locked nothing
     * @param obj the object to free (a master, version or copy); null is ignored
     * @throws IllegalStateException if the section has not locked {@code obj}
     */
    public static void recordFree(LockSet set, RluObject<?> obj) {
        if (obj == null) {
            return;
        }
        final RluObject<?> m = ObjectHeaders.masterOf(obj);
        if (set == null || !set.holds(ObjectHeaders.lvLock(m))) {
            throw new IllegalStateException("free() of an object this section has not locked: "
                    + "tryLock or tryLockConst it first (" + obj.getClass().getName() + ")");
        }
        set.addFreed(m);
    }

    /**
     * @param master a master
     * @return whether this set freed it
     */
    public final boolean isFreed(RluObject<?> master) {
        for (int i = 0; i < freeCount; i++) {
            if (freed[i] == master) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return what this set's copies carry in their header's write-set slot
     *         ({@link ObjectHeaders#newVersion}): by default the set itself; an engine that recycles
     *         its sets gives each commit its own tag
     */
    protected Object versionTag() {
        return this;
    }

    /**
     * @param lockWord a master's lock word
     * @return whether {@code lockWord} is a lock taken by this set (one of its copies, or itself)
     */
    public final boolean holds(Object lockWord) {
        return lockWord == this
                || (lockWord instanceof RluObject && ObjectHeaders.writeSetOf((RluObject<?>) lockWord) == versionTag());
    }

    /** @return true if nothing is locked */
    public final boolean isEmpty() {
        return copyCount == 0 && constCount == 0;
    }

    /**
     * Abort: unlocks every master this set locked (nothing of it was ever visible) and forgets
     * everything, for reuse.
     */
    public final void unlockAndClear() {
        for (int i = 0; i < copyCount; i++) {
            ObjectHeaders.soLock(ObjectHeaders.masterOf(copies[i]), null);
        }
        for (int i = 0; i < constCount; i++) {
            ObjectHeaders.soLock(constLocked[i], null);
        }
        clearLocks();
    }

    /**
     * Commit: releases the lock of {@code master}, which stays locked forever if this set freed it.
     *
     * @param master a master this set locked
     */
    public final void unlockCommitted(RluObject<?> master) {
        ObjectHeaders.soLock(master, freeCount > 0 && isFreed(master) ? FREED : null);
    }

    /** Forgets everything, for reuse after an abort (nothing of an aborted set was ever visible). */
    public final void clearLocks() {
        Arrays.fill(copies, 0, copyCount, null);
        copyCount = 0;
        if (constLocked != null) {
            Arrays.fill(constLocked, 0, constCount, null);
        }
        constCount = 0;
        if (freed != null) {
            Arrays.fill(freed, 0, freeCount, null);
        }
        freeCount = 0;
    }

    /**
     * After commit: forgets the const and free lists, which only the commit needed (the arrays are
     * kept for reuse); keeps the copies.
     */
    public final void releaseCommitLists() {
        releaseConstList();
        releaseFreed();
    }

    /**
     * After commit, for an engine that recycles freed masters once the commit is reclaimed:
     * forgets the const list only; the copies and the freed masters stay until then.
     */
    public final void releaseConstList() {
        if (constLocked != null) {
            Arrays.fill(constLocked, 0, constCount, null);
        }
        constCount = 0;
    }

    /** Forgets the freed masters (the array is kept). */
    public final void releaseFreed() {
        if (freed != null) {
            Arrays.fill(freed, 0, freeCount, null);
        }
        freeCount = 0;
    }

    /**
     * @param i an index below {@link #freeCount()}
     * @return the i-th freed master
     */
    public final RluObject<?> freedMaster(int i) {
        return freed[i];
    }

    /** After reclamation: forgets the copies (the array is kept), so a retained set keeps no version alive. */
    public final void releaseCopies() {
        Arrays.fill(copies, 0, copyCount, null);
        copyCount = 0;
    }
}
