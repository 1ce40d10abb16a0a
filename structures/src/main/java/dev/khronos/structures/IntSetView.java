package dev.khronos.structures;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The {@code Set<Integer>} view of an {@link RluIntSet} ({@link RluIntSet#asSet()}), for drop-in
 * use where a {@code java.util} set is expected. Boxes, and finds the calling thread's handle per
 * call ({@code RluDomain.current()}), so benchmarks use the primitive interface instead.
 *
 * <p>{@link #size()} and iteration are snapshot-consistent: the iterator walks the keys of one
 * section, taken when it is created (it never throws {@code ConcurrentModificationException} and
 * never shows a key twice); {@link Iterator#remove()} removes the last key from the live set.
 * {@code null} and non-{@code Integer} elements are never contained; adding {@code null} throws
 * {@link NullPointerException}, adding a sentinel key {@link IllegalArgumentException}.
 *
 * <p>Thread-safety: thread-safe, as the set; each iterator is used by one thread.
 */
final class IntSetView extends AbstractSet<Integer> {
    private final RluIntSet set;

    IntSetView(RluIntSet set) {
        this.set = set;
    }

    private static boolean storable(Object o) {
        if (!(o instanceof Integer)) {
            return false;
        }
        int k = (Integer) o;
        return k != Integer.MIN_VALUE && k != Integer.MAX_VALUE;
    }

    @Override
    public boolean add(Integer key) {
        return set.add(key.intValue());
    }

    @Override
    public boolean remove(Object o) {
        return storable(o) && set.remove((Integer) o);
    }

    @Override
    public boolean contains(Object o) {
        return storable(o) && set.contains((Integer) o);
    }

    @Override
    public int size() {
        return set.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Iterator<Integer> iterator() {
        final int[] keys = set.toArray(set.domain().current());
        return new Iterator<>() {
            private int next;
            private boolean canRemove;

            @Override
            public boolean hasNext() {
                return next < keys.length;
            }

            @Override
            public Integer next() {
                if (next >= keys.length) {
                    throw new NoSuchElementException();
                }
                canRemove = true;
                return keys[next++];
            }

            @Override
            public void remove() {
                if (!canRemove) {
                    throw new IllegalStateException("remove() without a preceding next()");
                }
                canRemove = false;
                set.remove(keys[next - 1]);
            }
        };
    }
}
