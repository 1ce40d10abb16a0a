package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.sync.EngineHandle;
import dev.khronos.mvrlu.sync.StatCounters;
import org.agrona.concurrent.IdleStrategy;

/**
 * An MV-RLU thread handle: participant (run counter and snapshot clock), section, log and
 * counters. Quiescent-side work lives here: reclaiming the own log at section boundaries, the
 * capacity and deref watermarks, {@link #flushLog()} and {@link #close()}.
 *
 * <p>Thread-safety: as {@link RluHandle}: one thread at a time.
 */
final class MvRluHandle extends EngineHandle<Stat> {
    private final MvRlu domain;
    private final MvSection section;
    private final VersionLog log = new VersionLog();
    /** Freed masters no section can reach any more, for {@link Section#recycled}; owner-only. */
    private final RluObject<?>[] recyclePool = new RluObject<?>[RECYCLE_CAPACITY];
    private int recycleCount;
    /** Recycled masters kept at most; more go to the garbage collector. */
    private static final int RECYCLE_CAPACITY = 256;
    /** How many of the newest recycled masters takeRecycled looks at for the wanted class. */
    private static final int RECYCLE_SEARCH = 8;
    private final StatCounters<Stat> counters;
    /** Back-off between rounds of the high-watermark and flushLog waits. */
    private final IdleStrategy idle;
    /** Back-off while a grace period on this thread waits for sections (reset per section waited for). */
    private final IdleStrategy sectionWait;
    private final int lowMark;
    private final int highMark;
    private final int derefMark;
    private final int derefMinObjects;
    /** The safe timestamp this handle last reclaimed its log with; reclaim again only when it moves. */
    private long lastReclaimSafeTs = -1;
    /** Log fill at which this handle scans for a safe timestamp itself again. */
    private long nextSelfScanAt;
    /** The configured reclaimBatch, at most the low mark; 0: self-scans only above the low mark. */
    private final int selfScanBatch;
    /** Versions between two self-scans: the batch, or an eighth of the low mark without one. */
    private final int scanStep;

    MvRluHandle(MvRlu domain) {
        super(Stat.ALL);
        this.domain = domain;
        this.counters = counters();
        this.idle = domain.newIdleStrategy();
        this.sectionWait = domain.newIdleStrategy();
        this.section = new MvSection(this, domain, participant(), counters, domain.newIdleStrategy());
        MvRluConfig config = domain.config();
        this.lowMark = config.lowMarkVersions();
        this.highMark = config.highMarkVersions();
        this.derefMark = config.derefMark();
        this.derefMinObjects = config.derefMinObjects();
        this.selfScanBatch = Math.min(config.reclaimBatch(), lowMark);
        this.scanStep = selfScanBatch > 0 ? selfScanBatch : Math.max(1, lowMark / 8);
        this.nextSelfScanAt = selfScanBatch > 0 ? selfScanBatch : lowMark;
    }

    VersionLog log() {
        return log;
    }

    /**
     * Owner-only: a reclaimed write set taken back for a new section (see
     * {@link VersionLog#takeReclaimed()}), or null. The masters its commit freed became unreachable
     * when it was reclaimed: every section that could reach them had a snapshot older than the
     * commit and has ended (or, unannounced, fails its next validation), and chain cuts left no
     * version pointing to them; they go to this handle's recycle pool.
     */
    WriteSet takeReclaimedWriteSet() {
        WriteSet ws = log.takeReclaimed();
        if (ws != null && ws.freeCount() > 0) {
            for (int i = 0, n = ws.freeCount(); i < n && recycleCount < recyclePool.length; i++) {
                RluObject<?> m = ws.freedMaster(i);
                ObjectHeaders.resetForReuse(m);
                recyclePool[recycleCount++] = m;
            }
            ws.releaseFreed();
        }
        return ws;
    }

    /**
     * Owner-only: a recycled master of exactly {@code type}, looked for among the most recently
     * recycled few, or null.
     */
    @SuppressWarnings("unchecked")
    <T extends RluObject<T>> T takeRecycled(Class<T> type) {
        for (int i = recycleCount - 1, stop = Math.max(0, recycleCount - RECYCLE_SEARCH); i >= stop; i--) {
            RluObject<?> m = recyclePool[i];
            if (m.getClass() == type) {
                recyclePool[i] = recyclePool[--recycleCount];
                recyclePool[recycleCount] = null;
                counters.inc(Stat.n_recycled);
                return (T) m;
            }
        }
        return null;
    }

    @Override
    public RluDomain domain() {
        return domain;
    }

    @Override
    public Section readLock() {
        beforeSection("readLock");
        return section.open();
    }

    /**
     * Opens an optimistic section with the checks only: it adds nothing to the log, so the log's
     * bookkeeping waits for the next section that writes, and the high watermark is checked when
     * (if ever) it upgrades to locking ({@link #aboveHighMark()}).
     */
    @Override
    public Section optimisticReadLock() {
        checkCanOpen("optimisticReadLock");
        return section.openOptimistic();
    }

    private void checkCanOpen(String operation) {
        if (isClosed()) {
            throw new IllegalStateException(operation + "() on a closed handle");
        }
        if (section.isOpen()) {
            throw new IllegalStateException("a section is already open on this handle: sections do not nest");
        }
        domain.checkRunning();
    }

    /** @return whether the log is at or above the high watermark (a section that wants to lock must wait first) */
    boolean aboveHighMark() {
        return log.ownerPending() >= highMark;
    }

    /** Quiescent-side checks and bookkeeping before a section opens. */
    private void beforeSection(String operation) {
        checkCanOpen(operation);
        long pending = log.ownerPending();
        if (pending > 0) {
            reclaimOwnLogIfSafeTsMoved();
            pending = log.ownerPending();
            if (pending >= highMark) {
                blockOnHighMark();
            }
        }
    }

    /**
     * After a section that locked nothing: only the deref watermark (long chains met) may ask for
     * reclamation; the log did not change, so its bookkeeping waits for the next writing section.
     */
    void afterReadOnlySection(int derefs, int chainDerefs) {
        if (derefMark > 0 && chainDerefs > 0 && derefs > derefMinObjects && derefs < derefMark * chainDerefs) {
            counters.inc(Stat.n_deref_mark_wakeup);
            domain.requestReclaim(this);
        }
    }

    /**
     * Quiescent-side bookkeeping after a section that locked ended (committed or aborted): every
     * {@code reclaimBatch} new versions (and at the low watermark, whatever the batch) the handle
     * scans for a safe timestamp itself, without waiting, and reclaims its own log, so its
     * versions are written back while still in its cache instead of piling up until the
     * background thread gets a CPU; the watermarks also ask that thread for a grace period.
     */
    void afterSection(int derefs, int chainDerefs) {
        boolean request = false;
        if (derefMark > 0 && chainDerefs > 0 && derefs > derefMinObjects && derefs < derefMark * chainDerefs) {
            counters.inc(Stat.n_deref_mark_wakeup);
            request = true;
        }
        long pending = log.ownerPending();
        if (pending > 0) {
            counters.max(Stat.max_log_used, pending);
            if (pending >= lowMark) {
                counters.inc(Stat.n_low_mark_wakeup);
                request = true;
            }
            if (pending >= nextSelfScanAt && (selfScanBatch > 0 || pending >= lowMark)) {
                domain.advanceSafeTsWithoutWaiting(counters);
                reclaimOwnLogIfSafeTsMoved();
                pending = log.ownerPending();
                nextSelfScanAt = pending + scanStep;
            } else if (pending + scanStep < nextSelfScanAt) {
                nextSelfScanAt = pending + scanStep;      // others reclaimed meanwhile
            }
        }
        if (request) {
            domain.requestReclaim(this);
        }
        if (pending > 0) {
            reclaimOwnLogIfSafeTsMoved();
        }
    }

    private void reclaimOwnLogIfSafeTsMoved() {
        long safeTs = domain.safeTs();
        if (safeTs != lastReclaimSafeTs) {
            lastReclaimSafeTs = safeTs;
            log.tryReclaim(safeTs, counters);
        }
    }

    /** The high watermark: wait, requesting and helping, until the log is below it. */
    private void blockOnHighMark() {
        counters.inc(Stat.n_high_mark_block);
        idle.reset();
        while (log.ownerPending() >= highMark) {
            domain.requestReclaim(this);
            domain.advanceSafeTsWithoutWaiting(counters);
            long safeTs = domain.safeTs();
            if (safeTs != lastReclaimSafeTs) {
                lastReclaimSafeTs = safeTs;
                if (log.tryReclaim(safeTs, counters) > 0) {
                    idle.reset();
                    continue;
                }
            }
            idle.idle();
        }
    }

    /**
     * Reclaims this handle's log on the calling thread until it is drained: each round runs its
     * own grace period (never waiting for the background thread, which a loaded machine may not
     * schedule), reclaims, and recovers the sections of dead threads, whose locks would hold a
     * deferred writeback back. Waits only for other threads' open sections.
     */
    @Override
    public void flushLog() {
        if (section.isOpen()) {
            throw new IllegalStateException("flushLog() inside a section: close it first");
        }
        domain.checkCallerQuiescent("flushLog");
        idle.reset();
        for (;;) {
            // Reclaim on every round, not only when the safe timestamp moves: with no more commits
            // it never moves, and writebacks deferred by a busy lock still have to be retried.
            lastReclaimSafeTs = domain.safeTs();
            log.tryReclaim(lastReclaimSafeTs, counters);
            if (log.isDrained()) {
                return;
            }
            domain.collect(counters, sectionWait);
            if (log.isDrained()) {
                return;
            }
            idle.idle();
        }
    }

    @Override
    protected void recoverAbandonedSection() {
        section.recoverAbandoned();
    }

    /** Domain-side, once the owner thread has died: see {@link MvSection#recoverAbandonedUnannounced()}. */
    void recoverAbandonedUnannouncedSection() {
        synchronized (participant()) {
            section.recoverAbandonedUnannounced();
        }
    }

    /** Never waits: versions still in the log are handed to the domain, which drains them. */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        if (section.isOpen()) {
            throw new IllegalStateException("close() of a handle whose section is open: close the section first");
        }
        if (markClosed()) {
            domain.deregister(this);
        }
    }
}
