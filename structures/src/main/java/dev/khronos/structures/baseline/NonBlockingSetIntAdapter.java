package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;
import org.jctools.maps.NonBlockingSetInt;

/**
 * Adapter for JCTools' {@link NonBlockingSetInt}: a lock-free growable bit set, the densest
 * possible set for keys in {@code [0, range)}. It holds only non-negative keys, and its memory grows
 * with the largest key, so this adapter rejects negative keys with {@link IllegalArgumentException}
 * (use {@code nbhm} for arbitrary keys). {@link #size()} is not a snapshot.
 *
 * <p>Thread-safety: thread-safe (lock-free).
 */
public final class NonBlockingSetIntAdapter extends StatelessIntSet {
    private final NonBlockingSetInt set = new NonBlockingSetInt();

    private static int checkNonNegative(int key) {
        if (key < 0) {
            throw new IllegalArgumentException("NonBlockingSetInt holds only keys >= 0, got " + key
                    + " (use the nbhm baseline for negative keys)");
        }
        return IntSet.checkKey(key);
    }

    @Override
    public boolean add(int key) {
        return set.add(checkNonNegative(key));
    }

    @Override
    public boolean remove(int key) {
        return set.remove(checkNonNegative(key));
    }

    @Override
    public boolean contains(int key) {
        return set.contains(checkNonNegative(key));
    }

    @Override
    public int size() {
        return set.size();
    }

    @Override
    public String name() {
        return "nbsi";
    }
}
