package dev.khronos.structures.baseline;

import dev.khronos.structures.IntSet;
import org.agrona.collections.IntHashSet;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The coarse-grained floor: one {@link ReentrantReadWriteLock} around a primitive, not thread-safe
 * {@link IntHashSet} (Agrona's open-addressing set, so the baseline measures the lock, not boxing).
 * Lookups share the read lock, updates take the write lock: RLU's natural rival on read-mostly
 * loads. {@link #size()} is a snapshot (read lock).
 *
 * <p>Thread-safety: thread-safe (blocking; non-fair lock).
 */
public final class ReadWriteLockIntSet extends StatelessIntSet {
    private final IntHashSet set;
    private final Lock read;
    private final Lock write;

    /** @param initialCapacity sizing hint (the benchmark's key range) */
    public ReadWriteLockIntSet(int initialCapacity) {
        this.set = new IntHashSet(Math.max(8, initialCapacity));
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.read = lock.readLock();
        this.write = lock.writeLock();
    }

    @Override
    public boolean add(int key) {
        IntSet.checkKey(key);
        write.lock();
        try {
            return set.add(key);
        } finally {
            write.unlock();
        }
    }

    @Override
    public boolean remove(int key) {
        IntSet.checkKey(key);
        write.lock();
        try {
            return set.remove(key);
        } finally {
            write.unlock();
        }
    }

    @Override
    public boolean contains(int key) {
        IntSet.checkKey(key);
        read.lock();
        try {
            return set.contains(key);
        } finally {
            read.unlock();
        }
    }

    @Override
    public int size() {
        read.lock();
        try {
            return set.size();
        } finally {
            read.unlock();
        }
    }

    @Override
    public boolean snapshotSize() {
        return true;
    }

    @Override
    public String name() {
        return "rwlock";
    }
}
