package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.sync.LockSet;
import dev.khronos.mvrlu.sync.StatCounters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * A handle's log (the C {@code mvrlu_log_t}): the FIFO, in commit order, of its committed write
 * sets whose versions are still linked in chains, and the one place where versions are reclaimed.
 *
 * <p>Implementation notes. The FIFO is intrusive, linked through {@link WriteSet}'s {@code next}
 * field, so appending allocates nothing beyond the write set itself (a JCTools SPSC queue would add
 * a node or array slot per commit and is not needed: the consumer side is already serialised by
 * the reclaim try-lock). The owner appends at the tail with a release store; the reclaimer, the
 * owner or a helper holding the try-lock, consumes from the head.
 *
 * <p>Reclaiming a write set whose timestamp {@code ts <= safeTs} (every open and future section has
 * a snapshot of at least {@code safeTs}, so every reader of its objects stops at these versions or
 * newer ones) does, for each version {@code v}:
 * <ol>
 *   <li><b>cut</b>: {@code v.chain = null}; no reader needs anything older than {@code v}, so
 *       chains stay as short as the number of unreclaimed versions (bounded memory);</li>
 *   <li><b>writeback</b>, only if {@code v} is still its master's newest version: under the
 *       object's lock (CAS of a token into the lock word, so no writer can copy the master half
 *       way; this removes the C library's torn writeback, D4), copy {@code v}'s state into the
 *       master, then detach the chain with a release store that publishes the plain writes. If a
 *       writer holds the lock, the version is retried at the next reclamation (the writer may abort).</li>
 * </ol>
 * Deciding from each version's own timestamp, never from a second reclamation window, avoids the
 * C library's stale-master race (D3) by construction. One grace period suffices because the JVM's
 * garbage collector frees versions only when no reader holds them.
 *
 * <p>Thread-safety: {@link #append} and {@link #ownerPending} are owner-only; everything else is
 * thread-safe.
 */
final class VersionLog {
    /** Lock word of a master while the reclaimer writes a version back into it. */
    static final Object WRITEBACK_TOKEN = new Object() {
        @Override
        public String toString() {
            return "WRITEBACK";
        }
    };

    private static final VarHandle RECLAIM_LOCK;
    private static final VarHandle APPENDED;
    private static final VarHandle RECLAIMED;
    private static final VarHandle HEAD;
    private static final VarHandle RETRY_COUNT;
    private static final VarHandle NEWEST_TIMESTAMP;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RECLAIM_LOCK = l.findVarHandle(VersionLog.class, "reclaimLock", int.class);
            APPENDED = l.findVarHandle(VersionLog.class, "appended", long.class);
            RECLAIMED = l.findVarHandle(VersionLog.class, "reclaimed", long.class);
            HEAD = l.findVarHandle(VersionLog.class, "head", WriteSet.class);
            RETRY_COUNT = l.findVarHandle(VersionLog.class, "retryCount", int.class);
            NEWEST_TIMESTAMP = l.findVarHandle(VersionLog.class, "newestTimestamp", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Owner-only. */
    private WriteSet tail;
    /**
     * The last reclaimed write set, or the initial stub: written under the reclaim lock (release),
     * read by the owner (acquire) to know which reclaimed write sets it may take back.
     */
    private WriteSet head;
    /** Owner-only: the oldest reclaimed write set not yet taken back; equal to {@link #head} when none is. */
    private WriteSet reusable;
    /** Versions whose writeback found the object locked; retried next time. Under the lock. */
    private final ArrayDeque<RluObject<?>> retryWriteback = new ArrayDeque<>();
    private int reclaimLock;
    /** Size of {@link #retryWriteback}, published for {@link #hasWork()} (written under the lock). */
    private int retryCount;
    /** Background-thread-only: the appended count {@link #needsHelp()} saw last. */
    private long appendedSeenByHelper = -1;
    /** Versions appended (owner writes, release). */
    private long appended;
    /** Versions reclaimed (reclaimer writes under the lock, release). */
    private long reclaimed;
    /** The timestamp of the newest appended write set (owner writes, release). */
    private long newestTimestamp;

    VersionLog() {
        WriteSet stub = new WriteSet();
        stub.soTimestamp(0);
        stub.releaseCopies();
        head = stub;
        tail = stub;
        reusable = stub;
    }

    /**
     * Owner-only: takes back the oldest write set that reclamation is done with (every one before
     * the head: no reclaimer walks them again), prepared for a new section; or null if none is.
     */
    WriteSet takeReclaimed() {
        final WriteSet ws = reusable;
        if (ws == HEAD.getAcquire(this)) {
            return null;
        }
        reusable = ws.lpNext();
        ws.prepareForReuse();
        return ws;
    }

    /**
     * Owner-only: appends a committed (stamped) write set.
     *
     * <p>The count is published before the link: once linked, a helper may reclaim the write set
     * (and release its copies) before this method returns, so reading the count after the link
     * could add 0 for versions the helper already subtracted, leaving {@link #pending()} at -1
     * forever and {@link #isDrained()} false (the flushLog hang of issue 10). In this order the
     * pending count is never below the number of linked, unreclaimed versions.
     */
    void append(WriteSet ws) {
        APPENDED.setRelease(this, appended + ws.copyCount());
        tail.soNext(ws);
        tail = ws;
        NEWEST_TIMESTAMP.setRelease(this, ws.laTimestamp());
    }

    /** Any thread: the timestamp of the newest write set appended so far (0 if none). */
    long lvNewestTimestamp() {
        return (long) NEWEST_TIMESTAMP.getAcquire(this);
    }

    /** Owner-only: versions appended and not yet reclaimed. */
    long ownerPending() {
        return appended - (long) RECLAIMED.getAcquire(this);
    }

    /** Any thread: versions appended and not yet reclaimed (approximate while the owner runs). */
    long pending() {
        return (long) APPENDED.getAcquire(this) - (long) RECLAIMED.getAcquire(this);
    }

    /**
     * Background-thread-only: whether the log has work and its owner appended nothing since the
     * previous call. An owner that keeps committing reclaims its own log every batch; only an idle
     * one needs the background thread's help.
     */
    boolean needsHelp() {
        long seen = (long) APPENDED.getAcquire(this);
        boolean ownerIdle = seen == appendedSeenByHelper;
        appendedSeenByHelper = seen;
        return ownerIdle && hasWork();
    }

    /** Any thread: whether versions are pending or writebacks wait for a retry. */
    boolean hasWork() {
        return pending() != 0 || (int) RETRY_COUNT.getAcquire(this) != 0;
    }

    /**
     * Any thread, without locking: whether nothing is left to reclaim or retry. Reads the reclaimed
     * count before the retry count, which {@link #tryReclaim} publishes in the opposite order, so a
     * write set whose writeback is being deferred right now is never missed.
     */
    boolean isDrained() {
        return pending() == 0 && (int) RETRY_COUNT.getAcquire(this) == 0;
    }

    private boolean tryLock() {
        return RECLAIM_LOCK.compareAndSet(this, 0, 1);
    }

    private void unlock() {
        RECLAIM_LOCK.setRelease(this, 0);
    }

    /**
     * Reclaims every write set with a timestamp {@code <= safeTs}, if no other thread is reclaiming
     * this log right now.
     *
     * @return the number of write sets reclaimed (0 if the lock was busy or nothing was due)
     */
    int tryReclaim(long safeTs, StatCounters<Stat> counters) {
        if (!tryLock()) {
            return 0;
        }
        try {
            if (!retryWriteback.isEmpty()) {
                retryDeferredWritebacks(counters);
            }
            WriteSet h = head;
            WriteSet n;
            long versions = 0;
            int sets = 0;
            while ((n = h.laNext()) != null && n.laTimestamp() <= safeTs) {
                for (int i = 0, count = n.copyCount(); i < count; i++) {
                    RluObject<?> v = n.copy(i);
                    ObjectHeaders.soChain(v, null);
                    switch (writeBack(v)) {
                        case DONE:
                            counters.inc(Stat.n_writeback);
                            break;
                        case RETRY:
                            retryWriteback.add(v);
                            break;
                        default:
                            break;
                    }
                }
                versions += n.copyCount();
                sets++;
                n.releaseCopies();
                h = n;
            }
            RETRY_COUNT.setRelease(this, retryWriteback.size());   // before the reclaimed count: see isDrained()
            if (sets == 0) {
                return 0;
            }
            HEAD.setRelease(this, h);             // hands the write sets before h back to the owner
            RECLAIMED.setRelease(this, reclaimed + versions);
            counters.inc(Stat.n_reclaim);
            counters.add(Stat.n_reclaim_wrt_set, sets);
            counters.add(Stat.n_reclaim_copy, versions);
            return sets;
        } finally {
            unlock();
        }
    }

    private void retryDeferredWritebacks(StatCounters<Stat> counters) {
        for (int i = retryWriteback.size(); i > 0; i--) {
            RluObject<?> v = retryWriteback.poll();
            switch (writeBack(v)) {
                case DONE:
                    counters.inc(Stat.n_writeback);
                    break;
                case RETRY:
                    retryWriteback.add(v);
                    break;
                default:
                    break;
            }
        }
    }

    private enum Writeback { DONE, NOT_NEEDED, RETRY }

    /** Writes {@code v} back into its master if it is still the newest version. */
    private static Writeback writeBack(RluObject<?> v) {
        RluObject<?> m = ObjectHeaders.masterOf(v);
        if (ObjectHeaders.laChain(m) != v) {
            return Writeback.NOT_NEEDED;           // superseded by a newer version, or already detached
        }
        Object lockWord = ObjectHeaders.lvLock(m);
        if (lockWord == LockSet.FREED) {
            return Writeback.NOT_NEEDED;           // unreachable object: no reader will take the fast path
        }
        if (lockWord != null || !ObjectHeaders.casLock(m, null, WRITEBACK_TOKEN)) {
            return Writeback.RETRY;
        }
        try {
            if (ObjectHeaders.laChain(m) != v) {
                return Writeback.NOT_NEEDED;
            }
            ObjectHeaders.copyState(m, v);
            ObjectHeaders.soChain(m, null);        // release: publishes the copied state
            return Writeback.DONE;
        } finally {
            ObjectHeaders.soLock(m, null);
        }
    }
}
