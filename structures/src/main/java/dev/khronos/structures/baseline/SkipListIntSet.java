package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Adapter for {@link ConcurrentSkipListSet}, the JDK's lock-free ordered set (the natural rival of
 * the RLU list and tree). Boxes keys; {@link #size()} walks the set and is not a snapshot.
 *
 * <p>Thread-safety: thread-safe (lock-free).
 */
public final class SkipListIntSet extends StatelessIntSet {
    private final ConcurrentSkipListSet<Integer> set = new ConcurrentSkipListSet<>();

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
        return "cslm";
    }
}
