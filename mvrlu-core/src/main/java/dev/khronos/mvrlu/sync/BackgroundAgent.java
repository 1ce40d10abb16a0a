package dev.khronos.mvrlu.sync;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * A domain's background thread (MV-RLU's reclaimer, RLU's flusher): an Agrona {@link Agent} on its
 * own daemon thread that runs one round of work, then parks exactly as long as the round asked,
 * unless {@link #wake()} ends the nap early.
 *
 * <p>Implementation notes. Nothing a caller of the engines waits for depends on this thread being
 * scheduled: every engine wait does the work it waits for itself (see the implementation notes of
 * {@code MvRlu} and {@code Rlu}), so this thread only takes work off the callers' hands when it gets
 * a CPU. Hence {@link #stop()} only signals (the running round ends at its next check of
 * {@link #isStopped()}, the thread at the end of the round) and never joins: a shutdown does not
 * wait for a thread that a loaded machine may not schedule for a while. The thread is a daemon,
 * so a JVM never waits for it either. {@link #hold(boolean)} lets tests run an engine as if this
 * thread never got a CPU.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class BackgroundAgent {
    /** One round of background work. */
    @FunctionalInterface
    public interface Round {
        /**
         * Runs one round.
         *
         * @return how long to park before the next round, in nanoseconds; 0 or less runs the next
         *         round at once
         */
        long run();
    }

    private final Round round;
    private final String roleName;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean held;
    /** Written and read by the agent thread only. */
    private long napNanos;

    private BackgroundAgent(String roleName, Round round, ErrorHandler onError) {
        this.roleName = roleName;
        this.round = round;
        AgentRunner runner = new AgentRunner(new Napper(), onError, null, new RoundAgent());
        this.thread = AgentRunner.startOnThread(runner, r -> {
            Thread t = new Thread(r, roleName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code round} on a new daemon thread named {@code threadName}.
     *
     * @param threadName the thread's name
     * @param round the work, run again and again until {@link #stop()}
     * @param onError called, on the agent thread, with anything a round throws; the agent goes on
     * @return the started agent
     */
    public static BackgroundAgent start(String threadName, Round round, ErrorHandler onError) {
        return new BackgroundAgent(threadName, round, onError);
    }

    /** Ends the current nap, so the next round starts now. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /** Asks the thread to end; returns at once (see the class comment). Idempotent. */
    public void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    /** @return whether {@link #stop()} was called; long waits inside a round check it */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * For tests: while held, rounds do nothing, as if the thread never got a CPU, so a test can
     * show that no engine wait depends on it.
     *
     * @param hold true to hold the rounds off, false to let them run again
     */
    public void hold(boolean hold) {
        held = hold;
        if (!hold) {
            wake();
        }
    }

    /** @return the agent's thread (for diagnostics and tests) */
    public Thread thread() {
        return thread;
    }

    private final class RoundAgent implements Agent {
        @Override
        public int doWork() {
            if (stopped) {
                throw new AgentTerminationException(true);
            }
            if (held) {
                napNanos = 1_000_000L;
                return 0;
            }
            long nap = round.run();
            napNanos = nap;
            return nap > 0 ? 0 : 1;
        }

        @Override
        public String roleName() {
            return roleName;
        }
    }

    /** The runner's idle strategy: park for the nap the round asked for ({@link #wake()} unparks). */
    private final class Napper implements IdleStrategy {
        @Override
        public void idle(int workCount) {
            if (workCount <= 0) {
                idle();
            }
        }

        @Override
        public void idle() {
            LockSupport.parkNanos(Math.max(napNanos, 1_000L));
        }

        @Override
        public void reset() {
        }
    }
}
