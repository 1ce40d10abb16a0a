package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;

import java.util.function.IntConsumer;

/**
 * An RLU int set whose keys are ordered: adds snapshot-consistent range queries, the query
 * {@code ConcurrentSkipListSet} answers only weakly consistently (a range view that misses or
 * double-counts keys moved during the scan).
 *
 * <p>Thread-safety: thread-safe, as {@link RluIntSet}.
 */
public abstract class OrderedRluIntSet extends RluIntSet {
    /** @param domain the domain whose sections this set is used in */
    protected OrderedRluIntSet(RluDomain domain) {
        super(domain);
    }

    /**
     * Calls {@code action} for the keys in {@code [lo, hi]} of the section's snapshot, ascending.
     *
     * @param s the caller's open section
     * @param lo the smallest key of the range
     * @param hi the largest key of the range
     * @param action called once per key
     */
    public abstract void forEachInRange(Section s, int lo, int hi, IntConsumer action);

    @Override
    public void forEach(Section s, IntConsumer action) {
        forEachInRange(s, Integer.MIN_VALUE, Integer.MAX_VALUE, action);
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @param lo the smallest key of the range
     * @param hi the largest key of the range
     * @return the keys in {@code [lo, hi]} of one snapshot, ascending
     */
    public final int[] range(RluHandle h, int lo, int hi) {
        try (Section s = h.readLock()) {
            IntArrayBuilder b = new IntArrayBuilder();
            forEachInRange(s, lo, hi, b);
            return b.toArray();
        }
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @param lo the smallest key of the range
     * @param hi the largest key of the range
     * @return how many keys of one snapshot lie in {@code [lo, hi]}
     */
    public final int rangeCount(RluHandle h, int lo, int hi) {
        try (Section s = h.readLock()) {
            return rangeCount(s, lo, hi);
        }
    }

    /**
     * @param s the caller's open section
     * @param lo the smallest key of the range
     * @param hi the largest key of the range
     * @return how many keys of the section's snapshot lie in {@code [lo, hi]}
     */
    public final int rangeCount(Section s, int lo, int hi) {
        int[] n = new int[1];
        forEachInRange(s, lo, hi, k -> n[0]++);
        return n[0];
    }
}
