package dev.khronos.hlbench.engine;

import dev.khronos.structures.IntSet;

/**
 * The hash list with no synchronisation at all ({@code hlbench seq}): the same layout as the
 * RLU hash list of {@code structures} (an array of sorted singly linked lists, each with a head
 * sentinel {@code MIN_VALUE} and a tail sentinel {@code MAX_VALUE}, bucket {@code key mod buckets})
 * with plain field reads and writes. It is the single-thread reference for the physical limit of
 * the structure, which the synchronised variants are compared with.
 *
 * <p>Implementation notes: the traversal is the one of the RLU lists minus {@code deref}, so the
 * ratio {@code mvrlu / seq} isolates the engine's cost. The size is counted by a walk.
 *
 * <p>Thread-safety: <b>not thread-safe</b>. Use from one thread only (the CLI refuses
 * {@code seq} with more than one thread); the {@link IntSet} contract's thread-safety clause does
 * not hold for this class.
 */
public final class SeqHashIntSet implements IntSet, IntSet.Session {
    private static final class Node {
        final int key;
        Node next;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }
    }

    private final Node[] heads;

    /**
     * @param buckets number of buckets, &gt;= 1
     */
    public SeqHashIntSet(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        heads = new Node[buckets];
        for (int i = 0; i < buckets; i++) {
            heads[i] = new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));
        }
    }

    private Node head(int key) {
        return heads[Math.floorMod(key, heads.length)];
    }

    @Override
    public boolean add(int key) {
        IntSet.checkKey(key);
        Node prev = head(key);
        Node next = prev.next;
        while (next.key < key) {
            prev = next;
            next = next.next;
        }
        if (next.key == key) {
            return false;
        }
        prev.next = new Node(key, next);
        return true;
    }

    @Override
    public boolean remove(int key) {
        IntSet.checkKey(key);
        Node prev = head(key);
        Node cur = prev.next;
        while (cur.key < key) {
            prev = cur;
            cur = cur.next;
        }
        if (cur.key != key) {
            return false;
        }
        prev.next = cur.next;
        return true;
    }

    @Override
    public boolean contains(int key) {
        IntSet.checkKey(key);
        Node n = head(key).next;
        while (n.key < key) {
            n = n.next;
        }
        return n.key == key;
    }

    @Override
    public int size() {
        int count = 0;
        for (Node h : heads) {
            for (Node n = h.next; n.key != Integer.MAX_VALUE; n = n.next) {
                count++;
            }
        }
        return count;
    }

    /** @return this set itself: it has no per-thread state */
    @Override
    public IntSet.Session session() {
        return this;
    }

    @Override
    public String name() {
        return "seq-hash(" + heads.length + ")";
    }

    @Override
    public void close() {
    }
}
