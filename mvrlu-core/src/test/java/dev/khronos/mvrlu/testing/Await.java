package dev.khronos.mvrlu.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests: every wait has a deadline and a failure names what was awaited (and,
 * for threads, where the stuck thread is). Use these instead of {@code Thread.sleep} followed by an
 * assertion, and instead of the unbounded {@code join()}, {@code await()}, {@code get()}.
 *
 * <p>Deadlines are meant to be generous ({@link #GENEROUS}): a condition that normally holds within
 * milliseconds must still be met on a machine whose cores are busy with other work, and a
 * deadline only limits how long a broken build takes to fail. A wait that is interrupted (JUnit's
 * preemptive timeout interrupts the test thread) fails at once and keeps the interrupt status.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class Await {
    /** For waits that normally end within milliseconds, on a loaded 2-core machine. */
    public static final Duration GENEROUS = Duration.ofSeconds(60);

    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    /**
     * Waits until {@code condition} holds, backing off between checks (spin, yield, then parks
     * growing to 10 ms).
     *
     * @param limit       how long to wait at most
     * @param condition   what to wait for; evaluated on the calling thread
     * @param description what the condition means, for the failure message ("the writer bumped the clock")
     * @throws AssertionError if the condition does not hold within {@code limit}, or on interrupt
     */
    public static void condition(Duration limit, BooleanSupplier condition, String description) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int idle = 0; !condition.getAsBoolean(); idle++) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + seconds(limit) + " waiting until " + description);
            }
            backOff(idle, description);
        }
    }

    /**
     * Checks that {@code condition} keeps holding for the whole {@code window}: for "must still be
     * waiting" checks, whose failure can only come from the code under test (a slow machine only
     * shortens what is observed, it cannot make the check fail).
     *
     * @param window      how long to observe
     * @param condition   what must keep holding
     * @param description what the condition means
     * @throws AssertionError as soon as the condition does not hold, or on interrupt
     */
    public static void holdsFor(Duration window, BooleanSupplier condition, String description) {
        long end = System.nanoTime() + window.toNanos();
        int idle = 0;
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("stopped holding within " + seconds(window) + ": " + description);
            }
            backOff(idle++, description);
        } while (System.nanoTime() - end < 0);
        if (!condition.getAsBoolean()) {
            throw new AssertionError("stopped holding within " + seconds(window) + ": " + description);
        }
    }

    /**
     * Joins threads within one overall deadline. Threads still alive at the deadline are
     * interrupted, and the failure carries the stack of the first one (where it is stuck).
     *
     * @param limit   how long to wait for all of them together
     * @param threads the threads
     * @throws AssertionError if one is still alive at the deadline, or on interrupt
     */
    public static void join(Duration limit, Thread... threads) {
        join(limit, Arrays.asList(threads));
    }

    /** @see #join(Duration, Thread...) */
    public static void join(Duration limit, Collection<? extends Thread> threads) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while joining " + t.getName(), e);
            }
            if (t.isAlive()) {
                alive.add(t);
            }
        }
        if (alive.isEmpty()) {
            return;
        }
        Thread first = alive.get(0);
        AssertionError e = new AssertionError(alive.size() + " thread(s) still running after " + seconds(limit) + ": "
                + alive.stream().map(Thread::getName).toList() + "; " + first.getName() + " is at the cause's stack");
        e.initCause(stackOf(first));
        alive.forEach(Thread::interrupt);
        throw e;
    }

    /**
     * @param latch       the latch
     * @param limit       how long to wait at most
     * @param description what the count-down means, for the failure message
     * @throws AssertionError if the latch does not open within {@code limit}, or on interrupt
     */
    public static void latch(CountDownLatch latch, Duration limit, String description) {
        try {
            if (!latch.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("timed out after " + seconds(limit) + " waiting until " + description);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting until " + description, e);
        }
    }

    /**
     * Waits for a future's result. A task that failed rethrows its exception (unchecked ones as
     * they are, checked ones wrapped in an {@link AssertionError}); a task that does not finish in
     * time is cancelled with an interrupt.
     *
     * @param future      the future
     * @param limit       how long to wait at most
     * @param description what the task does, for the failure message
     * @param <T>         the result type
     * @return the result
     */
    public static <T> T result(Future<T> future, Duration limit, String description) {
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("timed out after " + seconds(limit) + " waiting for " + description);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + description, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new AssertionError(description + " failed", cause);
        }
    }

    /**
     * Shuts an executor down and waits for its tasks; tasks still running at the deadline are
     * interrupted ({@link ExecutorService#shutdownNow()}) and the wait fails.
     *
     * @param executor the executor
     * @param limit    how long to wait at most
     * @throws AssertionError if the tasks do not end within {@code limit}, or on interrupt
     */
    public static void terminated(ExecutorService executor, Duration limit) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                executor.shutdownNow();
                throw new AssertionError("executor tasks still running after " + seconds(limit) + " (interrupted now)");
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the executor to terminate", e);
        }
    }

    /** @return a throwable whose stack trace is {@code t}'s current one, named after it */
    static Throwable stackOf(Thread t) {
        Throwable where = new Throwable("stack of thread '" + t.getName() + "' (" + t.getState() + ")");
        where.setStackTrace(t.getStackTrace());
        return where;
    }

    private static void backOff(int idle, String description) {
        if (Thread.currentThread().isInterrupted()) {
            throw new AssertionError("interrupted while waiting until " + description);
        }
        if (idle < 16) {
            Thread.onSpinWait();
        } else if (idle < 32) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000L << Math.min(idle - 32, 20), MAX_PARK_NANOS));
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }
}
