package dev.khronos.rlu;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.sync.Backoff;
import dev.khronos.mvrlu.sync.BackgroundAgent;
import dev.khronos.mvrlu.sync.EngineDomain;
import dev.khronos.mvrlu.sync.GracePeriodDetector;
import dev.khronos.mvrlu.sync.LogicalClock;
import dev.khronos.mvrlu.sync.Participant;
import dev.khronos.mvrlu.sync.StatCounters;
import org.agrona.concurrent.IdleStrategy;

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
 * {@link RluSection}). With {@link ReclaimMode#BACKGROUND} one daemon thread (a
 * {@link BackgroundAgent}) flushes deferred write sets older than {@code flushIntervalMicros} and
 * closes {@code current()} handles of dead threads; with {@link ReclaimMode#INLINE} there is no
 * thread.
 *
 * <p><b>No wait depends on the background thread.</b> It only takes work off the callers' hands:
 * a commit that fills the ring, {@code syncCheckpoint()}, {@code flushLog()}, {@code close()},
 * {@link #quiesce()} and {@link #shutdown()} synchronize and write back on the calling thread, and
 * shutdown signals the flusher without joining it. What a synchronize waits for is the sections
 * older than its clock bump (inherent to RLU: writers wait for readers; a section whose thread
 * died is recovered, never waited for). The one wait on another thread's work is for a handle's
 * sync lock while a helper (another writer, or the flusher) is synchronizing that handle's
 * deferred write sets: that helper is running the very synchronize the waiter would run, waits
 * only for readers, and backs off to {@code parkNanos}, so it is never parked indefinitely and the
 * waiter gives it the CPU.
 *
 * <p>Thread-safety: thread-safe, as {@link RluDomain}.
 */
public final class Rlu extends EngineDomain<RluThread, RluStat> {
    private static final AtomicInteger DOMAIN_IDS = new AtomicInteger();

    private final RluConfig config;
    /** RLU's clock is the counter: readers compare it with the commit counter (see {@link RluSection}). */
    private final LogicalClock clock;
    /** Finished writebacks (the C {@code g_rlu_commit_version}); one increment per synchronize. */
    private final LogicalClock commitCounter = new LogicalClock();

    private Rlu(RluConfig config) {
        this(config, new LogicalClock());
    }

    private Rlu(RluConfig config, LogicalClock clock) {
        super("rlu", RluStat.ALL, clock);
        this.clock = clock;
        this.config = config;
        if (config.reclaimMode() == ReclaimMode.BACKGROUND) {
            long intervalNanos = Math.max(config.flushIntervalMicros() * 1_000L, 50_000L);
            startBackground("rlu-flusher-" + DOMAIN_IDS.incrementAndGet(), new Flusher(intervalNanos));
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
    protected RluThread newHandle() {
        return new RluThread(this);
    }

    /** @return a new handle; cast-free access to {@link RluThread#syncCheckpoint()} */
    @Override
    public RluThread register() {
        return super.register();
    }

    @Override
    public RluConfig config() {
        return config;
    }

    /** @return the clock, as the counter it is */
    LogicalClock logicalClock() {
        return clock;
    }

    LogicalClock commitCounter() {
        return commitCounter;
    }

    @Override
    protected IdleStrategy newIdleStrategy() {
        return config.reclaimMode() == ReclaimMode.BACKGROUND ? Backoff.waiting(100_000L) : Backoff.yielding();
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
        detector().awaitGracePeriod(idle);
    }

    private boolean anySectionOlderThan(long wv) {
        for (Participant p : registry().snapshot()) {
            if ((p.lvRunCount() & 1L) != 0 && p.lvLocalClock() < wv) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the calling thread has a section open on some handle of this domain */
    boolean callerHasSectionOpen() {
        return detector().callerHasSectionOpen();
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

    /** For tests: hold the background flusher off, as if it never got a CPU (see {@link BackgroundAgent#hold}). */
    void holdFlusher(boolean hold) {
        if (background() != null) {
            background().hold(hold);
        }
    }

    /** Syncs the deferred write sets of a handle whose thread died (after its section was recovered). */
    @Override
    protected void afterOwnerDied(RluThread h, StatCounters<RluStat> by) {
        help(h, by, true);
    }

    /**
     * Waits for a grace period (recovering sections abandoned by dead threads), then synchronizes and
     * writes back every handle's deferred write sets, so every update committed before the call is
     * in the masters and visible to every section that starts afterwards. Quiescent-only.
     */
    @Override
    public void quiesce() {
        checkCallerQuiescent("quiesce");
        StatCounters<RluStat> mine = new StatCounters<>(RluStat.ALL);
        detector().awaitGracePeriod(newIdleStrategy());
        closeDeadHandles(mine);
        for (RluThread h : handles()) {
            help(h, mine, true);
        }
        retire(mine);
    }

    /** Syncs what is still deferred, on the calling thread (the flusher is only signalled). */
    @Override
    protected void finishShutdown() {
        quiesce();
    }

    @Override
    public String toString() {
        return "Rlu[" + config.describe() + ", clock=" + clock().lvNow() + "]";
    }

    /**
     * The background flusher: synchronizes deferred write sets that have waited longer than the
     * flush interval (their handle is idle, or defers for too long), and periodically closes the
     * {@code current()} handles of dead threads. Naps for the interval when there was nothing to do.
     */
    private final class Flusher implements BackgroundAgent.Round {
        private final long intervalNanos;
        private final StatCounters<RluStat> counters = new StatCounters<>(RluStat.ALL);
        private long lastDeadScan = System.nanoTime();

        Flusher(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        @Override
        public long run() {
            int work = 0;
            long now = System.nanoTime();
            if (now - lastDeadScan >= DEAD_HANDLE_SCAN_NANOS) {
                lastDeadScan = now;
                closeDeadHandles(counters);
            }
            for (RluThread h : handles()) {
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
                retire(counters);
                counters.clear();
            }
            return work > 0 ? 0 : intervalNanos;
        }
    }
}
