package dev.khronos.hlbench.engine;

import dev.khronos.structures.IntSet;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only, deliberately broken: every fifth successful {@code add} reports success without
 * inserting, so the final size falls short of {@code initial + inserts - deletes}.
 */
public final class BrokenIntSet implements IntSet, IntSet.Session {
    private final java.util.Set<Integer> keys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger adds = new AtomicInteger();

    @Override
    public boolean add(int key) {
        if (keys.contains(key)) {
            return false;
        }
        if (adds.incrementAndGet() % 5 == 0) {
            return true;
        }
        return keys.add(key);
    }

    @Override
    public boolean remove(int key) {
        return keys.remove(key);
    }

    @Override
    public boolean contains(int key) {
        return keys.contains(key);
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public IntSet.Session session() {
        return this;
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public void close() {
    }
}
