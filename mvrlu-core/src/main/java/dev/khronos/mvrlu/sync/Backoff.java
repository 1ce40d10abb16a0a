package dev.khronos.mvrlu.sync;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The engines' back-off policies, as Agrona idle strategies: never spin without backing off,
 * since a waiter that keeps the CPU starves the very thread it waits for on a 2-core machine.
 *
 * <p>Thread-safety: the factory methods are thread-safe; each returned strategy is stateful and
 * must be used by one thread only.
 */
public final class Backoff {
    private Backoff() {
    }

    /**
     * Spin a little ({@code onSpinWait}), then yield, then park from 1 µs up to {@code maxParkNanos}.
     *
     * @param maxParkNanos the longest park, in nanoseconds (at least 1 µs is used)
     * @return a new strategy, for one thread
     */
    public static IdleStrategy waiting(long maxParkNanos) {
        return new BackoffIdleStrategy(16, 16, 1_000L, Math.max(1_000L, maxParkNanos));
    }

    /**
     * For inline reclamation: spin a little, then yield many times, and only then park (1 us up to
     * 1 ms). A model checker, which schedules the threads itself and sees a yield as a switch point,
     * resolves a wait long before it would park; a real thread on a loaded machine does not keep a
     * core spinning for ever.
     *
     * @return a new strategy, for one thread
     */
    public static IdleStrategy yielding() {
        return new BackoffIdleStrategy(16, 1_000, 1_000L, 1_000_000L);
    }
}
