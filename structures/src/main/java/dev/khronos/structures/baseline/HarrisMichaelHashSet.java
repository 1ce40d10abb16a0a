package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;
import dev.khronos.structures.support.BackOff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Harris-Michael lock-free sorted linked lists (Harris, DISC 2001; Michael, SPAA 2002), one per
 * bucket: the RLU benchmark's {@code bench-harris}. With one bucket it is a single lock-free list.
 *
 * <p>Implementation notes. Java has no spare pointer bit, so a node is <em>marked</em> (logically
 * deleted) by swinging its {@code next} from its successor to a fresh <em>marker node</em> whose own
 * (final) {@code next} is that successor, as {@code ConcurrentSkipListMap} does; once marked, a
 * node's {@code next} never changes again. Hence:
 * <ul>
 *   <li>remove = {@code casNext(cur, succ, marker(succ))} (the linearization point), then one
 *       best-effort {@code casNext(prev, cur, succ)};</li>
 *   <li>add = search, then {@code casNext(prev, cur, node)}; it fails if {@code prev} was marked in
 *       between (its {@code next} is then a marker, not {@code cur});</li>
 *   <li>searches by updates unlink every marked node they pass (Michael's helping), restarting from
 *       the head when an unlink CAS fails; {@link #contains} never writes (wait-free).</li>
 * </ul>
 * Memory-order names follow JCTools: {@code lvNext} volatile load, {@code casNext}; the plain store
 * of a new node's {@code next} before its publishing CAS is {@code spNext}. A failed CAS backs off
 * before the retry ({@link BackOff}). The GC makes ABA impossible (nodes are never reused).
 * {@link #size()} counts unmarked nodes: exact only when quiescent.
 *
 * <p>Thread-safety: thread-safe, lock-free (contains wait-free).
 */
public final class HarrisMichaelHashSet extends StatelessIntSet {
    static final class Node {
        private static final VarHandle NEXT;

        static {
            try {
                NEXT = MethodHandles.lookup().findVarHandle(Node.class, "next", Node.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final int key;
        /** True for marker nodes, which only ever follow a deleted node. */
        final boolean marker;
        private Node next;

        Node(int key, boolean marker, Node next) {
            this.key = key;
            this.marker = marker;
            this.next = next;
        }

        Node lvNext() {
            return (Node) NEXT.getVolatile(this);
        }

        void spNext(Node n) {
            next = n;
        }

        boolean casNext(Node expected, Node value) {
            return NEXT.compareAndSet(this, expected, value);
        }
    }

    private final Node[] heads;

    /** @param buckets number of buckets (fixed), at least 1 */
    public HarrisMichaelHashSet(int buckets) {
        this.heads = new Node[checkBuckets(buckets)];
        for (int i = 0; i < buckets; i++) {
            heads[i] = new Node(Integer.MIN_VALUE, false, null);
        }
    }

    private Node head(int key) {
        return heads[Math.floorMod(key, heads.length)];
    }

    /** @return the unmarked successor of {@code n}: its next, or a marker's next if {@code n} is deleted */
    private static Node successor(Node n) {
        Node next = n.lvNext();
        return next != null && next.marker ? next.lvNext() : next;
    }

    @Override
    public boolean contains(int key) {
        IntSet.checkKey(key);
        Node cur = head(key).lvNext();
        while (cur != null && cur.key < key) {
            cur = successor(cur);
        }
        if (cur == null || cur.key != key) {
            return false;
        }
        Node next = cur.lvNext();
        return next == null || !next.marker;
    }

    @Override
    public boolean add(int key) {
        IntSet.checkKey(key);
        final Node head = head(key);
        Node node = null;
        int attempt = 0;
        retry:
        for (;;) {
            Node prev = head;
            Node cur = prev.lvNext();
            while (cur != null) {
                Node next = cur.lvNext();
                if (next != null && next.marker) {      // cur is deleted: help unlink it
                    Node succ = next.lvNext();
                    if (!prev.casNext(cur, succ)) {
                        BackOff.pause(attempt++);
                        continue retry;
                    }
                    cur = succ;
                    continue;
                }
                if (cur.key >= key) {
                    break;
                }
                prev = cur;
                cur = next;
            }
            if (cur != null && cur.key == key) {
                return false;
            }
            if (node == null) {
                node = new Node(key, false, cur);
            } else {
                node.spNext(cur);
            }
            if (prev.casNext(cur, node)) {
                return true;
            }
            BackOff.pause(attempt++);
        }
    }

    @Override
    public boolean remove(int key) {
        IntSet.checkKey(key);
        final Node head = head(key);
        int attempt = 0;
        retry:
        for (;;) {
            Node prev = head;
            Node cur = prev.lvNext();
            while (cur != null) {
                Node next = cur.lvNext();
                if (next != null && next.marker) {
                    Node succ = next.lvNext();
                    if (!prev.casNext(cur, succ)) {
                        BackOff.pause(attempt++);
                        continue retry;
                    }
                    cur = succ;
                    continue;
                }
                if (cur.key >= key) {
                    break;
                }
                prev = cur;
                cur = next;
            }
            if (cur == null || cur.key != key) {
                return false;
            }
            Node succ = cur.lvNext();
            if (succ != null && succ.marker) {
                continue;  // deleted meanwhile: the next search unlinks it and reports absence
            }
            if (cur.casNext(succ, new Node(key, true, succ))) {
                prev.casNext(cur, succ);  // best effort; later searches help otherwise
                return true;
            }
            BackOff.pause(attempt++);
        }
    }

    @Override
    public int size() {
        int n = 0;
        for (Node head : heads) {
            for (Node cur = head.lvNext(); cur != null; cur = successor(cur)) {
                Node next = cur.lvNext();
                if (next == null || !next.marker) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public String name() {
        return "harris(" + heads.length + ")";
    }
}
