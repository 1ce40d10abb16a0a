package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.Section;

import java.util.function.IntConsumer;

/**
 * A sorted singly linked list of int keys with head and tail sentinels, on the RLU-family API (the
 * structure of the MV-RLU {@code versioning/list_rlu.c} benchmark).
 *
 * <p>Implementation notes: see {@link SortedLists}; insert locks the predecessor, remove
 * locks predecessor and victim. O(n) per operation: meant for small sets and for the list
 * benchmarks, where the long traversals are what the engines are compared on.
 *
 * <p>Thread-safety: thread-safe (see {@link RluIntSet} for the three call levels).
 */
public final class RluListIntSet extends OrderedRluIntSet {
    private final IntNode head = IntNode.newList();

    /** @param domain the domain whose sections this set is used in */
    public RluListIntSet(RluDomain domain) {
        super(domain);
    }

    @Override
    protected boolean lookup(Section s, int key) {
        return SortedLists.contains(s, head, key);
    }

    @Override
    protected int tryAdd(Section s, int key) {
        return SortedLists.tryAdd(s, head, key);
    }

    @Override
    protected int tryRemove(Section s, int key) {
        return SortedLists.tryRemove(s, head, key);
    }

    @Override
    public void forEachInRange(Section s, int lo, int hi, IntConsumer action) {
        SortedLists.forEachInRange(s, head, lo, hi, action);
    }

    @Override
    public int size(Section s) {
        return SortedLists.size(s, head);
    }

    @Override
    public String name() {
        return domain.stats().engine() + "-list";
    }
}
