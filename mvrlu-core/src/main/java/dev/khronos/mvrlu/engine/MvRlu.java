package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.mvrlu.sync.Backoff;
import dev.khronos.mvrlu.sync.GracePeriodDetector;
import dev.khronos.mvrlu.sync.LogicalClock;
import dev.khronos.mvrlu.sync.StatCounters;
import dev.khronos.mvrlu.sync.ThreadRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An MV-RLU domain: multi-version read-log-update (Kim et al., ASPLOS 2019) on the JVM.
 *
 * <pre>{@code
 * try (MvRlu domain = MvRlu.create(MvRluConfig.defaults());
 *      RluHandle h = domain.register()) {
 *     try (Section s = h.readLock()) { ... s.deref(...) ... }
 * }
 * }</pre>
 *
 * <p>Implementation notes. Readers never block on writers except for the few instructions
 * between a commit's link and its timestamp; writers never wait for readers. Versions pile up in
 * each handle's {@link VersionLog} until a grace period passes their commit timestamp, then they
 * are cut from their chains and the newest is written back into the master. Grace periods are
 * detected by one background daemon thread per domain (an Agrona {@link Agent} on an
 * {@link AgentRunner}; the C "qp" thread) that runs one every {@code qpIntervalMicros} while any
 * log holds versions, at once when a watermark asks for it, and parks when nothing is pending. It
 * also helps the logs of idle handles and drains the logs of closed ones. In
 * {@link ReclaimMode#INLINE} mode there is no thread: a handle that hits a watermark detects and
 * reclaims itself, between its sections.
 *
 * <p>Thread-safety: thread-safe, as {@link RluDomain}.
 */
public final class MvRlu extends RluDomain {
    private static final AtomicInteger DOMAIN_IDS = new AtomicInteger();
    /** How often the detector looks for handles whose thread died. */
    private static final long DEAD_HANDLE_SCAN_NANOS = 10_000_000L;

    private final MvRluConfig config;
    private final LogicalClock clock = new LogicalClock();
    private final ThreadRegistry registry = new ThreadRegistry();
    private final GracePeriodDetector detector = new GracePeriodDetector(clock, registry);
    /** Every section open now or later has a snapshot >= safeTs. Monotonic. */
    private final AtomicLong safeTs = new AtomicLong();
    private final CopyOnWriteArrayList<MvRluHandle> handles = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<VersionLog> orphanLogs = new ConcurrentLinkedQueue<>();
    /** StatCounters<Stat> of handles already closed, and of reclamation done outside any handle. */
    private final StatCounters<Stat> retired = new StatCounters<>(Stat.ALL);
    private final StatCounters<Stat> reclaimerCounters = new StatCounters<>(Stat.ALL);
    private final Object inlineCollectLock = new Object();
    private final IdleStrategy inlineIdle;
    private final AgentRunner runner;
    private final Thread reclaimerThread;
    private volatile boolean reclaimRequested;
    private volatile boolean shutdown;

    private MvRlu(MvRluConfig config) {
        this.config = config;
        if (config.reclaimMode() == ReclaimMode.BACKGROUND) {
            long intervalNanos = config.qpIntervalMicros() * 1_000L;
            this.inlineIdle = Backoff.waiting(intervalNanos);
            Reclaimer reclaimer = new Reclaimer(intervalNanos);
            this.runner = new AgentRunner(reclaimer.napper(), this::onReclaimerError, null, reclaimer);
            this.reclaimerThread = AgentRunner.startOnThread(runner, r -> {
                Thread t = new Thread(r, "mvrlu-reclaimer-" + DOMAIN_IDS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.inlineIdle = Backoff.yielding();
            this.runner = null;
            this.reclaimerThread = null;
        }
    }

    /** @return a new domain with {@link MvRluConfig#defaults()} */
    public static MvRlu create() {
        return create(MvRluConfig.defaults());
    }

    /**
     * @param config the domain's configuration
     * @return a new domain; with the background reclaim mode its detector thread is started
     */
    public static MvRlu create(MvRluConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new MvRlu(config);
    }

    @Override
    public RluHandle register() {
        checkRunning();
        MvRluHandle h = new MvRluHandle(this);
        handles.add(h);
        registry.add(h.participant());
        return h;
    }

    @Override
    protected RluHandle registerForCurrentThread() {
        MvRluHandle h = (MvRluHandle) register();
        h.participant().bindOwner(Thread.currentThread());
        h.autoClose = true;
        return h;
    }

    @Override
    public MvRluConfig config() {
        return config;
    }

    @Override
    public LogicalClock clock() {
        return clock;
    }

    @Override
    public ThreadRegistry registry() {
        return registry;
    }

    /** @return the current safe timestamp: every open and future section's snapshot is at least this */
    long safeTs() {
        return safeTs.get();
    }

    /**
     * The safe timestamp itself, for optimistic sections' validation: every writeback of a
     * version happens after a value at least its timestamp was published here.
     */
    AtomicLong safeTsCell() {
        return safeTs;
    }

    IdleStrategy newIdleStrategy() {
        return config.reclaimMode() == ReclaimMode.BACKGROUND
                ? Backoff.waiting(Math.max(config.qpIntervalMicros() * 1_000L, 50_000L))
                : Backoff.yielding();
    }

    void checkRunning() {
        if (shutdown) {
            throw new IllegalStateException("MV-RLU domain is shut down");
        }
    }

    /** Quiescent-side: asks for a grace period and reclamation (watermarks, flushLog). */
    void requestReclaim(MvRluHandle caller) {
        if (runner == null || shutdown) {
            collect();
            return;
        }
        if (!reclaimRequested) {
            reclaimRequested = true;
            LockSupport.unpark(reclaimerThread);
        }
    }

    void deregister(MvRluHandle h) {
        registry.remove(h.participant());
        handles.remove(h);
        synchronized (retired) {
            retired.mergeFrom(h.counters());
        }
        if (!h.log().isDrained()) {
            orphanLogs.add(h.log());
            if (runner != null && !shutdown) {
                reclaimRequested = true;
                LockSupport.unpark(reclaimerThread);
            }
        }
    }

    private void advanceSafeTs(long qp) {
        long current = safeTs.get();
        if (qp > current) {
            safeTs.accumulateAndGet(qp, Math::max);
        }
    }

    /**
     * Owner-side, between sections: advances the safe timestamp to what a non-blocking scan of
     * the participants allows (see {@link GracePeriodDetector#safeBoundNow()}).
     */
    void advanceSafeTsWithoutWaiting(StatCounters<Stat> counters) {
        counters.inc(Stat.n_self_qp);
        advanceSafeTs(detector.safeBoundNow());
    }

    /**
     * One grace period plus help: detect, publish the safe timestamp, reclaim every log that is
     * due (live handles' and orphans'), close {@code current()} handles whose thread died.
     * Inline mode, shutdown and {@link #quiesce()}; the caller must be quiescent.
     */
    private void collect() {
        synchronized (inlineCollectLock) {
            long qp = detector.awaitGracePeriod(inlineIdle);
            advanceSafeTs(qp);
            reclaimerCounters.inc(Stat.n_qp_detect);
            helpReclaim(safeTs.get(), reclaimerCounters);
            closeDeadHandles();
        }
    }

    private void helpReclaim(long upTo, StatCounters<Stat> counters) {
        for (MvRluHandle h : handles) {
            VersionLog log = h.log();
            if (log.hasWork() && log.tryReclaim(upTo, counters) > 0) {
                counters.inc(Stat.n_qp_help_reclaim);
            }
        }
        for (VersionLog log : orphanLogs) {
            log.tryReclaim(upTo, counters);
            if (log.isDrained() && orphanLogs.remove(log)) {
                counters.inc(Stat.n_qp_zombie_reclaim);
            }
        }
    }

    /**
     * Releases sections abandoned by dead threads (their locks would block writers forever even
     * when no grace period needs to wait for them) and closes {@code current()} handles whose
     * thread died (they would otherwise accumulate, e.g. one per virtual thread).
     */
    private void closeDeadHandles() {
        for (MvRluHandle h : handles) {
            if (h.participant().ownerDied()) {
                h.participant().recoverIfOwnerDied();
                if (h.autoClose) {
                    h.closeAbandoned();
                }
            }
        }
    }

    private boolean anythingPending() {
        if (!orphanLogs.isEmpty()) {
            return true;
        }
        for (MvRluHandle h : handles) {
            if (h.log().hasWork()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void quiesce() {
        collect();
    }

    @Override
    public RluStats stats() {
        StatCounters<Stat> merged = new StatCounters<>(Stat.ALL);
        synchronized (retired) {
            merged.mergeFrom(retired);
        }
        for (MvRluHandle h : handles) {
            merged.mergeFrom(h.counters());
        }
        synchronized (inlineCollectLock) {
            merged.mergeFrom(reclaimerCounters);
        }
        return new RluStats("mvrlu", merged.toMap());
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
        collect();
        collect();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    private void onReclaimerError(Throwable t) {
        System.err.println("mvrlu reclaimer error: " + t);
        t.printStackTrace();
    }

    @Override
    public String toString() {
        return "MvRlu[" + config.describe() + ", handles=" + handles.size() + ", safeTs=" + safeTs.get() + "]";
    }

    /**
     * The background detector (the C qp thread), as an Agrona agent. When {@link #doWork()} has
     * nothing to do it says how long to sleep, and its runner parks exactly that long (a request
     * unparks it): one wake-up per grace period while versions are pending, fewer and fewer while
     * nothing is, instead of a spin-yield-park ramp after every grace period that would take a
     * core from the workers dozens of times per interval on a 2-core machine.
     */
    private final class Reclaimer implements Agent {
        private final long intervalNanos;
        private final IdleStrategy waitForSections = Backoff.waiting(50_000L);
        private long lastDetect = System.nanoTime();
        private long lastDeadScan = System.nanoTime();
        /** How long the runner parks after doWork() returned 0. */
        private long napNanos;
        /** Grows while nothing is pending, up to the dead-handle scan period. */
        private long idleNapNanos;

        Reclaimer(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        @Override
        public int doWork() {
            long now = System.nanoTime();
            if (now - lastDeadScan >= DEAD_HANDLE_SCAN_NANOS) {
                lastDeadScan = now;
                closeDeadHandles();
            }
            boolean requested = reclaimRequested;
            if (requested) {
                reclaimRequested = false;
            } else {
                if (!anythingPending()) {
                    idleNapNanos = Math.min(Math.max(2 * idleNapNanos, Math.max(intervalNanos, 1_000L)), DEAD_HANDLE_SCAN_NANOS);
                    napNanos = idleNapNanos;
                    return 0;
                }
                long sinceDetect = now - lastDetect;
                if (sinceDetect < intervalNanos) {
                    reclaimerCounters.inc(Stat.n_qp_nap);
                    napNanos = intervalNanos - sinceDetect;
                    return 0;
                }
            }
            idleNapNanos = 0;
            long previousSafeTs = safeTs.get();
            long qp = detector.awaitGracePeriod(waitForSections);
            lastDetect = System.nanoTime();
            synchronized (inlineCollectLock) {
                advanceSafeTs(qp);
                reclaimerCounters.inc(Stat.n_qp_detect);
                // Owners reclaim their own logs at their next section boundary; help those that
                // did not get to it since the previous grace period (idle handles), and orphans.
                helpReclaim(requested ? qp : previousSafeTs, reclaimerCounters);
            }
            return 1;
        }

        @Override
        public String roleName() {
            return "mvrlu-reclaimer";
        }

        /** The runner's idle strategy: park for the nap doWork() asked for. */
        IdleStrategy napper() {
            return new IdleStrategy() {
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
            };
        }
    }
}
