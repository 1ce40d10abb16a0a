package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;
import dev.khronos.structures.support.SpinLock;

/**
 * kbench SPINLOCK ({@code -s 0}, {@code hlbench_spin}): a hash set whose buckets are sorted singly
 * linked lists, each guarded by its own spinlock, which every operation takes, lookups included.
 *
 * <p>Implementation notes. A bucket is a {@link SpinLock} (padded to its own cache line, so adjacent
 * buckets' locks do not false-share) holding a head sentinel; nodes have plain fields, read and
 * written only under the bucket's lock, whose CAS/release store orders them. Removed nodes are
 * simply dropped (the C code {@code delete}s them at once; here the GC reclaims them).
 * bucket = {@code floorMod(key, buckets)}. {@link #size()} locks one bucket at a time: exact when
 * quiescent, not a snapshot under updates.
 *
 * <p>Thread-safety: thread-safe (blocking).
 */
public final class SpinLockHashSet extends StatelessIntSet {
    private static final class Node {
        final int key;
        Node next;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }
    }

    private static final class Bucket extends SpinLock {
        final Node head = new Node(Integer.MIN_VALUE, null);
    }

    private final Bucket[] buckets;

    /** @param buckets number of buckets (fixed), at least 1 */
    public SpinLockHashSet(int buckets) {
        this.buckets = new Bucket[checkBuckets(buckets)];
        for (int i = 0; i < buckets; i++) {
            this.buckets[i] = new Bucket();
        }
    }

    private Bucket bucket(int key) {
        return buckets[Math.floorMod(key, buckets.length)];
    }

    @Override
    public boolean add(int key) {
        IntSet.checkKey(key);
        Bucket b = bucket(key);
        b.lock();
        try {
            Node prev = b.head;
            Node cur = prev.next;
            while (cur != null && cur.key < key) {
                prev = cur;
                cur = cur.next;
            }
            if (cur != null && cur.key == key) {
                return false;
            }
            prev.next = new Node(key, cur);
            return true;
        } finally {
            b.unlock();
        }
    }

    @Override
    public boolean remove(int key) {
        IntSet.checkKey(key);
        Bucket b = bucket(key);
        b.lock();
        try {
            Node prev = b.head;
            Node cur = prev.next;
            while (cur != null && cur.key < key) {
                prev = cur;
                cur = cur.next;
            }
            if (cur == null || cur.key != key) {
                return false;
            }
            prev.next = cur.next;
            return true;
        } finally {
            b.unlock();
        }
    }

    @Override
    public boolean contains(int key) {
        IntSet.checkKey(key);
        Bucket b = bucket(key);
        b.lock();
        try {
            Node cur = b.head.next;
            while (cur != null && cur.key < key) {
                cur = cur.next;
            }
            return cur != null && cur.key == key;
        } finally {
            b.unlock();
        }
    }

    @Override
    public int size() {
        int n = 0;
        for (Bucket b : buckets) {
            b.lock();
            try {
                for (Node cur = b.head.next; cur != null; cur = cur.next) {
                    n++;
                }
            } finally {
                b.unlock();
            }
        }
        return n;
    }

    @Override
    public String name() {
        return "spin(" + buckets.length + ")";
    }
}
