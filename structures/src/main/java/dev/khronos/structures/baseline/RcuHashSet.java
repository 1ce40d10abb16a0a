package dev.khronos.structures.baseline;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.structures.IntSet;
import dev.khronos.structures.support.SpinLock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * kbench RCU ({@code -s 2}, {@code hlbench_rcu}, sv6 {@code sorted_chainhash}): a hash set of sorted
 * lists where writers take a per-bucket spinlock and readers traverse lock-free over volatile links
 * inside an RCU read-side section, and a removed node is released only after a grace period.
 *
 * <h2>What an RCU needs on the JVM</h2>
 * The garbage collector already guarantees what RCU's grace period guarantees in C, that no reader
 * dereferences freed memory, so a JVM RCU that drops unlinked nodes needs no grace period at all.
 * A grace period becomes necessary as soon as an unlinked node is <em>reused</em>, or anything else
 * irrevocable follows the removal (closing a resource, recycling a buffer, reporting that no reader
 * can still see the old state). This baseline reuses nodes, as a C allocator would: a session's
 * removed nodes are retired, and after a grace period they go to the session's free list, from which
 * its inserts take nodes before allocating. Without the grace period a reader still standing on a
 * recycled node would follow its new key and link into another position and give wrong answers.
 *
 * <p>The read side is a section of an {@link RluDomain} (run counter odd plus the clock read into
 * the snapshot; about the cost of userspace RCU's memory-barrier flavour); the grace period is
 * {@link RluDomain#synchronize()}, which waits for every section open when it is called, which is
 * {@code synchronize_rcu()}. Retirement is batched ({@value #RETIRE_BATCH} nodes per grace period
 * by default), as {@code call_rcu} does.
 *
 * <p>Implementation notes. Memory-order names follow JCTools: {@code lvNext} (volatile load, the
 * readers' {@code rcu_dereference}), {@code soNext} (release store, {@code rcu_assign_pointer}),
 * {@code spNext}/{@code spKey} for a node not yet published. Inserts and removes first do an
 * unlocked lookup (as sv6 does) and return early on a miss, then lock the bucket and search again.
 * A node's key is written only while it is unreachable (new, or after a grace period), before the
 * release store that publishes it. Operations on the set itself (not through a {@link #session()})
 * use the thread's {@code current()} handle and leave removed nodes to the GC, never reusing them.
 * bucket = {@code floorMod(key, buckets)}. {@link #size()} is exact only when quiescent.
 *
 * <p>Thread-safety: thread-safe; readers lock-free, writers blocking per bucket. A session is
 * used by one thread at a time.
 */
public final class RcuHashSet implements IntSet {
    /** Removed nodes a session collects before it waits for one grace period and recycles them. */
    public static final int RETIRE_BATCH = 64;

    static final class Node {
        private static final VarHandle NEXT;

        static {
            try {
                NEXT = MethodHandles.lookup().findVarHandle(Node.class, "next", Node.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Written only while the node is unreachable, before the release store that publishes it. */
        int key;
        private Node next;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }

        Node lvNext() {
            return (Node) NEXT.getVolatile(this);
        }

        /** Plain read, for the lock holder (the lock orders it). */
        Node lpNext() {
            return next;
        }

        void soNext(Node n) {
            NEXT.setRelease(this, n);
        }

        void spNext(Node n) {
            next = n;
        }
    }

    private static final class Bucket extends SpinLock {
        final Node head = new Node(Integer.MIN_VALUE, null);
    }

    private final RluDomain domain;
    private final Bucket[] buckets;
    private final boolean ownsDomain;
    private final int retireBatch;

    /**
     * @param domain the domain whose sections are the RCU read side and whose detector gives the
     *        grace periods; it may be shared with other structures
     * @param buckets number of buckets (fixed), at least 1
     */
    public RcuHashSet(RluDomain domain, int buckets) {
        this(domain, buckets, false, RETIRE_BATCH);
    }

    /**
     * @param domain the domain whose sections are the RCU read side and whose detector gives the
     *        grace periods
     * @param buckets number of buckets (fixed), at least 1
     * @param ownsDomain whether {@link #close()} shuts the domain down (a domain made for this set
     *        alone, as the structure registry does)
     * @param retireBatch removed nodes per grace period, at least 1 (tests use 1 so that every
     *        remove waits for one)
     */
    public RcuHashSet(RluDomain domain, int buckets, boolean ownsDomain, int retireBatch) {
        if (retireBatch < 1) {
            throw new IllegalArgumentException("retireBatch must be at least 1, got " + retireBatch);
        }
        this.retireBatch = retireBatch;
        this.ownsDomain = ownsDomain;
        this.domain = Objects.requireNonNull(domain, "domain");
        this.buckets = new Bucket[StatelessIntSet.checkBuckets(buckets)];
        for (int i = 0; i < buckets; i++) {
            this.buckets[i] = new Bucket();
        }
    }

    private Bucket bucket(int key) {
        return buckets[Math.floorMod(key, buckets.length)];
    }

    // ------------------------------------------------------------------ read side

    private boolean lookup(RluHandle h, int key) {
        Section s = h.readLock();                      // rcu_read_lock
        try {
            Node cur = bucket(key).head.lvNext();
            while (cur != null && cur.key < key) {
                cur = cur.lvNext();
            }
            return cur != null && cur.key == key;
        } finally {
            s.close();                                 // rcu_read_unlock
        }
    }

    // ------------------------------------------------------------------ write side

    /** Inserts under the bucket lock; {@code spare} is a recycled node or null. */
    private boolean insertLocked(int key, Session session) {
        Bucket b = bucket(key);
        b.lock();
        try {
            Node prev = b.head;
            Node cur = prev.lpNext();
            while (cur != null && cur.key < key) {
                prev = cur;
                cur = cur.lpNext();
            }
            if (cur != null && cur.key == key) {
                return false;
            }
            Node n = session != null ? session.allocate(key, cur) : new Node(key, cur);
            prev.soNext(n);                             // rcu_assign_pointer
            return true;
        } finally {
            b.unlock();
        }
    }

    /** @return the unlinked node, or null if absent */
    private Node removeLocked(int key) {
        Bucket b = bucket(key);
        b.lock();
        try {
            Node prev = b.head;
            Node cur = prev.lpNext();
            while (cur != null && cur.key < key) {
                prev = cur;
                cur = cur.lpNext();
            }
            if (cur == null || cur.key != key) {
                return null;
            }
            prev.soNext(cur.lpNext());                  // readers on cur still find their way on
            return cur;
        } finally {
            b.unlock();
        }
    }

    // ------------------------------------------------------------------ IntSet

    @Override
    public boolean add(int key) {
        IntSet.checkKey(key);
        return !lookup(domain.current(), key) && insertLocked(key, null);
    }

    @Override
    public boolean remove(int key) {
        IntSet.checkKey(key);
        return lookup(domain.current(), key) && removeLocked(key) != null;
    }

    @Override
    public boolean contains(int key) {
        IntSet.checkKey(key);
        return lookup(domain.current(), key);
    }

    @Override
    public int size() {
        RluHandle h = domain.current();
        Section s = h.readLock();
        try {
            int n = 0;
            for (Bucket b : buckets) {
                for (Node cur = b.head.lvNext(); cur != null; cur = cur.lvNext()) {
                    n++;
                }
            }
            return n;
        } finally {
            s.close();
        }
    }

    /** Registers a handle for the calling worker thread, with its retire and free lists. */
    @Override
    public IntSet.Session session() {
        return new Session(domain.register());
    }

    @Override
    public String name() {
        return "rcu(" + buckets.length + ")";
    }

    /** Shuts the domain down if this set owns it. Quiescent-only. */
    @Override
    public void close() {
        if (ownsDomain) {
            domain.shutdown();
        }
    }

    /** @return the domain giving the read side and the grace periods */
    public RluDomain domain() {
        return domain;
    }

    /**
     * A worker's RCU context: its read-side handle, its retired nodes and its free list.
     *
     * <p>Thread-safety: not thread-safe; one thread at a time.
     */
    public final class Session implements IntSet.Session {
        private final RluHandle handle;
        private final Node[] retired = new Node[retireBatch];
        private int retiredCount;
        /** Nodes past their grace period, linked through {@code next} (plain: private to the session). */
        private Node free;
        private long gracePeriods;
        private long recycled;
        private boolean closed;

        Session(RluHandle handle) {
            this.handle = handle;
        }

        Node allocate(int key, Node next) {
            Node n = free;
            if (n == null) {
                return new Node(key, next);
            }
            free = n.lpNext();
            n.key = key;
            n.spNext(next);
            recycled++;
            return n;
        }

        @Override
        public boolean add(int key) {
            IntSet.checkKey(key);
            return !lookup(handle, key) && insertLocked(key, this);
        }

        @Override
        public boolean remove(int key) {
            IntSet.checkKey(key);
            if (!lookup(handle, key)) {
                return false;
            }
            Node n = removeLocked(key);
            if (n == null) {
                return false;
            }
            retire(n);
            return true;
        }

        @Override
        public boolean contains(int key) {
            IntSet.checkKey(key);
            return lookup(handle, key);
        }

        @Override
        public int size() {
            return RcuHashSet.this.size();
        }

        private void retire(Node n) {
            retired[retiredCount++] = n;
            if (retiredCount == retired.length) {
                synchronizeRcu();
                for (int i = 0; i < retiredCount; i++) {
                    Node r = retired[i];
                    retired[i] = null;
                    r.spNext(free);
                    free = r;
                }
                retiredCount = 0;
            }
        }

        /**
         * {@code synchronize_rcu()}: returns once every read-side section open at the call has
         * ended ({@link RluDomain#synchronize()}). Must not be called inside a section.
         */
        public void synchronizeRcu() {
            domain.synchronize();
            gracePeriods++;
        }

        /** @return grace periods this session waited for */
        public long gracePeriods() {
            return gracePeriods;
        }

        /** @return inserts that reused a node instead of allocating */
        public long recycled() {
            return recycled;
        }

        /** Closes the handle; nodes still retired are left to the GC (never reused). Idempotent. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                retiredCount = 0;
                free = null;
                handle.close();
            }
        }
    }
}
