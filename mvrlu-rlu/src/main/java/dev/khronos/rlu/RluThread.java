package dev.khronos.rlu;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.sync.EngineHandle;
import dev.khronos.mvrlu.sync.StatCounters;
import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An RLU thread handle (the C {@code rlu_thread_data_t}): participant (run counter and snapshot
 * clock), section, the ring of deferred write sets, the sync lock and the statistics. Obtained from
 * {@link Rlu#register()} or {@link RluDomain#current()} (cast to this class for
 * {@link #syncCheckpoint()}).
 *
 * <p>Implementation notes. <b>Synchronize-plus-writeback</b> ({@link #syncLocked}) runs under this
 * handle's sync lock, by the owner or by a helper, outside any section of the running thread:
 * <ol>
 *   <li>mark every deferred write set {@code SYNCING}, take {@code wv = clock.incrementAndGet()},
 *       store {@code wv} into every write set (readers with {@code localClock >= wv} now steal);</li>
 *   <li><b>synchronize</b> with the shared {@code GracePeriodDetector}: {@code qp} = the clock read
 *       after the increment ({@code qp >= wv}); for every participant whose run counter {@code rc} is
 *       odd, wait (backing off) until its run counter {@code != rc} or its {@code localClock >= qp}.
 *       Every section that may have read a master of this write set instead of stealing
 *       ({@code localClock < wv}) is therefore over. A dead owner's section is recovered, never
 *       waited for; closed handles are deregistered and not scanned;</li>
 *   <li>write every copy back into its master ({@code copyStateFrom}, plain writes), then release
 *       the lock word (release store: readers that see it unlocked see the written-back master);
 *       freed masters keep the {@link dev.khronos.mvrlu.sync.LockSet#FREED} lock word; then increment the commit counter.</li>
 * </ol>
 * <b>Deferral.</b> A committed write set goes into the ring. The sync runs when the ring holds
 * {@code maxWriteSets} write sets (at once with 1), when a sync was requested (by a conflicting
 * writer, or by this handle's own lock request on an object it holds in a deferred write set), at
 * {@link #syncCheckpoint()}, {@link #flushLog()} and {@link #close()}; requests are honoured at the
 * next section boundary. Until then the deferred objects stay locked and their writer clock is
 * {@code UNSYNCED}: other handles read the old masters, their lock requests on those objects fail,
 * and only this handle sees the new values.
 *
 * <h2>Thread-safety</h2>
 * As {@link dev.khronos.mvrlu.RluHandle}: used by one thread at a time. {@link #readLock()}, {@link #execute},
 * {@link #flushLog()}, {@link #syncCheckpoint()} and {@link #close()} are <em>quiescent-side</em>
 * (no section of this thread open, on any handle of the same domain: a synchronize would wait for
 * it, which is detected and reported with an {@link IllegalStateException}). {@link #deferredWriteSets()}
 * and {@link #isSyncRequested()} may be called from any thread.
 */
public final class RluThread extends EngineHandle<RluStat> {
    private static final VarHandle SYNC_LOCK;
    private static final VarHandle DEFERRED_COUNT;
    private static final VarHandle SYNC_REQUESTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SYNC_LOCK = l.findVarHandle(RluThread.class, "syncLock", int.class);
            DEFERRED_COUNT = l.findVarHandle(RluThread.class, "deferredCount", int.class);
            SYNC_REQUESTED = l.findVarHandle(RluThread.class, "syncRequested", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Rlu domain;
    private final RluSection section;
    private final StatCounters<RluStat> counters;
    private final IdleStrategy idle;
    private final int maxWriteSets;
    /** Deferred write sets, oldest first; guarded by {@link #syncLock}. */
    private final RluWriteSet[] ring;
    /** 0 free, 1 held: by the owner while appending or syncing, by a helper while syncing. */
    private int syncLock;
    /** Number of write sets in the ring; written under the sync lock, read by anyone. */
    private int deferredCount;
    /** When the ring became non-empty (for the background flusher); under the sync lock. */
    private volatile long deferredSinceNanos;
    /** A sync request (the C {@code is_sync}); set by any thread, cleared by a sync. */
    private boolean syncRequested;

    RluThread(Rlu domain) {
        super(RluStat.ALL);
        this.domain = domain;
        this.counters = counters();
        this.idle = domain.newIdleStrategy();
        this.section = new RluSection(this, domain, participant(), counters, domain.newIdleStrategy());
        this.maxWriteSets = domain.config().maxWriteSets();
        this.ring = new RluWriteSet[maxWriteSets];
    }

    @Override
    public RluDomain domain() {
        return domain;
    }

    /** @return the number of committed write sets whose synchronize-plus-writeback is still pending */
    public int deferredWriteSets() {
        return lvDeferredCount();
    }

    /** @return whether a sync has been requested and not yet done */
    public boolean isSyncRequested() {
        return (boolean) SYNC_REQUESTED.getVolatile(this);
    }

    int lvDeferredCount() {
        return (int) DEFERRED_COUNT.getVolatile(this);
    }

    long deferredSinceNanos() {
        return deferredSinceNanos;
    }

    void requestSync() {
        if (!(boolean) SYNC_REQUESTED.getVolatile(this)) {
            SYNC_REQUESTED.setVolatile(this, true);
        }
    }

    // ------------------------------------------------------------------ sections

    @Override
    public Section readLock() {
        if (isClosed()) {
            throw new IllegalStateException("readLock() on a closed handle");
        }
        if (section.isOpen()) {
            throw new IllegalStateException("a section is already open on this handle: sections do not nest");
        }
        domain.checkRunning();
        if (isSyncRequested() && lvDeferredCount() > 0) {
            syncDeferred(false);                        // the section-entry sync checkpoint
        }
        return section.open();
    }

    /** Owner-side, after the section ended: append to the ring, sync if it is full or requested. */
    void commit(RluWriteSet ws) {
        acquireSyncLock();
        try {
            int n = deferredCount;
            if (n == 0) {
                deferredSinceNanos = System.nanoTime();
            }
            ring[n] = ws;
            DEFERRED_COUNT.setRelease(this, n + 1);
            if (n + 1 >= maxWriteSets || isSyncRequested()) {
                syncLocked(counters);
            } else {
                counters.inc(RluStat.n_deferred);
            }
        } finally {
            releaseSyncLock();
        }
    }

    /**
     * The section-exit sync checkpoint: honour a sync request, and help the holder of a deferred
     * write set a lock of the ended section failed on.
     */
    void checkpoint(RluThread conflictHolder) {
        if (isSyncRequested() && lvDeferredCount() > 0) {
            syncDeferred(false);
        }
        if (conflictHolder != null && conflictHolder != this) {
            domain.help(conflictHolder, counters, false);
        }
    }

    /**
     * Synchronizes and writes back every deferred write set of this handle now (the C
     * {@code rlu_sync_checkpoint} with a request pending). Afterwards every update this handle
     * committed is visible to every section that starts. Quiescent-side.
     *
     * @throws IllegalStateException inside a section
     */
    public void syncCheckpoint() {
        if (section.isOpen()) {
            throw new IllegalStateException("syncCheckpoint() inside a section: close it first");
        }
        domain.checkCallerQuiescent("syncCheckpoint");
        syncDeferred(true);
    }

    /** Same as {@link #syncCheckpoint()}: RLU has no log beyond the deferred write sets. */
    @Override
    public void flushLog() {
        if (section.isOpen()) {
            throw new IllegalStateException("flushLog() inside a section: close it first");
        }
        domain.checkCallerQuiescent("flushLog");
        syncDeferred(true);
    }

    private void syncDeferred(boolean force) {
        if (force) {
            acquireSyncLock();
        } else if (!trySyncLock()) {
            return;                                     // a helper is syncing it right now
        }
        try {
            syncLocked(counters);
        } finally {
            releaseSyncLock();
        }
    }

    // ------------------------------------------------------------------ synchronize + writeback

    boolean trySyncLock() {
        return SYNC_LOCK.compareAndSet(this, 0, 1);
    }

    void acquireSyncLock() {
        if (trySyncLock()) {
            return;
        }
        idle.reset();
        while (!trySyncLock()) {
            idle.idle();
        }
    }

    void releaseSyncLock() {
        SYNC_LOCK.setRelease(this, 0);
    }

    /**
     * Synchronize-plus-writeback of every deferred write set (see the class comment). The caller
     * holds this handle's sync lock and has no section open in this domain.
     *
     * @param by the counters of the thread doing the work (owner or helper)
     */
    void syncLocked(StatCounters<RluStat> by) {
        final int n = deferredCount;
        if (n == 0) {
            SYNC_REQUESTED.setVolatile(this, false);
            return;
        }
        if (domain.callerHasSectionOpen()) {
            SYNC_REQUESTED.setVolatile(this, true);     // keep it deferred; the next checkpoint retries
            throw new IllegalStateException("RLU synchronize would wait forever for a section this thread has "
                    + "open on another handle of the same domain: close that section before committing a write");
        }
        for (int i = 0; i < n; i++) {
            ring[i].svWriteClock(RluWriteSet.SYNCING);
        }
        final long wv = domain.logicalClock().incrementAndGet();
        for (int i = 0; i < n; i++) {
            ring[i].soWriteClock(wv);
        }
        domain.synchronize(wv, by, by == counters ? idle : domain.newIdleStrategy());
        long written = 0;
        for (int i = 0; i < n; i++) {
            final RluWriteSet ws = ring[i];
            for (int j = 0; j < ws.copyCount(); j++) {
                final RluObject<?> copy = ws.copy(j);
                final RluObject<?> m = ObjectHeaders.masterOf(copy);
                if (ws.freeCount() == 0 || !ws.isFreed(m)) {
                    ObjectHeaders.copyState(m, copy);      // a freed master needs no new state
                    written++;
                }
                ws.unlockCommitted(m);
            }
            for (int j = 0; j < ws.constCount(); j++) {
                ws.unlockCommitted(ws.constLocked(j));
            }
            ring[i] = null;
        }
        domain.commitCounter().incrementAndGet();
        DEFERRED_COUNT.setRelease(this, 0);
        SYNC_REQUESTED.setVolatile(this, false);
        by.add(RluStat.n_writer_writeback, written);
        by.inc(RluStat.n_sync_and_writeback);
        if (by != counters) {
            by.inc(RluStat.n_helped_sync);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    protected void recoverAbandonedSection() {
        section.recoverAbandoned();
    }

    /** Syncs what is deferred (on this thread), then deregisters. Idempotent. */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        if (section.isOpen()) {
            throw new IllegalStateException("close() of a handle whose section is open: close the section first");
        }
        syncDeferred(true);
        if (markClosed()) {
            domain.deregister(this);
        }
    }

    @Override
    public String toString() {
        return "RluThread[deferred=" + lvDeferredCount() + ", syncRequested=" + isSyncRequested() + ", closed=" + isClosed() + "]";
    }
}
