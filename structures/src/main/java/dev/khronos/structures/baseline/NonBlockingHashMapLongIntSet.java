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

    /**
     * The map key of {@code key}: shifted so that it is never 0. JCTools 4.0.5's
     * {@code NonBlockingHashMapLong} keeps key 0 outside its table, and concurrent
     * {@code putIfAbsent}/{@code remove} on key 0 lose updates there (measured: 4 threads x 20,000
     * random putIfAbsent/remove on key 0 leave the size wrong in 123 of 200 rounds; on key 5 in
     * none). {@link IntSet#checkKey} rejects {@code Integer.MIN_VALUE}, so the shifted key is >= 1.
     */
    private static long slot(int key) {
        return (long) IntSet.checkKey(key) - Integer.MIN_VALUE;
    }

    @Override
    public boolean add(int key) {
        return map.putIfAbsent(slot(key), PRESENT) == null;
    }

    @Override
    public boolean remove(int key) {
        return map.remove(slot(key)) != null;
    }

    @Override
    public boolean contains(int key) {
        return map.containsKey(slot(key));
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
