package dev.khronos.hlbench.engine;

import dev.khronos.structures.IntSet;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only, deliberately broken: a working set whose chosen step never returns until the test
 * calls {@link #release()} (in a {@code finally}, so the stuck thread ends with the test), as an
 * engine whose final flush or shutdown hangs would. The benchmarks must fail such a run with a
 * one-line error within their step deadline, not hang.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class HangingIntSet implements IntSet {
    /** Where the set blocks. */
    public enum Step {
        /** Opening a session, except the first (the prefill's): a worker getting ready. */
        SESSION_OPEN,
        /** Closing a session, except the first (the prefill's): a worker stopping. */
        SESSION_CLOSE,
        /** {@code size()}, i.e. the final size check. */
        SIZE,
        /** The set's {@code close()}, i.e. shutting its domain down. */
        CLOSE
    }

    private final Step step;
    private final Set<Integer> keys = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger sessions = new AtomicInteger();

    /** @param step where to block */
    public HangingIntSet(Step step) {
        this.step = step;
    }

    /** Lets every blocked call return. */
    public void release() {
        released.countDown();
    }

    private void hangIf(Step s) {
        if (s != step) {
            return;
        }
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException e) {
                // Ignores interrupts, as a stuck native or spinning wait would; only release() ends it.
            }
        }
    }

    @Override
    public IntSet.Session session() {
        boolean prefill = sessions.getAndIncrement() == 0;
        if (!prefill) {
            hangIf(Step.SESSION_OPEN);
        }
        return new IntSet.Session() {
            @Override
            public boolean add(int key) {
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
                hangIf(Step.SIZE);
                return keys.size();
            }

            @Override
            public void close() {
                if (!prefill) {
                    hangIf(Step.SESSION_CLOSE);
                }
            }
        };
    }

    @Override
    public boolean add(int key) {
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
        hangIf(Step.SIZE);
        return keys.size();
    }

    @Override
    public String name() {
        return "hanging-" + step.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public void close() {
        hangIf(Step.CLOSE);
    }
}
