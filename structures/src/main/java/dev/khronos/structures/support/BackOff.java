package dev.khronos.structures.support;

import java.util.concurrent.locks.LockSupport;

/**
 * The back-off of every waiting or retrying loop in this module: a few {@link Thread#onSpinWait()},
 * then {@link Thread#yield()}, then {@link LockSupport#parkNanos} growing from 1 µs to 1 ms. On a
 * 2-core machine a waiter that keeps its CPU starves the very thread it waits for, so no loop here
 * ever spins without this.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class BackOff {
    /** Attempts that only spin. */
    public static final int SPIN_ATTEMPTS = 8;
    /** Attempts (counted from 0) below which a waiter yields rather than parks. */
    public static final int YIELD_ATTEMPTS = 24;
    private static final long MAX_PARK_NANOS = 1_000_000L;

    private BackOff() {
    }

    /**
     * Backs off before retry number {@code attempt + 1}.
     *
     * @param attempt how many attempts have failed so far, from 0
     */
    public static void pause(int attempt) {
        if (attempt < SPIN_ATTEMPTS) {
            Thread.onSpinWait();
        } else if (attempt < YIELD_ATTEMPTS) {
            Thread.yield();
        } else {
            int shift = Math.min(attempt - YIELD_ATTEMPTS, 10);
            LockSupport.parkNanos(Math.min(1_000L << shift, MAX_PARK_NANOS));
        }
    }
}
