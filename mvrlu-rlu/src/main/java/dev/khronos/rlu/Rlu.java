package dev.khronos.rlu;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.mvrlu.sync.Backoff;
import dev.khronos.mvrlu.sync.GracePeriodDetector;
import dev.khronos.mvrlu.sync.LogicalClock;
import dev.khronos.mvrlu.sync.Participant;
import dev.khronos.mvrlu.sync.StatCounters;
import dev.khronos.mvrlu.sync.ThreadRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classic RLU domain (read-log-update, Matveev et al., SOSP 2015) behind the same API as MV-RLU.
 *
 * <pre>{@code
 * try (Rlu domain = Rlu.create(RluConfig.defaults());
 *      RluHandle h = domain.register()) {
 *     try (Section s = h.readLock()) { ... s.deref(...) ... }
 * }
 * }</pre>
 *
 * <p>Implementation notes. Two versions per object: the master (the committed state) and at most
 * one pending copy, which is the master's lock word. A writer commits by bumping the global clock,
 * waiting for a grace period ({@link #synchronize}: the shared {@link GracePeriodDetector}, the same
 * code MV-RLU's reclaimer uses) and writing its copies back into the masters under their locks;
 * readers that began after the bump steal the pending copies, older ones read the masters and are
 * waited for. So writers block on readers, never the reverse (a reader only waits out the few
 * instructions between a synchronize's SYNCING mark and its clock value). Nothing needs reclaiming
 * afterwards: copies become garbage. The clock and the handle registry are mvrlu-core's; a second
 * padded counter, the commit counter, counts finished writebacks for the reader fast path (see
 * {@link RluSection}). With {@link ReclaimMode#BACKGROUND} one daemon thread (an Agrona
 * {@link Agent}) flushes deferred write sets older than {@code flushIntervalMicros} and closes
 * {@code current()} handles of dead threads; with {@link ReclaimMode#INLINE} there is no thread.
 *
 * <p>Thread-safety: thread-safe, as {@link RluDomain}.
 */
public final class Rlu extends RluDomain {
    private static final AtomicInteger DOMAIN_IDS = new AtomicInteger();
    private static final long DEAD_HANDLE_SCAN_NANOS = 10_000_000L;

    private final RluConfig config;
    private final LogicalClock clock = new LogicalClock();
    /** Finished writebacks (the C {@code g_rlu_commit_version}); one increment per synchronize. */
    private final LogicalClock commitCounter = new LogicalClock();
    private final ThreadRegistry registry = new ThreadRegistry();
    private final GracePeriodDetector detector = new GracePeriodDetector(clock, registry);
    private final CopyOnWriteArrayList<RluThread> handles = new CopyOnWriteArrayList<>();
    /** Counters of closed handles and of the domain's own work (quiesce, flusher); guarded by itself. */
    private final StatCounters<RluStat> retired = new StatCounters<>(RluStat.ALL);
    private final AgentRunner runner;
    private volatile boolean shutdown;

    private Rlu(RluConfig config) {
        this.config = config;
        if (config.reclaimMode() == ReclaimMode.BACKGROUND) {
            long intervalNanos = Math.max(config.flushIntervalMicros() * 1_000L, 50_000L);
            this.runner = new AgentRunner(Backoff.waiting(intervalNanos), this::onFlusherError, null, new Flusher(intervalNanos));
            AgentRunner.startOnThread(runner, r -> {
                Thread t = new Thread(r, "rlu-flusher-" + DOMAIN_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.runner = null;
        }
    }

    /**
     * @return a new domain with {@link RluConfig#defaults()}, and the deferral depth from the system
     *         property {@link #MAX_WRITE_SETS_PROPERTY} when it is set
     */
    public static Rlu create() {
        RluConfig config = RluConfig.defaults();
        Integer depth = Integer.getInteger(MAX_WRITE_SETS_PROPERTY);
        return create(depth == null ? config : config.withMaxWriteSets(depth));
    }

    /**
     * System property read by {@link #create()} only: the deferral depth (max write sets), so that
     * tools creating the engine by name (hlbench {@code -w}) can set it. Explicit configurations
     * ignore it.
     */
    public static final String MAX_WRITE_SETS_PROPERTY = "khronos.rlu.maxWriteSets";

    /**
     * @param config the domain's configuration
     * @return a new domain; with the background mode its flusher thread is started
     */
    public static Rlu create(RluConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new Rlu(config);
    }

    @Override
    public RluThread register() {
        checkRunning();
        RluThread h = new RluThread(this);
        handles.add(h);
        registry.add(h.participant());
        return h;
    }

    @Override
    protected RluHandle registerForCurrentThread() {
        RluThread h = register();
        h.participant().bindOwner(Thread.currentThread());
        h.autoClose = true;
        return h;
    }

    @Override
    public RluConfig config() {
        return config;
    }

    @Override
    public LogicalClock clock() {
        return clock;
    }

    LogicalClock commitCounter() {
        return commitCounter;
    }

    @Override
    public ThreadRegistry registry() {
        return registry;
    }

    IdleStrategy newIdleStrategy() {
        return config.reclaimMode() == ReclaimMode.BACKGROUND ? Backoff.waiting(100_000L) : Backoff.yielding();
    }

    void checkRunning() {
        if (shutdown) {
            throw new IllegalStateException("RLU domain is shut down");
        }
    }

    /**
     * The RLU synchronize (the C {@code rlu_synchronize}) for a writer clock {@code wv} already
     * taken: returns once every section that was open with {@code localClock < wv} has ended (the
     * detector waits for {@code localClock >= qp}, with {@code qp >= wv} read after the increment).
     */
    void synchronize(long wv, StatCounters<RluStat> by, IdleStrategy idle) {
        if (anySectionOlderThan(wv)) {
            by.inc(RluStat.n_writer_sync_waits);
        }
        detector.awaitGracePeriod(idle);
    }

    private boolean anySectionOlderThan(long wv) {
        for (Participant p : registry.snapshot()) {
            if ((p.lvRunCount() & 1L) != 0 && p.lvLocalClock() < wv) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the calling thread has a section open on some handle of this domain */
    boolean callerHasSectionOpen() {
        Thread me = Thread.currentThread();
        for (Participant p : registry.snapshot()) {
            if (p.owner() == me && (p.lvRunCount() & 1L) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Quiescent-side: synchronizes and writes back {@code holder}'s deferred write sets on the
     * calling thread. Without {@code wait} it gives up if the holder's sync lock is busy (its owner or
     * another helper is doing it) or helping is turned off; a holder whose thread died inside a
     * section is recovered first (its open write set's locks are released).
     */
    void help(RluThread holder, StatCounters<RluStat> by, boolean wait) {
        if (holder.participant().ownerDied()) {
            holder.participant().recoverIfOwnerDied();
        }
        if (holder.lvDeferredCount() == 0 || (!wait && !config.helpIdleHolders())) {
            return;
        }
        if (wait) {
            holder.acquireSyncLock();
        } else if (!holder.trySyncLock()) {
            return;
        }
        try {
            holder.syncLocked(by);
        } finally {
            holder.releaseSyncLock();
        }
    }

    void deregister(RluThread h) {
        registry.remove(h.participant());
        handles.remove(h);
        synchronized (retired) {
            retired.mergeFrom(h.counters());
        }
    }

    /** Closes {@code current()} handles whose thread died, releasing what they hold. */
    private void closeDeadHandles(StatCounters<RluStat> by) {
        for (RluThread h : handles) {
            if (h.participant().ownerDied()) {
                help(h, by, true);
                if (h.autoClose) {
                    h.closeAbandoned(by);
                }
            }
        }
    }

    /**
     * Waits for a grace period (recovering sections abandoned by dead threads), then synchronizes and
     * writes back every handle's deferred write sets, so every update committed before the call is
     * in the masters and visible to every section that starts afterwards. Quiescent-only.
     */
    @Override
    public void quiesce() {
        StatCounters<RluStat> mine = new StatCounters<>(RluStat.ALL);
        detector.awaitGracePeriod(newIdleStrategy());
        closeDeadHandles(mine);
        for (RluThread h : handles) {
            help(h, mine, true);
        }
        synchronized (retired) {
            retired.mergeFrom(mine);
        }
    }

    @Override
    public RluStats stats() {
        StatCounters<RluStat> merged = new StatCounters<>(RluStat.ALL);
        synchronized (retired) {
            merged.mergeFrom(retired);
        }
        for (RluThread h : handles) {
            merged.mergeFrom(h.counters());
        }
        return new RluStats("rlu", merged.toMap());
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        if (runner != null) {
            runner.close();
        }
        quiesce();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    private void onFlusherError(Throwable t) {
        System.err.println("rlu flusher error: " + t);
        t.printStackTrace();
    }

    @Override
    public String toString() {
        return "Rlu[" + config.describe() + ", handles=" + handles.size() + ", clock=" + clock.lvNow() + "]";
    }

    /**
     * The background flusher: synchronizes deferred write sets that have waited longer than the
     * flush interval (their handle is idle, or defers for too long), and periodically closes the
     * {@code current()} handles of dead threads. Its runner backs off whenever {@link #doWork()}
     * returns 0.
     */
    private final class Flusher implements Agent {
        private final long intervalNanos;
        private final StatCounters<RluStat> counters = new StatCounters<>(RluStat.ALL);
        private long lastDeadScan = System.nanoTime();

        Flusher(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        @Override
        public int doWork() {
            int work = 0;
            long now = System.nanoTime();
            if (now - lastDeadScan >= DEAD_HANDLE_SCAN_NANOS) {
                lastDeadScan = now;
                closeDeadHandles(counters);
            }
            for (RluThread h : handles) {
                if (h.lvDeferredCount() > 0 && now - h.deferredSinceNanos() >= intervalNanos && h.trySyncLock()) {
                    try {
                        h.syncLocked(counters);
                        work++;
                    } finally {
                        h.releaseSyncLock();
                    }
                }
            }
            if (counters.any()) {
                synchronized (retired) {
                    retired.mergeFrom(counters);
                }
                counters.clear();
            }
            return work;
        }

        @Override
        public String roleName() {
            return "rlu-flusher";
        }
    }
}
