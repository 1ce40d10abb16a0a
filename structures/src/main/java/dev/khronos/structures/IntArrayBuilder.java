package dev.khronos.structures;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A growable {@code int[]} for snapshot queries.
 *
 * <p>Thread-safety: not thread-safe; used by one thread inside one query.
 */
final class IntArrayBuilder implements IntConsumer {
    private int[] keys = new int[16];
    private int size;

    @Override
    public void accept(int key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    int[] toArray() {
        return Arrays.copyOf(keys, size);
    }
}
