package dev.khronos.rlu;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.sync.LockSet;
import dev.khronos.mvrlu.sync.Participant;
import dev.khronos.mvrlu.sync.StatCounters;
import org.agrona.concurrent.IdleStrategy;

/**
 * The RLU section: deref, lock, commit and abort, each in one place.
 *
 * <p>Implementation notes (design brief §3.4).
 * <ul>
 *   <li><b>Two versions only.</b> The master is the single committed state; a locked master's lock
 *       word is the holder's one pending copy (or, for {@code tryLockConst}, the holder's write set:
 *       this port does not copy for a const lock, since a copy identical to the master gives thieves
 *       nothing the master does not; a freed master keeps {@link dev.khronos.mvrlu.sync.LockSet#FREED} forever).</li>
 *   <li><b>Open.</b> Read the domain's commit counter {@code c}, then enter the section (run counter
 *       odd with a full fence, then {@code localClock = clock}). Each synchronize increments the clock
 *       before, and the commit counter after, its writeback; so {@code c == localClock} proves that no
 *       synchronize with {@code wv <= localClock} was unfinished when {@code c} was read. Then, unless
 *       this handle has deferred write sets (read-your-own-writes), the section takes the <b>reader
 *       fast path</b>: deref returns the master without reading its lock word, because every copy a
 *       thief could use is already written back, and every later writer has {@code wv > localClock}
 *       and waits for this section before writing back. The first lock switches the fast path off.</li>
 *   <li><b>deref (slow path).</b> Unlocked, const-locked or freed: the master. Locked with a copy of
 *       this handle: the copy (the own open section's copy only with read-your-own-writes; a copy of
 *       an own deferred section always: it is this thread's committed past). Another handle's copy:
 *       <em>steal</em> it iff its write set's writer clock {@code wv <= localClock}; a writer clock
 *       still {@code SYNCING} is waited for (backing off), never guessed.</li>
 *   <li><b>tryLock.</b> An unlocked master is copied and the copy installed with one CAS of the lock
 *       word. Copying before the CAS is safe: the lock word was read null after the section's clock
 *       read, so any writer that locks the master later bumps the clock later ({@code wv >
 *       localClock}) and cannot write back before this section ends; and if the CAS succeeds nobody
 *       locked in between. No "newest version in the snapshot" check is needed: a writer keeps its
 *       locks until its writeback, which waits for every section older than its clock bump. Nested
 *       locks return the same copy; a lock held by an own <em>deferred</em> write set, or by another
 *       handle, fails and sends a sync request to the holder (and to this handle, if it defers).</li>
 *   <li><b>close.</b> Leave the section first (a writer never waits for itself), then hand the write
 *       set to the handle, which appends it to its deferral ring and synchronizes when the ring is
 *       full (always, with {@code maxWriteSets == 1}) or a sync was requested.</li>
 *   <li><b>abort.</b> Nothing was visible: unlock, and keep the write set for reuse.</li>
 * </ul>
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link RluThread} and its current thread.
 */
final class RluSection extends Section {
    private final RluThread handle;
    private final Rlu domain;
    private final Participant participant;
    private final StatCounters<RluStat> counters;
    private final IdleStrategy stealWait;
    private final boolean readYourOwnWrites;
    private final boolean nestedLocking;

    private boolean open;
    private boolean endedByAbort;
    private boolean checkLocks;
    private long localClock;
    /** The open write set, made by the section's first lock; null in read-only sections. */
    private RluWriteSet writeSet;
    /** An aborted write set kept for reuse, so abort-and-retry allocates no new one. */
    private RluWriteSet spareWriteSet;
    /** The holder of a deferred write set a lock failed on, to help at the section's end; or null. */
    private RluThread conflictHolder;

    RluSection(RluThread handle, Rlu domain, Participant participant, StatCounters<RluStat> counters, IdleStrategy stealWait) {
        this.handle = handle;
        this.domain = domain;
        this.participant = participant;
        this.counters = counters;
        this.stealWait = stealWait;
        this.readYourOwnWrites = domain.config().readYourOwnWrites();
        this.nestedLocking = domain.config().nestedLocking();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Opens the section; the handle has already run its checkpoint. */
    RluSection open() {
        final long commits = domain.commitCounter().lvNow();
        localClock = participant.enterSection(domain.clock());
        checkLocks = commits != localClock || handle.lvDeferredCount() > 0;
        open = true;
        endedByAbort = false;
        conflictHolder = null;
        counters.inc(RluStat.n_starts);
        if (!checkLocks) {
            counters.inc(RluStat.n_fast_path);
        }
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public RluHandle handle() {
        return handle;
    }

    private void checkOpen(String operation) {
        if (!open) {
            throw new IllegalStateException(operation + "() called outside a section: open one with readLock()");
        }
    }

    // ------------------------------------------------------------------ deref

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RluObject<T>> T deref(T obj) {
        if (!open) {
            checkOpen("deref");
        }
        if (obj == null) {
            return null;
        }
        final RluObject<?> m = ObjectHeaders.masterOf(obj);
        if (!checkLocks) {
            return (T) m;
        }
        final Object lockWord = ObjectHeaders.laLock(m);
        if (lockWord == null) {
            return (T) m;
        }
        return (T) derefLocked(m, lockWord);
    }

    private RluObject<?> derefLocked(RluObject<?> m, Object lockWord) {
        if (!(lockWord instanceof RluObject)) {
            return m;                                   // const lock or freed: the master is the state
        }
        final RluObject<?> copy = (RluObject<?>) lockWord;
        final RluWriteSet ws = (RluWriteSet) ObjectHeaders.writeSetOf(copy);
        if (ws.owner == handle) {
            return ws != writeSet || readYourOwnWrites ? copy : m;
        }
        long wv = ws.lvWriteClock();
        if (wv == RluWriteSet.SYNCING) {
            wv = awaitWriteClock(ws);
        }
        if (wv <= localClock) {
            counters.inc(RluStat.n_steals);
            return copy;
        }
        return m;
    }

    /** Waits, backing off, for a synchronize between its SYNCING mark and its clock value. */
    private long awaitWriteClock(RluWriteSet ws) {
        final IdleStrategy idle = stealWait;
        idle.reset();
        for (;;) {
            long wv = ws.lvWriteClock();
            if (wv != RluWriteSet.SYNCING) {
                return wv;
            }
            idle.idle();
        }
    }

    // ------------------------------------------------------------------ lock

    private RluWriteSet writeSet() {
        RluWriteSet ws = writeSet;
        if (ws == null) {
            ws = spareWriteSet;
            if (ws != null) {
                spareWriteSet = null;
            } else {
                ws = new RluWriteSet(handle);
            }
            writeSet = ws;
            checkLocks = true;                          // read-your-own-writes needs the lock words
        }
        return ws;
    }

    /**
     * A lock request failed on {@code lockWord}: ask its holder to sync (C {@code is_sync++}), and
     * remember to help a deferred holder at the end of this section.
     */
    private void conflict(Object lockWord) {
        final RluWriteSet holderWs = RluWriteSet.ofLockWord(lockWord);
        if (holderWs == null) {
            return;                                     // freed: locked forever
        }
        final RluThread holder = holderWs.owner;
        counters.inc(RluStat.n_sync_requests);
        holder.requestSync();
        if (holder == handle) {
            return;                                     // an own deferred write set: sync at our checkpoint
        }
        if (handle.lvDeferredCount() > 0) {
            handle.requestSync();                       // two deferring handles must not wait for each other
        }
        conflictHolder = holder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RluObject<T>> T tryLock(T obj) {
        checkOpen("tryLock");
        if (obj == null) {
            throw new NullPointerException("tryLock(null)");
        }
        final RluObject<?> m = ObjectHeaders.masterOf(obj);
        final RluWriteSet ws = writeSet();
        final Object lockWord = ObjectHeaders.lvLock(m);
        if (lockWord != null) {
            if (ws.holds(lockWord)) {
                if (!nestedLocking) {
                    return null;
                }
                if (lockWord != ws) {
                    return (T) lockWord;                // nested: the same copy
                }
                // Const-locked by this section: upgrade to a copy. Nobody else can change m now.
                final T copy = ObjectHeaders.newVersion(m, m, ws);
                ObjectHeaders.soLock(m, copy);
                ws.upgradeConstLock(m, copy);
                return copy;
            }
            conflict(lockWord);
            return null;
        }
        final T copy = ObjectHeaders.newVersion(m, m, ws);
        if (!ObjectHeaders.casLock(m, null, copy)) {
            conflict(ObjectHeaders.lvLock(m));
            return null;
        }
        ws.addCopy(copy);
        return copy;
    }

    @Override
    public boolean tryLockConst(RluObject<?> obj) {
        checkOpen("tryLockConst");
        if (obj == null) {
            throw new NullPointerException("tryLockConst(null)");
        }
        final RluObject<?> m = ObjectHeaders.masterOf(obj);
        final RluWriteSet ws = writeSet();
        final Object lockWord = ObjectHeaders.lvLock(m);
        if (lockWord != null) {
            if (ws.holds(lockWord)) {
                return nestedLocking;
            }
            conflict(lockWord);
            return false;
        }
        if (!ObjectHeaders.casLock(m, null, ws)) {
            conflict(ObjectHeaders.lvLock(m));
            return false;
        }
        ws.addConstLocked(m);
        return true;
    }

    @Override
    public void free(RluObject<?> obj) {
        checkOpen("free");
        LockSet.recordFree(writeSet, obj);
    }

    // ------------------------------------------------------------------ commit and abort

    @Override
    public void close() {
        if (!open) {
            if (endedByAbort) {
                endedByAbort = false;
                return;
            }
            throw new IllegalStateException("close() of a section that is not open (closed twice?)");
        }
        final RluWriteSet ws = writeSet;
        writeSet = null;
        open = false;
        participant.exitSection();
        counters.inc(RluStat.n_finish);
        RluThread helpTarget = conflictHolder;
        conflictHolder = null;
        if (ws != null && !ws.isEmpty()) {
            counters.inc(RluStat.n_writers);
            handle.commit(ws);
        } else {
            if (ws != null) {
                spareWriteSet = ws;
            }
            counters.inc(RluStat.n_pure_readers);
        }
        handle.checkpoint(helpTarget);
    }

    @Override
    public void abort() {
        checkOpen("abort");
        open = false;
        endedByAbort = true;
        releaseLocks();
        participant.exitSection();
        counters.inc(RluStat.n_aborts);
        RluThread helpTarget = conflictHolder;
        conflictHolder = null;
        handle.checkpoint(helpTarget);
    }

    /** Unlocks everything the open write set holds and keeps it for reuse. */
    private void releaseLocks() {
        final RluWriteSet ws = writeSet;
        if (ws == null) {
            return;
        }
        ws.unlockAndClear();
        writeSet = null;
        spareWriteSet = ws;
    }

    /**
     * Detector-side: the owner thread died inside this section. Its write set was never visible
     * (writer clock UNSYNCED), so releasing its locks is all it takes; the caller ends the run counter.
     */
    void recoverAbandoned() {
        releaseLocks();
        open = false;
        endedByAbort = true;
    }
}
