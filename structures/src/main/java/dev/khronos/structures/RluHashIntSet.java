package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.Section;

import java.util.function.IntConsumer;

/**
 * The hash-list int set of the RLU/MV-RLU {@code bench.c}, kbench and {@code hlbench}: a fixed
 * array of buckets, each a sorted RLU list with sentinels; bucket = {@code floorMod(key, buckets)}
 * (identity hash, as sv6's {@code hash<int>}, and non-negative for negative keys too).
 *
 * <p>Implementation notes: see {@link SortedLists}. Buckets never resize. A snapshot query
 * ({@link #size(Section)}, {@link #forEach}) walks every bucket in one section, so it is consistent
 * across buckets; keys come bucket by bucket, ascending within a bucket.
 *
 * <p>Thread-safety: thread-safe (see {@link RluIntSet} for the three call levels).
 */
public final class RluHashIntSet extends RluIntSet {
    private final IntNode[] buckets;

    /**
     * @param domain the domain whose sections this set is used in
     * @param buckets number of buckets, at least 1
     * @throws IllegalArgumentException if {@code buckets < 1}
     */
    public RluHashIntSet(RluDomain domain, int buckets) {
        super(domain);
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        this.buckets = new IntNode[buckets];
        // One tail for every bucket: a walk that ends at the tail (a key absent or above all of
        // its bucket's) then finds it in the cache instead of missing on a sentinel per bucket.
        IntNode tail = IntNode.newTail();
        for (int i = 0; i < buckets; i++) {
            this.buckets[i] = IntNode.newList(tail);
        }
    }

    private IntNode bucket(int key) {
        return buckets[Math.floorMod(key, buckets.length)];
    }

    /** @return the number of buckets */
    public int buckets() {
        return buckets.length;
    }

    @Override
    protected boolean lookup(Section s, int key) {
        return SortedLists.contains(s, bucket(key), key);
    }

    @Override
    protected int tryAdd(Section s, int key) {
        return SortedLists.tryAdd(s, bucket(key), key);
    }

    @Override
    protected int tryRemove(Section s, int key) {
        return SortedLists.tryRemove(s, bucket(key), key);
    }

    @Override
    public void forEach(Section s, IntConsumer action) {
        for (IntNode head : buckets) {
            SortedLists.forEachInRange(s, head, Integer.MIN_VALUE, Integer.MAX_VALUE, action);
        }
    }

    @Override
    public int size(Section s) {
        int n = 0;
        for (IntNode head : buckets) {
            n += SortedLists.size(s, head);
        }
        return n;
    }

    @Override
    public String name() {
        return domain.stats().engine() + "-hash(" + buckets.length + ")";
    }
}
