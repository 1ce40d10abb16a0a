package dev.khronos.hlbench.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The deadline of each step of a run that waits for a structure or an engine and could otherwise
 * wait forever when one of them is broken: the workers reaching the start barrier, the workers
 * stopping (which includes closing their sessions, e.g. MV-RLU's final log flush), the final size
 * check, and shutting the set's domain down. A step that misses it fails the run with a one-line
 * {@link Workload.WorkloadFailure} naming the step and where it is stuck, so that {@code hlbench},
 * {@code kbench} and the sweep exit with status 1 instead of hanging. The threads involved are
 * daemons: a stuck one never keeps the JVM alive.
 *
 * <p>The limit is {@value #DEFAULT_SECONDS} s per step, far above what a working structure needs
 * (milliseconds), or the value of the system property {@value #PROPERTY} in seconds.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class StepDeadline {
    /** System property: the limit of each step, in seconds (default {@value #DEFAULT_SECONDS}). */
    public static final String PROPERTY = "khronos.bench.stepTimeoutSeconds";
    /** The default limit of each step, in seconds. */
    public static final long DEFAULT_SECONDS = 60;

    private StepDeadline() {
    }

    /**
     * @return the limit of each step
     * @throws IllegalArgumentException if {@value #PROPERTY} is set but not a positive number of seconds
     */
    public static Duration limit() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return Duration.ofSeconds(DEFAULT_SECONDS);
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be a positive number of seconds, got '" + v + "'");
    }

    /**
     * Runs {@code task} on a new daemon thread and waits for it at most {@link #limit()}.
     *
     * @param step what the task is, for the message ("the final size check")
     * @param task the work
     * @param <T>  the result type
     * @return the task's result
     * @throws Workload.WorkloadFailure if the task does not finish in time (it is interrupted and
     *                                  left behind), or throws a checked exception
     * @throws InterruptedException     if the calling thread is interrupted while waiting
     */
    public static <T> T call(String step, Callable<T> task) throws InterruptedException {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, "khronos-bench-step");
        t.setDaemon(true);
        t.start();
        Duration limit = limit();
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String where = stuckAt(t);
            future.cancel(true);
            throw new Workload.WorkloadFailure(step + " did not finish within " + limit.toSeconds() + " s" + where, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new Workload.WorkloadFailure(step + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /**
     * As {@link #call}, for work without a result.
     *
     * @param step what the task is, for the message
     * @param task the work
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static void run(String step, Runnable task) throws InterruptedException {
        call(step, () -> {
            task.run();
            return null;
        });
    }

    /**
     * Joins threads that have been told to stop, all within one {@link #limit()}.
     *
     * @param threads the threads
     * @throws Workload.WorkloadFailure naming the first thread still alive at the deadline and where it is stuck
     * @throws InterruptedException     if the calling thread is interrupted while waiting
     */
    public static void join(List<? extends Thread> threads) throws InterruptedException {
        Duration limit = limit();
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            if (t.isAlive()) {
                throw new Workload.WorkloadFailure("thread " + t.getName() + " did not stop within " + limit.toSeconds()
                        + " s of the end of the run" + stuckAt(t), null);
            }
        }
    }

    /**
     * For try-with-resources: closes {@code resource} under the deadline when the block ends. A
     * close that misses the deadline while the block is already failing is attached to that
     * failure as a suppressed exception instead of hiding it.
     *
     * @param step     what closing means, for the message ("shutting the set down")
     * @param resource what to close
     * @return the handle whose {@code close()} does it
     */
    public static Closing closing(String step, AutoCloseable resource) {
        return () -> call(step, () -> {
            resource.close();
            return null;
        });
    }

    /** A close bounded by the step deadline; see {@link #closing}. */
    @FunctionalInterface
    public interface Closing extends AutoCloseable {
        @Override
        void close() throws InterruptedException;
    }

    /**
     * @param t a thread
     * @return {@code " (stuck at Class.method(File:line))"} for the innermost frame of {@code t}
     *         outside the JDK and Agrona's idle strategies (so an engine's wait names the engine
     *         method, not the back-off it waits in), the innermost frame if there is none, or ""
     *         if it has none
     */
    public static String stuckAt(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        if (stack.length == 0) {
            return "";
        }
        StackTraceElement at = stack[0];
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.") && !c.startsWith("org.agrona.")) {
                at = f;
                break;
            }
        }
        return " (stuck at " + at.getClassName() + "." + at.getMethodName() + "(" + at.getFileName() + ":"
                + at.getLineNumber() + "))";
    }
}
