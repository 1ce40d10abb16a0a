package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.sync.CommitClock;
import dev.khronos.mvrlu.sync.LockSet;
import dev.khronos.mvrlu.sync.Participant;
import dev.khronos.mvrlu.sync.StatCounters;
import dev.khronos.mvrlu.RluAbort;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.IdleStrategy;

/** 128 bytes before the section's per-operation fields. */
abstract class MvSectionPadLeft extends Section {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

/**
 * The fields a section writes on every operation, alone on their cache lines: a program usually
 * makes its handles one after another on one thread (and the collector may move them side by
 * side), and two threads' sections sharing a line made every deref on one core invalidate the
 * other core's copy.
 */
abstract class MvSectionHotFields extends MvSectionPadLeft {
    /**
     * The section's state, in one field so that deref's common case reads one section field:
     * closed, open for plain reads, open as an optimistic reader, or open with locks held and
     * read-your-own-writes on (so deref must check lock words).
     */
    int mode;
    boolean endedByAbort;
    long localClock;
    /** The open write set, created by the first lock of the section; null in read-only sections. */
    WriteSet writeSet;
    /** An aborted write set kept for reuse, so an abort-and-retry allocates no new one. */
    WriteSet spareWriteSet;
    /** Deref watermark counters: derefs in this section, and those that walked a chain. */
    int derefs;
    int chainDerefs;
}

/** 128 bytes after the per-operation fields. */
abstract class MvSectionPadRight extends MvSectionHotFields {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;
}

/**
 * The MV-RLU section: deref, lock and commit, each in one place.
 *
 * <p>Implementation notes (design brief §2.4-2.7, §4.3).
 * <ul>
 *   <li><b>Snapshot.</b> Opening makes the run counter odd (full fence) and reads the clock into
 *       {@code localClock}. A committed version belongs to the snapshot iff its timestamp is
 *       {@code <= localClock}.</li>
 *   <li><b>deref.</b> Master, then its chain newest first; the first version in the snapshot wins,
 *       else the master. A version that is linked but not stamped yet is <em>waited for</em> (with
 *       back-off) rather than skipped: a reader either does not see a version (and then its
 *       timestamp, drawn from the clock after the link, is newer than the reader's snapshot) or
 *       learns its final timestamp. All decisions about one write set therefore compare the same
 *       timestamp with the same snapshot, and a commit is never seen torn (the C library's D1).</li>
 *   <li><b>tryLock.</b> Fails if the object is locked by another section or its newest version is
 *       not in the snapshot (first-updater-wins, linear history). The copy is made before the lock
 *       CAS because it is the lock word; it is safe since committed versions are immutable and the
 *       master changes only by a writeback, which needs a grace period this section would block.
 *       After the CAS the chain head is re-checked (ABA guard against a writeback in between).</li>
 *   <li><b>commit.</b> The section ends first (the writer never waits for readers, and grace periods
 *       never wait for it); then every copy is linked at the head of its chain, one clock increment
 *       gives the timestamp, one release store of it into the write set is the single publication
 *       point (a version's timestamp is its write set's), and the objects are unlocked. The write set goes to the handle's log.</li>
 *   <li><b>abort.</b> Nothing was published: unlock and reuse the write set.</li>
 *   <li><b>Optimistic sections</b> (StampedLock-style validation instead of the entry fence). The
 *       section reads the clock into {@code localClock} and touches nothing shared. Reclamation is
 *       the only thing that can invalidate such a snapshot (versions are never reused; the GC keeps
 *       what we hold), and every writeback of a version stamped {@code ts} happens after the
 *       domain published a safe timestamp {@code >= ts}. So if, after an acquire fence, the safe
 *       timestamp is still {@code <= localClock}, every read so far saw the snapshot: checked at
 *       close, on derefs that meet a version, and on every eighth deref. An optimistic section
 *       that locks stays unannounced: it validates at every lock and once more before it links
 *       anything, and after that it reads nothing, so its commit rests on a snapshot no
 *       reclamation overtook. Locking needs no announcement: an object locked cannot be written
 *       back (writeback takes the lock), a copy is made from an immutable version or from a
 *       master that has none (re-checked after the lock CAS), and linear history is checked
 *       per object. What is lost is only grace periods' sight of it, so {@code synchronize()}
 *       does not wait for it, and a dead owner's locks are released through its handle (the
 *       owner thread is recorded at open).</li>
 * </ul>
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link MvRluHandle} and its current thread.
 */
final class MvSection extends MvSectionPadRight {
    private final MvRluHandle handle;
    private final MvRlu domain;
    private final Participant participant;
    private final StatCounters<Stat> counters;
    private final IdleStrategy commitWait;
    private final boolean readYourOwnWrites;
    private final boolean nestedLocking;
    private final AtomicLong safeTs;
    private final CommitClock clock;
    /**
     * An optimistic section validates on every deref that meets a version, and on every eighth
     * deref of a master: often enough to stop a zombie traversal within a few steps, rarely
     * enough to keep short lookups (validated once, at close) as cheap as plain reads allow.
     */
    private static final int OPTIMISTIC_CHECK_MASK = 7;

    private static final int MODE_CLOSED = 0;
    private static final int MODE_READ = 1;
    private static final int MODE_OPTIMISTIC = 2;
    private static final int MODE_CHECK_LOCKS = 3;
    /** An optimistic section that has locked: still unannounced, validated at every lock and before it commits. */
    private static final int MODE_OPTIMISTIC_LOCKS = 4;

    MvSection(MvRluHandle handle, MvRlu domain, Participant participant, StatCounters<Stat> counters, IdleStrategy commitWait) {
        this.handle = handle;
        this.domain = domain;
        this.participant = participant;
        this.counters = counters;
        this.commitWait = commitWait;
        this.readYourOwnWrites = domain.config().readYourOwnWrites();
        this.nestedLocking = domain.config().nestedLocking();
        this.safeTs = domain.safeTsCell();
        this.clock = domain.clock();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Opens the section; the handle has already done the quiescent-side work (reclaim, watermark). */
    MvSection open() {
        if (mode != MODE_CLOSED) {
            throw new IllegalStateException("a section is already open on this handle: sections do not nest");
        }
        localClock = participant.enterSection(clock);
        mode = MODE_READ;
        endedByAbort = false;
        derefs = 0;
        chainDerefs = 0;
        counters.inc(Stat.n_starts);
        return this;
    }

    /** Opens an optimistic section: the snapshot is the clock; nothing shared is written. */
    MvSection openOptimistic() {
        if (mode != MODE_CLOSED) {
            throw new IllegalStateException("a section is already open on this handle: sections do not nest");
        }
        participant.noteOwner();                  // so that a dead owner's locks can be recovered
        localClock = clock.lvNow();
        mode = MODE_OPTIMISTIC;
        endedByAbort = false;
        derefs = 0;
        chainDerefs = 0;
        counters.inc(Stat.n_starts);
        counters.inc(Stat.n_optimistic);
        return this;
    }

    @Override
    public boolean isOpen() {
        return mode != MODE_CLOSED;
    }

    @Override
    public boolean isOptimistic() {
        return isUnannounced(mode);
    }

    private static boolean isUnannounced(int mode) {
        return mode == MODE_OPTIMISTIC || mode == MODE_OPTIMISTIC_LOCKS;
    }

    @Override
    public boolean validate() {
        return mode != MODE_CLOSED && (!isUnannounced(mode) || snapshotIntact());
    }

    /** Whether reclamation has not overtaken the optimistic snapshot (so every read so far is in it). */
    private boolean snapshotIntact() {
        VarHandle.acquireFence();                 // the section's reads happen before the check
        return safeTs.get() <= localClock;
    }

    private void checkSnapshotIntact() {
        if (!snapshotIntact()) {
            counters.inc(Stat.n_optimistic_fail);
            throw RluAbort.INSTANCE;
        }
    }

    /**
     * A lock in an optimistic section: the section stays unannounced (no fence, nothing shared
     * written until it commits) and is validated here and again before it commits, since a
     * snapshot overtaken by reclamation may have shown the decision stale state. Its first lock
     * also checks the high watermark, which an optimistic section skipped when it opened.
     */
    private void beforeOptimisticLock() {
        if (writeSet == null && handle.aboveHighMark()) {
            counters.inc(Stat.n_optimistic_fail);
            throw RluAbort.INSTANCE;              // the caller's abort() ends it; its retry in a
        }                                         // normal section waits at the mark
        checkSnapshotIntact();
    }

    @Override
    public RluHandle handle() {
        return handle;
    }

    /** @return the snapshot clock of the open (or last) section */
    long localClock() {
        return localClock;
    }

    private void checkOpen(String operation) {
        if (mode == MODE_CLOSED) {
            throw new IllegalStateException(operation + "() called outside a section: open one with readLock()");
        }
    }

    // ------------------------------------------------------------------ deref

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RluObject<T>> T deref(T obj) {
        final int mode = this.mode;
        if (mode == MODE_CLOSED) {
            checkOpen("deref");
        }
        if (obj == null) {
            return null;
        }
        // Shared fields hold masters (Section.ref), so obj is nearly always a master without
        // versions: load its master pointer and chain head side by side and, in that case, return
        // obj itself, so the caller's next load waits for no load made here (a traversal step
        // then costs what a plain field read costs, plus predicted branches).
        final RluObject<?> master = ObjectHeaders.lpMaster(obj);
        final RluObject<?> chain = ObjectHeaders.laChain(obj);
        derefs++;
        if (master == null && chain == null && mode <= MODE_OPTIMISTIC) {
            if (mode == MODE_OPTIMISTIC && (derefs & OPTIMISTIC_CHECK_MASK) == 0) {
                checkSnapshotIntact();
            }
            return obj;
        }
        return (T) derefSlow(obj, master, chain);
    }

    /** deref of a version, of an object with versions, or inside a section that holds locks. */
    private RluObject<?> derefSlow(RluObject<?> obj, RluObject<?> master, RluObject<?> chain) {
        final RluObject<?> m;
        final RluObject<?> v;
        if (master == null) {
            m = obj;
            v = chain;
        } else {
            m = master;
            v = ObjectHeaders.laChain(m);               // obj is a version: its chain is older versions
        }
        if (writeSet != null && readYourOwnWrites) {
            Object lockWord = ObjectHeaders.laLock(m);
            if (lockWord instanceof RluObject && ObjectHeaders.writeSetOf((RluObject<?>) lockWord) == writeSet.stamp()) {
                return (RluObject<?>) lockWord;
            }
        }
        if (v == null) {
            if (isUnannounced(mode) && (derefs & OPTIMISTIC_CHECK_MASK) == 0) {
                checkSnapshotIntact();
            }
            return m;
        }
        chainDerefs++;
        RluObject<?> version = inSnapshot(m, v);
        if (isUnannounced(mode)) {
            checkSnapshotIntact();
        }
        return version;
    }

    /** The newest version of {@code m} in the snapshot, walking its chain from {@code v}. */
    private RluObject<?> inSnapshot(RluObject<?> m, RluObject<?> v) {
        final long snapshot = localClock;
        do {
            long ts = timestampOf(v);
            if (ts == ObjectHeaders.PENDING) {
                ts = awaitStamp(v);
            }
            if (ts <= snapshot) {
                return v;
            }
            v = ObjectHeaders.laChain(v);
        } while (v != null);
        return m;
    }

    /** @return the commit timestamp of version {@code v}: its commit's stamp, PENDING until stamped */
    private static long timestampOf(RluObject<?> v) {
        return ((CommitStamp) ObjectHeaders.writeSetOf(v)).laTimestamp();
    }

    /** Waits, backing off, until the committer of the linked version {@code v} publishes its timestamp. */
    private long awaitStamp(RluObject<?> v) {
        final CommitStamp stamp = (CommitStamp) ObjectHeaders.writeSetOf(v);
        final IdleStrategy idle = commitWait;
        idle.reset();
        for (;;) {
            long ts = stamp.laTimestamp();
            if (ts != ObjectHeaders.PENDING) {
                return ts;
            }
            idle.idle();
        }
    }

    // ------------------------------------------------------------------ lock

    private WriteSet writeSet() {
        WriteSet ws = writeSet;
        if (ws == null) {
            ws = spareWriteSet;
            if (ws != null) {
                spareWriteSet = null;
            } else {
                ws = handle.takeReclaimedWriteSet();
                if (ws == null) {
                    ws = new WriteSet();
                }
            }
            writeSet = ws;
            if (mode == MODE_OPTIMISTIC) {
                mode = MODE_OPTIMISTIC_LOCKS;
            } else if (readYourOwnWrites) {
                mode = MODE_CHECK_LOCKS;
            }
        }
        return ws;
    }

    /**
     * @return the chain head if the newest version of {@code m} is in this snapshot (null means the
     *         master is the newest), or {@code m} itself as a "fail" marker
     */
    private RluObject<?> newestIfVisible(RluObject<?> m) {
        RluObject<?> old = ObjectHeaders.laChain(m);
        if (old != null && timestampOf(old) > localClock) {
            return m;  // a version newer than the snapshot (or still being stamped): linear history forbids
        }
        return old;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RluObject<T>> T tryLock(T obj) {
        checkOpen("tryLock");
        if (obj == null) {
            throw new NullPointerException("tryLock(null)");
        }
        if (isUnannounced(mode)) {
            beforeOptimisticLock();
        }
        final RluObject<?> m = ObjectHeaders.masterOf(obj);
        final WriteSet ws = writeSet();
        Object lockWord = ObjectHeaders.lvLock(m);
        if (lockWord != null) {
            if (!nestedLocking || !ws.holds(lockWord)) {
                return null;
            }
            if (lockWord != ws) {
                return (T) lockWord;                    // already locked with a copy: the same copy
            }
            // Held by tryLockConst: upgrade to a copy. Nobody else can change m while we hold it.
            RluObject<?> old = ObjectHeaders.laChain(m);
            T copy = ObjectHeaders.newVersion(m, old != null ? old : m, ws.stamp());
            ObjectHeaders.soLock(m, copy);
            ws.upgradeConstLock(m, copy);
            return copy;
        }
        final RluObject<?> old = newestIfVisible(m);
        if (old == m) {
            return null;
        }
        final T copy = ObjectHeaders.newVersion(m, old != null ? old : m, ws.stamp());
        if (!ObjectHeaders.casLock(m, null, copy)) {
            return null;
        }
        if (ObjectHeaders.laChain(m) != old) {
            ObjectHeaders.soLock(m, null);              // a writeback detached the chain in between
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
        if (isUnannounced(mode)) {
            beforeOptimisticLock();
        }
        final RluObject<?> m = ObjectHeaders.masterOf(obj);
        final WriteSet ws = writeSet();
        Object lockWord = ObjectHeaders.lvLock(m);
        if (lockWord != null) {
            return nestedLocking && ws.holds(lockWord);
        }
        final RluObject<?> old = newestIfVisible(m);
        if (old == m) {
            return false;
        }
        if (!ObjectHeaders.casLock(m, null, ws)) {
            return false;
        }
        if (ObjectHeaders.laChain(m) != old) {
            ObjectHeaders.soLock(m, null);
            return false;
        }
        ws.addConstLocked(m);
        return true;
    }

    @Override
    public <T extends RluObject<T>> T recycled(Class<T> type) {
        checkOpen("recycled");
        return handle.takeRecycled(type);
    }

    @Override
    public void free(RluObject<?> obj) {
        checkOpen("free");
        if (isUnannounced(mode)) {
            beforeOptimisticLock();
        }
        LockSet.recordFree(writeSet, obj);
    }

    // ------------------------------------------------------------------ commit and abort

    @Override
    public void close() {
        if (mode == MODE_CLOSED) {
            if (endedByAbort) {
                endedByAbort = false;
                return;
            }
            throw new IllegalStateException("close() of a section that is not open (closed twice?)");
        }
        if (mode == MODE_OPTIMISTIC) {
            closeOptimistic();
            return;
        }
        final WriteSet ws = writeSet;
        if (mode == MODE_OPTIMISTIC_LOCKS) {
            if (!snapshotIntact()) {              // the decision may rest on an overtaken snapshot
                counters.inc(Stat.n_optimistic_fail);
                abort();
                throw RluAbort.INSTANCE;
            }
            mode = MODE_CLOSED;                   // never announced: nothing to end
        } else {
            mode = MODE_CLOSED;
            participant.exitSection();
        }
        counters.inc(Stat.n_finish);
        if (ws != null) {
            writeSet = null;
            commit(ws);
            handle.afterSection(derefs, chainDerefs);
        } else {
            handle.afterReadOnlySection(derefs, chainDerefs);
        }
    }

    /** A read-only optimistic section ends by validating: there is nothing to commit or announce. */
    private void closeOptimistic() {
        final boolean intact = snapshotIntact();
        mode = MODE_CLOSED;
        endedByAbort = !intact;                   // a later close() is then a no-op, as after abort()
        handle.afterReadOnlySection(derefs, chainDerefs);
        if (!intact) {
            counters.inc(Stat.n_optimistic_fail);
            throw RluAbort.INSTANCE;
        }
        counters.inc(Stat.n_finish);
    }

    /** The commit: link, one timestamp, stamp and unlock, log. Runs outside the section. */
    private void commit(WriteSet ws) {
        final int versions = ws.copyCount();
        long ts = 0;
        if (versions > 0) {
            for (int i = 0; i < versions; i++) {
                RluObject<?> c = ws.copy(i);
                RluObject<?> m = ObjectHeaders.masterOf(c);
                // We hold m's lock, so nothing else can change its chain head now.
                ObjectHeaders.spChain(c, ObjectHeaders.lpChain(m));
                ObjectHeaders.soChain(m, c);
            }
            ts = clock.newTimestamp();
            ws.soTimestamp(ts);                   // the single publication point
            for (int i = 0; i < versions; i++) {
                ws.unlockCommitted(ObjectHeaders.masterOf(ws.copy(i)));
            }
        }
        for (int i = 0; i < ws.constCount(); i++) {
            ws.unlockCommitted(ws.constLocked(i));
        }
        if (versions > 0) {
            ws.releaseConstList();                // the freed masters stay with it until it is reclaimed
        } else {
            ws.releaseCommitLists();
        }
        counters.inc(Stat.n_commits);
        if (versions > 0) {
            handle.log().append(ws);
            clock.awaitVisibleToAll(ts);          // ORDO's commit wait; nothing for the counter
        } else {
            spareWriteSet = ws;                   // const locks only: nothing was published through it
        }
    }

    @Override
    public void abort() {
        checkOpen("abort");
        final boolean announced = !isUnannounced(mode);
        mode = MODE_CLOSED;
        endedByAbort = true;
        final boolean locked = writeSet != null;
        releaseLocks();
        if (announced) {
            participant.exitSection();
        }
        counters.inc(Stat.n_aborts);
        if (locked) {
            handle.afterSection(derefs, chainDerefs);
        } else {
            handle.afterReadOnlySection(derefs, chainDerefs);
        }
    }

    /** Unlocks everything the open write set holds and keeps it for reuse. */
    private void releaseLocks() {
        final WriteSet ws = writeSet;
        if (ws == null) {
            return;
        }
        ws.unlockAndClear();
        writeSet = null;
        spareWriteSet = ws;
    }

    /**
     * Detector-side: the owner thread died inside this section. Its write set was never linked, so
     * releasing its locks is all it takes; the participant's run counter is ended by the caller.
     */
    void recoverAbandoned() {
        releaseLocks();
        mode = MODE_CLOSED;
        endedByAbort = true;
    }

    /**
     * Detector-side, after the owner thread died: an optimistic section that locked was never
     * announced, so no run counter shows it; its locks are released here. The caller holds the
     * participant's monitor (one recovery at a time); the dead thread's writes are visible through
     * {@link Thread#isAlive()}.
     */
    void recoverAbandonedUnannounced() {
        if (mode == MODE_OPTIMISTIC_LOCKS) {
            recoverAbandoned();
        }
    }
}
