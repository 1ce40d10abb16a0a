package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adapter for {@link ConcurrentHashMap#newKeySet()}, the JDK reference. Boxes keys outside the
 * {@code Integer} cache (-128..127), as any {@code Set<Integer>} must; {@link #size()} is a sum of
 * counters, not a snapshot.
 *
 * <p>Thread-safety: thread-safe (lock-striped, CAS).
 */
public final class ConcurrentHashMapIntSet extends StatelessIntSet {
    private final Set<Integer> set;

    /** @param initialCapacity sizing hint (the benchmark's key range) */
    public ConcurrentHashMapIntSet(int initialCapacity) {
        this.set = ConcurrentHashMap.newKeySet(Math.max(16, initialCapacity));
    }

    @Override
    public boolean add(int key) {
        return set.add(IntSet.checkKey(key));
    }

    @Override
    public boolean remove(int key) {
        return set.remove(IntSet.checkKey(key));
    }

    @Override
    public boolean contains(int key) {
        return set.contains(IntSet.checkKey(key));
    }

    @Override
    public int size() {
        return set.size();
    }

    @Override
    public String name() {
        return "chm";
    }
}
