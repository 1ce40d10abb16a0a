package dev.khronos.mvrlu.sync;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluStats;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every RLU-family domain keeps the same way: the clock, the registry and its grace-period
 * detector, the live handles, the statistics of closed handles, the shutdown flag, an optional
 * {@link BackgroundAgent}, and the recovery of handles whose thread died. Engines supply the
 * handle, the background round and what shutdown finishes.
 *
 * <p><b>Internal API</b> for the engines. Thread-safety: thread-safe, as {@link RluDomain}.
 *
 * @param <H> the engine's handle class
 * @param <E> the engine's statistics enum
 */
public abstract class EngineDomain<H extends EngineHandle<E>, E extends Enum<E>> extends RluDomain {
    /** How often a background thread looks for handles whose thread died. */
    protected static final long DEAD_HANDLE_SCAN_NANOS = 10_000_000L;

    private final String engineName;
    private final E[] stats;
    private final CommitClock clock;
    private final ThreadRegistry registry = new ThreadRegistry();
    private final GracePeriodDetector detector;
    private final CopyOnWriteArrayList<H> handles = new CopyOnWriteArrayList<>();
    /** Counters of closed handles and of work done outside any handle; guarded by itself. */
    private final StatCounters<E> retired;
    private BackgroundAgent background;
    private volatile boolean shutdown;

    /**
     * @param engineName the name {@link #stats()} reports
     * @param stats every constant of the engine's statistics enum
     * @param clock where snapshots and commit timestamps come from
     */
    protected EngineDomain(String engineName, E[] stats, CommitClock clock) {
        this.engineName = engineName;
        this.clock = clock;
        this.detector = new GracePeriodDetector(clock, registry);
        this.stats = stats;
        this.retired = new StatCounters<>(stats);
    }

    /**
     * Starts the background thread; once, from the engine's constructor.
     *
     * @param threadName the thread's name
     * @param round the engine's background work
     */
    protected final void startBackground(String threadName, BackgroundAgent.Round round) {
        background = BackgroundAgent.start(threadName, round, t -> {
            System.err.println(threadName + " error: " + t);
            t.printStackTrace();
        });
    }

    /** @return the background thread, or null in {@link dev.khronos.mvrlu.ReclaimMode#INLINE} mode */
    protected final BackgroundAgent background() {
        return background;
    }

    /** @return a new, unregistered handle */
    protected abstract H newHandle();

    @Override
    public H register() {
        checkRunning();
        H h = newHandle();
        handles.add(h);
        registry.add(h.participant());
        return h;
    }

    @Override
    protected final RluHandle registerForCurrentThread() {
        H h = register();
        h.participant().bindOwner(Thread.currentThread());
        h.markAutoClose();
        return h;
    }

    @Override
    public final CommitClock clock() {
        return clock;
    }

    @Override
    public final ThreadRegistry registry() {
        return registry;
    }

    /** @return the detector over this domain's clock and registry */
    protected final GracePeriodDetector detector() {
        return detector;
    }

    /** @return the live handles (a copy-on-write list: iterate freely) */
    protected final Iterable<H> handles() {
        return handles;
    }

    /** @return a back-off for a thread waiting on sections (one per waiting thread) */
    protected abstract IdleStrategy newIdleStrategy();

    /**
     * RCU's grace period, on the calling thread: {@link GracePeriodDetector#awaitSectionsOpenNow}.
     * Waits only for the sections open now, and only for their end.
     */
    @Override
    public final void synchronize() {
        detector.awaitSectionsOpenNow(newIdleStrategy());
    }

    /**
     * For waits that run a grace period on the calling thread ({@code quiesce}, {@code flushLog},
     * {@code shutdown}): fails at once instead of waiting forever for the caller's own section.
     *
     * @param operation the operation's name, for the message
     * @throws IllegalStateException if the calling thread has a section of this domain open
     */
    public final void checkCallerQuiescent(String operation) {
        if (detector.callerHasSectionOpen()) {
            throw new IllegalStateException(operation + "() called inside a section of the same domain: it would wait "
                    + "forever for that section; close the section first");
        }
    }

    /** @throws IllegalStateException if the domain is shut down */
    public final void checkRunning() {
        if (shutdown) {
            throw new IllegalStateException(engineName + " domain is shut down");
        }
    }

    /**
     * Removes a handle that its caller has just closed and keeps its statistics; then {@link #onDeregistered}.
     *
     * @param h the handle, closed by the caller
     */
    public final void deregister(H h) {
        registry.remove(h.participant());
        handles.remove(h);
        retire(h.counters());
        onDeregistered(h);
    }

    /**
     * Engine hook after a handle left the domain (e.g. hand its log to the reclaimer).
     *
     * @param h the handle that left
     */
    protected void onDeregistered(H h) {
    }

    /**
     * Adds counters of work done outside any live handle to the domain's statistics.
     *
     * @param counters counters to add (not kept)
     */
    protected final void retire(StatCounters<E> counters) {
        synchronized (retired) {
            retired.mergeFrom(counters);
        }
    }

    /**
     * Recovers handles whose thread died: a section left open is ended and its locks released,
     * {@link #afterOwnerDied} runs, and {@code current()} handles are closed (they would otherwise
     * accumulate, e.g. one per virtual thread). Safe to run from several threads at once.
     *
     * @param by the counters of the thread doing the work
     */
    protected final void closeDeadHandles(StatCounters<E> by) {
        for (H h : handles) {
            if (h.participant().ownerDied()) {
                h.participant().recoverIfOwnerDied();
                afterOwnerDied(h, by);
                if (h.isAutoClose() && h.markClosed()) {
                    deregister(h);
                }
            }
        }
    }

    /**
     * Engine hook for a handle whose thread died, after its section was recovered.
     *
     * @param h the handle
     * @param by the counters of the thread doing the work
     */
    protected void afterOwnerDied(H h, StatCounters<E> by) {
    }

    /** @return counters of the engine's own work not yet retired (e.g. the background thread's), or null */
    protected StatCounters<E> workCounters() {
        return null;
    }

    @Override
    public final RluStats stats() {
        StatCounters<E> merged = new StatCounters<>(stats);
        synchronized (retired) {
            merged.mergeFrom(retired);
        }
        for (H h : handles) {
            merged.mergeFrom(h.counters());
        }
        StatCounters<E> work = workCounters();
        if (work != null) {
            merged.mergeFrom(work);
        }
        return new RluStats(engineName, merged.toMap());
    }

    /**
     * Stops the background thread without waiting for it, then {@link #finishShutdown()} on the
     * calling thread. Idempotent.
     */
    @Override
    public final void shutdown() {
        checkCallerQuiescent("shutdown");
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        if (background != null) {
            background.stop();
        }
        finishShutdown();
    }

    /** What is left to do at shutdown, on the calling thread (reclaim, sync what is deferred). */
    protected abstract void finishShutdown();

    @Override
    public final boolean isShutdown() {
        return shutdown;
    }
}
