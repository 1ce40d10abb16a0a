package dev.khronos.rlu;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.sync.LockSet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One section's write set: the copies it made (each the lock word of its master), the masters it
 * locked without a copy ({@code tryLockConst}: the lock word is this write set), the masters it
 * freed, and its <em>writer clock</em>.
 *
 * <p>Implementation notes. The writer clock is {@link #UNSYNCED} while the write set is open or
 * deferred (readers then never steal its copies), {@link #SYNCING} for the few instructions
 * between the start of its synchronize and the clock increment, and then the new clock value
 * {@code wv}. A reader steals a copy iff {@code wv <= localClock}; seeing {@code SYNCING} it waits
 * for the number. Write sets are never pooled: a thief may hold a copy after the writeback, and
 * the garbage collector, not a second grace period, decides when it is gone.
 *
 * <p>Thread-safety: the arrays are written by the owner handle's thread during its section, and
 * read by whoever synchronizes it (owner or helper) under the owner's sync lock, after a
 * happens-before edge through that lock; the writer clock may be read by any thread.
 */
final class RluWriteSet extends LockSet {
    /** Writer clock of an open or deferred write set: greater than any snapshot. */
    static final long UNSYNCED = Long.MAX_VALUE;
    /** Writer clock while its synchronize is taking a clock value. */
    static final long SYNCING = Long.MAX_VALUE - 1;

    private static final VarHandle WRITE_CLOCK;

    static {
        try {
            WRITE_CLOCK = MethodHandles.lookup().findVarHandle(RluWriteSet.class, "writeClock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final RluThread owner;
    private long writeClock = UNSYNCED;

    RluWriteSet(RluThread owner) {
        this.owner = owner;
    }

    long lvWriteClock() {
        return (long) WRITE_CLOCK.getVolatile(this);
    }

    void svWriteClock(long v) {
        WRITE_CLOCK.setVolatile(this, v);
    }

    void soWriteClock(long v) {
        WRITE_CLOCK.setRelease(this, v);
    }

    /** The write set whose lock {@code lockWord} is, or null (unlocked, or a freed object's token). */
    static RluWriteSet ofLockWord(Object lockWord) {
        if (lockWord instanceof RluWriteSet) {
            return (RluWriteSet) lockWord;
        }
        if (lockWord instanceof RluObject) {
            return (RluWriteSet) ObjectHeaders.writeSetOf((RluObject<?>) lockWord);
        }
        return null;
    }
}
