package dev.khronos.structures.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class SpinLockPadLeft {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class SpinLockState extends SpinLockPadLeft {
    /** 0 free, 1 held. */
    int state;
}

abstract class SpinLockPadRight extends SpinLockState {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
}

/**
 * A test-and-test-and-set spinlock (the sv6 {@code spinlock} of the kbench baselines), alone on its
 * cache line: 64 bytes of padding on each side, by class inheritance (the layout JVMs keep), since
 * the per-bucket locks of a hash table are allocated next to each other and would otherwise share
 * lines. Waiting backs off with {@link BackOff}.
 *
 * <p>Implementation notes: {@link #lock()} reads the word with a volatile load ({@code lvState})
 * until it looks free, then {@code casState(0, 1)}; the CAS is the acquire. {@link #unlock()} is a
 * release store ({@code soState(0)}), which is all a lock release needs: every write made under the
 * lock happens-before the next successful CAS that reads 0. Not reentrant, no owner check in the
 * fast path (like the C original); {@link #unlock()} of a free lock throws.
 *
 * <p>Thread-safety: thread-safe.
 */
public class SpinLock extends SpinLockPadRight {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SpinLockState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int lvState() {
        return (int) STATE.getVolatile(this);
    }

    private boolean casState(int expected, int value) {
        return STATE.compareAndSet(this, expected, value);
    }

    private void soState(int value) {
        STATE.setRelease(this, value);
    }

    /** Acquires the lock, backing off while it is held. */
    public final void lock() {
        if (casState(0, 1)) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            BackOff.pause(attempt);
            if (lvState() == 0 && casState(0, 1)) {
                return;
            }
        }
    }

    /** @return true if the lock was free and is now held by the caller */
    public final boolean tryLock() {
        return lvState() == 0 && casState(0, 1);
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public final void unlock() {
        if (lvState() == 0) {
            throw new IllegalStateException("unlock() of a spinlock that is not held");
        }
        soState(0);
    }

    /** @return true if some thread holds the lock (a volatile read; for assertions) */
    public final boolean isLocked() {
        return lvState() != 0;
    }
}
