package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.sync.Backoff;
import dev.khronos.mvrlu.sync.BackgroundAgent;
import dev.khronos.mvrlu.sync.CommitClock;
import dev.khronos.mvrlu.sync.EngineDomain;
import dev.khronos.mvrlu.sync.GracePeriodDetector;
import dev.khronos.mvrlu.sync.LogicalClock;
import dev.khronos.mvrlu.sync.OrdoClock;
import dev.khronos.mvrlu.sync.StatCounters;
import org.agrona.concurrent.IdleStrategy;

import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * detected by one background daemon thread per domain (a {@link BackgroundAgent}; the C "qp"
 * thread) that runs one every {@code qpIntervalMicros} while any log holds versions, at once when
 * a watermark asks for it, and parks when nothing is pending. It also helps the logs of idle
 * handles and drains the logs of closed ones. In {@link ReclaimMode#INLINE} mode there is no
 * thread: a handle that hits a watermark detects and reclaims itself, between its sections.
 *
 * <p><b>No wait depends on the background thread.</b> On a loaded 2-core machine that thread may
 * not get a CPU for milliseconds, so it only ever saves callers work; every wait does the work it
 * waits for on the waiting thread, and waits for nothing but other threads' open sections:
 * <ul>
 *   <li>the high watermark scans for a safe timestamp without waiting
 *       ({@link GracePeriodDetector#safeBoundNow()}) and reclaims its own log;</li>
 *   <li>{@code flushLog()}, {@link #quiesce()} and {@link #shutdown()} run their own
 *       grace period (waiting for sections older than the clock), reclaim, recover the sections
 *       of dead threads (whose locks would otherwise hold a writeback back), and repeat until done;
 *       a writeback deferred because a writer holds the object's lock waits for that writer's
 *       section;</li>
 *   <li>{@code close()} of a handle never waits: versions still in its log are handed to the
 *       domain (the background thread or the next quiesce or shutdown drains them);</li>
 *   <li>shutdown signals the background thread and never joins it.</li>
 * </ul>
 * The one remaining dependency on another thread's progress is inherent: a reader that meets a
 * linked, not yet stamped version waits (backing off to {@code parkNanos}, so the committer gets
 * the CPU) for the few instructions until its committer publishes the timestamp.
 *
 * <p>Thread-safety: thread-safe, as {@link RluDomain}.
 */
public final class MvRlu extends EngineDomain<MvRluHandle, Stat> {
    private static final AtomicInteger DOMAIN_IDS = new AtomicInteger();

    private final MvRluConfig config;
    /** Every section open now or later has a snapshot >= safeTs. Monotonic. */
    private final AtomicLong safeTs = new AtomicLong();
    private final ConcurrentLinkedQueue<VersionLog> orphanLogs = new ConcurrentLinkedQueue<>();
    /** The background thread's counters (single writer), merged into stats() as they are. */
    private final StatCounters<Stat> reclaimerCounters = new StatCounters<>(Stat.ALL);
    private volatile boolean reclaimRequested;
    /** Whether time moves without commits (ORDO), so the safe timestamp is capped at the newest commit. */
    private final boolean timeRunsWithoutCommits;

    private MvRlu(MvRluConfig config, CommitClock clock) {
        super("mvrlu", Stat.ALL, clock);
        this.config = config;
        this.timeRunsWithoutCommits = !(clock instanceof LogicalClock);
        if (config.reclaimMode() == ReclaimMode.BACKGROUND) {
            startBackground("mvrlu-reclaimer-" + DOMAIN_IDS.incrementAndGet(),
                    new Reclaimer(config.qpIntervalMicros() * 1_000L));
        }
    }

    /**
     * System property read by {@link #create()} only: the clock, {@code logical} or {@code ordo}
     * ({@link Timestamping}), so that tools creating the engine by name (hlbench and kbench
     * {@code --clock}) can choose it. Explicit configurations ignore it.
     */
    public static final String CLOCK_PROPERTY = "khronos.mvrlu.clock";

    /**
     * @return a new domain with {@link MvRluConfig#defaults()}, on the clock named by the system
     *         property {@link #CLOCK_PROPERTY} when it is set
     * @throws IllegalArgumentException if the property names no clock
     */
    public static MvRlu create() {
        String clock = System.getProperty(CLOCK_PROPERTY);
        MvRluConfig config = MvRluConfig.defaults();
        if (clock != null) {
            try {
                config = config.withClock(Timestamping.valueOf(clock.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CLOCK_PROPERTY + " must be logical or ordo, got '" + clock + "'");
            }
        }
        return create(config);
    }

    /**
     * @param config the domain's configuration
     * @return a new domain; with the background reclaim mode its detector thread is started
     */
    public static MvRlu create(MvRluConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new MvRlu(config, clockFor(config));
    }

    /** For tests: a domain on a given clock (e.g. an ORDO clock over a skewed time source). */
    static MvRlu create(MvRluConfig config, CommitClock clock) {
        return new MvRlu(config, clock);
    }

    private static CommitClock clockFor(MvRluConfig config) {
        if (config.clock() == Timestamping.LOGICAL) {
            return new LogicalClock();
        }
        long bound = config.ordoBoundNanos() >= 0 ? config.ordoBoundNanos() : OrdoClock.measuredBound();
        return new OrdoClock(bound, System::nanoTime);
    }

    @Override
    protected MvRluHandle newHandle() {
        return new MvRluHandle(this);
    }

    @Override
    public MvRluConfig config() {
        return config;
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

    /** @return a back-off for a thread waiting on sections or writebacks (one per waiting thread) */
    @Override
    protected IdleStrategy newIdleStrategy() {
        return config.reclaimMode() == ReclaimMode.BACKGROUND
                ? Backoff.waiting(Math.max(config.qpIntervalMicros() * 1_000L, 50_000L))
                : Backoff.yielding();
    }

    /** For tests: hold the background reclaimer off, as if it never got a CPU (see {@link BackgroundAgent#hold}). */
    void holdReclaimer(boolean hold) {
        if (background() != null) {
            background().hold(hold);
        }
    }

    /**
     * Quiescent-side, from a watermark: asks the background thread for a grace period, or, in
     * inline mode, runs one on the caller.
     */
    void requestReclaim(MvRluHandle caller) {
        BackgroundAgent reclaimer = background();
        if (reclaimer == null || isShutdown()) {
            collect(caller.counters(), Backoff.yielding());
            return;
        }
        if (!reclaimRequested) {
            reclaimRequested = true;
            reclaimer.wake();
        }
    }

    /** Releases the locks of an optimistic section its dead owner left open (no run counter shows it). */
    @Override
    protected void afterOwnerDied(MvRluHandle h, StatCounters<Stat> by) {
        h.recoverAbandonedUnannouncedSection();
    }

    @Override
    protected void onDeregistered(MvRluHandle h) {
        if (!h.log().isDrained()) {
            orphanLogs.add(h.log());
            BackgroundAgent reclaimer = background();
            if (reclaimer != null && !isShutdown()) {
                reclaimRequested = true;
                reclaimer.wake();
            }
        }
    }

    /**
     * Publishes what a grace period found safe and returns what may be reclaimed now. Under ORDO
     * the bound is capped at the newest appended commit: the time keeps moving when nothing is
     * committed, and a safe timestamp past every commit would reclaim nothing more while failing
     * the validation of every optimistic section that opened before it (an idle domain's lookups
     * would abort whenever a detection ran during them).
     */
    private long advanceSafeTs(long qp) {
        long bound = timeRunsWithoutCommits ? Math.min(qp, newestAppendedCommit()) : qp;
        long current = safeTs.get();
        if (bound > current) {
            current = safeTs.accumulateAndGet(bound, Math::max);
        }
        return current;
    }

    private long newestAppendedCommit() {
        long newest = 0;
        for (MvRluHandle h : handles()) {
            newest = Math.max(newest, h.log().lvNewestTimestamp());
        }
        for (VersionLog log : orphanLogs) {
            newest = Math.max(newest, log.lvNewestTimestamp());
        }
        return newest;
    }

    /**
     * Owner-side, between sections: advances the safe timestamp to what a non-blocking scan of
     * the participants allows (see {@link GracePeriodDetector#safeBoundNow()}).
     */
    void advanceSafeTsWithoutWaiting(StatCounters<Stat> counters) {
        counters.inc(Stat.n_self_qp);
        advanceSafeTs(detector().safeBoundNow());
    }

    /**
     * One grace period on the calling thread, then help: publish the safe timestamp, reclaim every
     * log that is due (live handles' and orphans'), recover the sections of dead threads and close
     * their {@code current()} handles. The caller must be quiescent.
     */
    void collect(StatCounters<Stat> by, IdleStrategy idle) {
        long safe = advanceSafeTs(detector().awaitGracePeriod(idle));
        by.inc(Stat.n_qp_detect);
        helpReclaim(safe, by);
        closeDeadHandles(by);
    }

    private void helpReclaim(long upTo, StatCounters<Stat> counters) {
        for (MvRluHandle h : handles()) {
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

    private boolean anythingPending() {
        if (!orphanLogs.isEmpty()) {
            return true;
        }
        for (MvRluHandle h : handles()) {
            if (h.log().hasWork()) {
                return true;
            }
        }
        return false;
    }

    /** Background thread: whether an orphaned log, or the log of an idle owner, waits for reclamation. */
    private boolean anythingNeedsHelp() {
        boolean needed = !orphanLogs.isEmpty();
        for (MvRluHandle h : handles()) {
            needed |= h.log().needsHelp();          // every log, to keep each one's mark current
        }
        return needed;
    }

    /**
     * Runs grace periods on the calling thread until every log, live or orphaned, is drained.
     * Waits only for open sections (a writeback that a writer's lock holds back waits for that
     * writer's section).
     */
    private void drainAll(StatCounters<Stat> by) {
        IdleStrategy idle = newIdleStrategy();
        collect(by, idle);
        while (anythingPending()) {
            idle.idle();
            collect(by, idle);
        }
    }

    @Override
    public void quiesce() {
        checkCallerQuiescent("quiesce");
        StatCounters<Stat> mine = new StatCounters<>(Stat.ALL);
        collect(mine, newIdleStrategy());
        retire(mine);
    }

    @Override
    protected StatCounters<Stat> workCounters() {
        return reclaimerCounters;
    }

    /** Reclaims everything that is left on the calling thread (the background thread is only signalled). */
    @Override
    protected void finishShutdown() {
        StatCounters<Stat> mine = new StatCounters<>(Stat.ALL);
        drainAll(mine);
        retire(mine);
    }

    @Override
    public String toString() {
        return "MvRlu[" + config.describe() + ", bound=" + clock().bound() + ", safeTs=" + safeTs.get() + "]";
    }

    /**
     * The background detector (the C qp thread), one round per call. When there is nothing to do
     * it says how long to nap, and the agent parks exactly that long (a request wakes it): one
     * wake-up per grace period while versions are pending, fewer and fewer while nothing is,
     * instead of a spin-yield-park ramp after every grace period that would take a core from the
     * workers dozens of times per interval on a 2-core machine.
     */
    private final class Reclaimer implements BackgroundAgent.Round {
        private final long intervalNanos;
        private final IdleStrategy waitForSections = Backoff.waiting(50_000L);
        private long lastDetect = System.nanoTime();
        private long lastDeadScan = System.nanoTime();
        /** Grows while nothing is pending, up to the dead-handle scan period. */
        private long idleNapNanos;

        Reclaimer(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        @Override
        public long run() {
            long now = System.nanoTime();
            if (now - lastDeadScan >= DEAD_HANDLE_SCAN_NANOS) {
                lastDeadScan = now;
                closeDeadHandles(reclaimerCounters);
            }
            boolean requested = reclaimRequested;
            if (requested) {
                reclaimRequested = false;
            } else {
                if (!anythingNeedsHelp()) {
                    idleNapNanos = Math.min(Math.max(2 * idleNapNanos, Math.max(intervalNanos, 1_000L)), DEAD_HANDLE_SCAN_NANOS);
                    return idleNapNanos;
                }
                long sinceDetect = now - lastDetect;
                if (sinceDetect < intervalNanos) {
                    reclaimerCounters.inc(Stat.n_qp_nap);
                    return intervalNanos - sinceDetect;
                }
            }
            idleNapNanos = 0;
            long previousSafeTs = safeTs.get();
            long qp = detector().awaitGracePeriod(waitForSections, MvRlu.this::isShutdown);
            if (qp == GracePeriodDetector.ABANDONED) {
                return 0;
            }
            lastDetect = System.nanoTime();
            long safe = advanceSafeTs(qp);
            reclaimerCounters.inc(Stat.n_qp_detect);
            // Owners reclaim their own logs at their next section boundary; help those that did
            // not get to it since the previous grace period (idle handles), and orphans.
            helpReclaim(requested ? safe : previousSafeTs, reclaimerCounters);
            return 0;
        }
    }
}
