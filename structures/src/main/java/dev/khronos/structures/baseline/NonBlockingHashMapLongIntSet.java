package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;
import org.jctools.maps.NonBlockingHashMapLong;

/**
 * Adapter for JCTools' {@link NonBlockingHashMapLong} (Click's lock-free open-addressing hash with
 * primitive {@code long} keys) used as a set: a key is present when it maps to one shared marker
 * value, so no operation boxes. The table never shrinks; {@link #size()} is not a snapshot.
 *
 * <p>Thread-safety: thread-safe (lock-free).
 */
public final class NonBlockingHashMapLongIntSet extends StatelessIntSet {
    private static final Boolean PRESENT = Boolean.TRUE;
    private final NonBlockingHashMapLong<Boolean> map;

    /** @param initialCapacity sizing hint (the benchmark's key range) */
    public NonBlockingHashMapLongIntSet(int initialCapacity) {
        this.map = new NonBlockingHashMapLong<>(Math.max(16, initialCapacity));
    }

    @Override
    public boolean add(int key) {
        return map.putIfAbsent(IntSet.checkKey(key), PRESENT) == null;
    }

    @Override
    public boolean remove(int key) {
        return map.remove(IntSet.checkKey(key)) != null;
    }

    @Override
    public boolean contains(int key) {
        return map.containsKey(IntSet.checkKey(key));
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public String name() {
        return "nbhm";
    }
}
