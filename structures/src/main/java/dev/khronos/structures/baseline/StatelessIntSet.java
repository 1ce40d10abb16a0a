package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;

/**
 * Base of the baselines that need no per-thread context: their {@link #session()} is a thin
 * delegate, so a benchmark drives every structure the same way.
 *
 * <p>Thread-safety: as the subclass (all are thread-safe); a session is as thread-safe as the set.
 */
public abstract class StatelessIntSet implements IntSet {
    /** For subclasses. */
    protected StatelessIntSet() {
    }

    @Override
    public IntSet.Session session() {
        return new Session(this);
    }

    private static final class Session implements IntSet.Session {
        private final StatelessIntSet set;

        Session(StatelessIntSet set) {
            this.set = set;
        }

        @Override
        public boolean add(int key) {
            return set.add(key);
        }

        @Override
        public boolean remove(int key) {
            return set.remove(key);
        }

        @Override
        public boolean contains(int key) {
            return set.contains(key);
        }

        @Override
        public int size() {
            return set.size();
        }

        @Override
        public void close() {
        }
    }

    /** @throws IllegalArgumentException if {@code buckets < 1} */
    static int checkBuckets(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        return buckets;
    }
}
