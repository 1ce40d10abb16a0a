package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;
import dev.khronos.structures.support.SpinLock;

/**
 * kbench SPIN_CHAIN ({@code -s 3}, sv6 {@code chainhash_spinlock}): a hash set whose buckets are
 * <em>unsorted</em> chains, each under its own spinlock; inserts push at the front after a lookup
 * of the whole chain, removes look the key up and unlink it.
 *
 * <p>Implementation notes: as {@link SpinLockHashSet} (padded per-bucket locks, plain fields under
 * the lock, removed nodes dropped), but without ordering, so every miss walks the whole chain.
 * bucket = {@code floorMod(key, buckets)}. {@link #size()} is exact only when quiescent.
 *
 * <p>Thread-safety: thread-safe (blocking).
 */
public final class SpinChainHashSet extends StatelessIntSet {
    private static final class Node {
        final int key;
        Node next;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }
    }

    private static final class Bucket extends SpinLock {
        Node first;
    }

    private final Bucket[] buckets;

    /** @param buckets number of buckets (fixed), at least 1 */
    public SpinChainHashSet(int buckets) {
        this.buckets = new Bucket[checkBuckets(buckets)];
        for (int i = 0; i < buckets; i++) {
            this.buckets[i] = new Bucket();
        }
    }

    private Bucket bucket(int key) {
        return buckets[Math.floorMod(key, buckets.length)];
    }

    private static boolean lookup(Bucket b, int key) {
        for (Node n = b.first; n != null; n = n.next) {
            if (n.key == key) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean add(int key) {
        IntSet.checkKey(key);
        Bucket b = bucket(key);
        b.lock();
        try {
            if (lookup(b, key)) {
                return false;
            }
            b.first = new Node(key, b.first);
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
            if (!lookup(b, key)) {
                return false;
            }
            if (b.first.key == key) {
                b.first = b.first.next;
                return true;
            }
            Node prev = b.first;
            while (prev.next.key != key) {
                prev = prev.next;
            }
            prev.next = prev.next.next;
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
            return lookup(b, key);
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
                for (Node cur = b.first; cur != null; cur = cur.next) {
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
        return "spinchain(" + buckets.length + ")";
    }
}
