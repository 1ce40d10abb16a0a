package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What one section gives that per-operation linearizable structures cannot: atomic multi-key moves,
 * and size, iteration and range queries that are consistent snapshots, checked while writers run.
 * Every reader check is "in every snapshot", i.e. in each of thousands of sections taken during the
 * updates.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnapshotConsistencyTest {
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(700);
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(45);
    private final List<RluDomain> domains = new ArrayList<>();

    static List<EngineFactory> engines() {
        return TestEngines.all();
    }

    private RluDomain domain(EngineFactory f) {
        RluDomain d = f.create(DomainSpec.defaults());
        domains.add(d);
        return d;
    }

    @AfterEach
    void shutdown() {
        domains.forEach(RluDomain::shutdown);
    }

    /** As {@link #race(RluDomain, int, HandleLoop, int, HandleLoop, BooleanSupplier, String)}, for RUN_NANOS. */
    private static void race(RluDomain d, int writers, HandleLoop writer, int readers, HandleLoop reader) {
        race(d, writers, writer, readers, reader, () -> true, "nothing else");
    }

    /**
     * Runs {@code writers} and {@code readers} (each with its own handle) for at least RUN_NANOS and
     * until {@code enoughProgress} holds (a loaded machine gets more time, bounded by
     * PROGRESS_LIMIT, instead of a failure); rethrows failures.
     */
    private static void race(RluDomain d, int writers, HandleLoop writer, int readers, HandleLoop reader,
                             BooleanSupplier enoughProgress, String progress) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers + readers; i++) {
            final int id = i;
            final HandleLoop body = i < writers ? writer : reader;
            Thread t = new Thread(() -> {
                try (RluHandle h = d.register()) {
                    SplittableRandom rnd = new SplittableRandom(id);
                    while (!stop.get() && failure.get() == null) {
                        body.run(h, rnd);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, (i < writers ? "writer-" : "reader-") + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        long minimumEnd = System.nanoTime() + RUN_NANOS;
        try {
            Await.condition(PROGRESS_LIMIT, () -> failure.get() != null
                    || (System.nanoTime() - minimumEnd >= 0 && enoughProgress.getAsBoolean()),
                    TimeUnit.NANOSECONDS.toMillis(RUN_NANOS) + " ms passed and " + progress);
        } finally {
            stop.set(true);
        }
        Await.join(Await.GENEROUS, threads);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    interface HandleLoop {
        void run(RluHandle h, SplittableRandom rnd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aKeyMovedBetweenTwoSetsIsInExactlyOneInEverySnapshot(EngineFactory f) throws Exception {
        RluDomain d = domain(f);
        RluHashIntSet a = new RluHashIntSet(d, 4);
        RluTreeIntSet b = new RluTreeIntSet(d);
        int keys = 8;
        try (RluHandle h = d.register()) {
            for (int k = 0; k < keys; k++) {
                a.add(h, k);
                b.add(h, 100 + k);   // unrelated keys keep the tree non-trivial
            }
        }
        AtomicLong moves = new AtomicLong();
        AtomicLong snapshots = new AtomicLong();
        race(d, 2, (h, rnd) -> {
            int k = rnd.nextInt(keys);
            if (RluIntSet.move(h, a, b, k) || RluIntSet.move(h, b, a, k)) {
                moves.incrementAndGet();
            }
        }, 2, (h, rnd) -> {
            try (Section s = h.readLock()) {
                for (int k = 0; k < keys; k++) {
                    boolean inA = a.contains(s, k);
                    boolean inB = b.contains(s, k);
                    if (inA == inB) {
                        throw new AssertionError("key " + k + " in both or neither: a=" + inA + " b=" + inB);
                    }
                }
                assertEquals(keys * 2, a.size(s) + b.size(s), "total size is invariant in a snapshot");
            }
            snapshots.incrementAndGet();
        }, () -> moves.get() > 100 && snapshots.get() > 100, "more than 100 moves and 100 snapshots");
        assertTrue(moves.get() > 100, "moves: " + moves.get());
        assertTrue(snapshots.get() > 100, "snapshots: " + snapshots.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void renamesKeepRangeCountsAndIterationConsistent(EngineFactory f) throws Exception {
        RluDomain d = domain(f);
        RluTreeIntSet tree = new RluTreeIntSet(d);
        RluListIntSet list = new RluListIntSet(d);
        // Keys 0..99 hold one key per decade [10j, 10j+9]; writers rename a key within its decade.
        try (RluHandle h = d.register()) {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int j = 0; j < 10; j++) {
                int k = 10 * j + rnd.nextInt(10);
                tree.add(h, k);
                list.add(h, k);
            }
        }
        race(d, 2, (h, rnd) -> {
            int decade = rnd.nextInt(10);
            OrderedRluIntSet set = rnd.nextBoolean() ? tree : list;
            int[] present = set.range(h, 10 * decade, 10 * decade + 9);
            if (present.length == 1) {
                set.replace(h, present[0], 10 * decade + rnd.nextInt(10));
            }
        }, 2, (h, rnd) -> {
            try (Section s = h.readLock()) {
                for (OrderedRluIntSet set : new OrderedRluIntSet[] {tree, list}) {
                    int[] all = set.toArray(s);
                    assertEquals(10, all.length, "iteration sees exactly one key per decade");
                    for (int j = 0; j < 10; j++) {
                        assertEquals(j, all[j] / 10, "ascending, one per decade: " + Arrays.toString(all));
                    }
                    int lo = rnd.nextInt(100);
                    int hi = lo + rnd.nextInt(100 - lo);
                    int expectedAtLeast = Math.max(0, (hi + 1) / 10 - (lo + 9) / 10);
                    int count = set.rangeCount(s, lo, hi);
                    assertTrue(count >= expectedAtLeast && count <= expectedAtLeast + 2,
                            "range [" + lo + "," + hi + "] count " + count);
                    assertEquals(10, set.size(s));
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void replaceFromUnderConcurrentLookupsFindsTheKeyExactlyOnce(EngineFactory f) throws Exception {
        RluDomain d = domain(f);
        // Three "directories": two maps of 4 buckets and, within the first, several names.
        RluChainHashMap<String, Long> dir1 = new RluChainHashMap<>(d, 4);
        RluChainHashMap<String, Long> dir2 = new RluChainHashMap<>(d, 4);
        String[] names = {"a", "b", "c", "d", "e", "f"};
        final Long inode = 42L;
        try (RluHandle h = d.register()) {
            assertTrue(dir1.insert(h, "a", inode));
            for (int i = 0; i < 20; i++) {
                dir2.insert(h, "other" + i, (long) i);
            }
        }
        AtomicLong renames = new AtomicLong();
        race(d, 2, (h, rnd) -> {
            // Find the file in one snapshot, then rename it to a random name in a random directory.
            String from = null;
            RluChainHashMap<String, Long> src = null;
            try (Section s = h.readLock()) {
                for (String n : names) {
                    if (inode.equals(dir1.get(s, n))) {
                        from = n;
                        src = dir1;
                    } else if (inode.equals(dir2.get(s, n))) {
                        from = n;
                        src = dir2;
                    }
                }
            }
            RluChainHashMap<String, Long> dst = rnd.nextBoolean() ? dir1 : dir2;
            String to = names[rnd.nextInt(names.length)];
            if (dst.replaceFrom(h, to, null, src, from, inode)) {
                renames.incrementAndGet();
            }
        }, 2, (h, rnd) -> {
            try (Section s = h.readLock()) {
                int found = 0;
                for (String n : names) {
                    if (inode.equals(dir1.get(s, n))) {
                        found++;
                    }
                    if (inode.equals(dir2.get(s, n))) {
                        found++;
                    }
                }
                if (found != 1) {
                    throw new AssertionError("the renamed key was found " + found + " times in one snapshot");
                }
                assertEquals(21, dir1.size(s) + dir2.size(s), "snapshot sizes add up");
            }
        }, () -> renames.get() > 100, "more than 100 renames");
        assertTrue(renames.get() > 100, "renames: " + renames.get());
    }
}
