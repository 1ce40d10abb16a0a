package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every structure of the registry (the RLU family on every engine and domain configuration of
 * {@link TestEngines}, and every baseline) against two checks:
 * <ul>
 *   <li>sequential: random operations agree with a {@link TreeSet}, and the sentinel keys are
 *       rejected;</li>
 *   <li>concurrent: 4 threads (on 2 cores: preemption inside operations) run a mixed workload through
 *       their sessions, counting their successful inserts and deletes per key; afterwards
 *       {@code size() == initial + inserts - deletes} (the invariant hlbench enforces), and each key
 *       is present exactly when its own count says so.</li>
 * </ul>
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IntSetStressTest {
    private static final int THREADS = 4;
    private static final int RANGE = 64;
    private static final int OPS_PER_THREAD = 100_000;
    /** Bounds the start barrier and the workers' run (a few seconds normally, per structure). */
    private static final Duration WORK_LIMIT = Duration.ofSeconds(100);

    /** A structure under test: its name and how to build a fresh one. */
    record Subject(String name, Supplier<IntSet> factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> subjects() {
        List<Subject> out = new ArrayList<>();
        for (EngineFactory f : TestEngines.all()) {
            for (DomainSpec spec : TestEngines.specs()) {
                String suffix = f.name() + (spec.nestedLocking() ? "" : ",C") + (spec.qpIntervalMicros() == 0 ? ",hyper" : "");
                Supplier<RluDomain> d = () -> f.create(spec);
                StructureRegistry.Config c = StructureRegistry.Config.defaults().withBuckets(7).withKeyRange(RANGE).withDomain(d);
                out.add(new Subject("hash[" + suffix + "]", () -> StructureRegistry.create("mvrlu", c)));
                out.add(new Subject("list[" + suffix + "]", () -> StructureRegistry.create("mvrlu-list", c)));
                out.add(new Subject("tree[" + suffix + "]", () -> StructureRegistry.create("mvrlu-tree", c)));
            }
        }
        for (String name : new String[] {"rcu", "spin", "spinchain", "harris", "chm", "cslm", "nbhm", "nbsi", "rwlock"}) {
            StructureRegistry.Config c = StructureRegistry.Config.defaults().withBuckets(7).withKeyRange(RANGE);
            out.add(new Subject(name, () -> StructureRegistry.create(name, c)));
        }
        return out.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void agreesWithTreeSetSequentially(Subject subject) {
        try (IntSet set = subject.factory().get(); IntSet.Session s = set.session()) {
            TreeSet<Integer> ref = new TreeSet<>();
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < 20_000; i++) {
                int k = rnd.nextInt(RANGE);
                switch (rnd.nextInt(3)) {
                    case 0 -> assertEquals(ref.add(k), s.add(k), "add " + k);
                    case 1 -> assertEquals(ref.remove(k), s.remove(k), "remove " + k);
                    default -> assertEquals(ref.contains(k), s.contains(k), "contains " + k);
                }
                if (i % 1000 == 0) {
                    assertEquals(ref.size(), s.size());
                }
            }
            assertEquals(ref.size(), set.size());
            for (int k = 0; k < RANGE; k++) {
                assertEquals(ref.contains(k), set.contains(k), "set-level contains " + k);
            }
            assertThrows(IllegalArgumentException.class, () -> s.add(Integer.MIN_VALUE));
            assertThrows(IllegalArgumentException.class, () -> s.contains(Integer.MAX_VALUE));
            assertThrows(IllegalArgumentException.class, () -> set.remove(Integer.MAX_VALUE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void sizeInvariantUnderConcurrentUpdates(Subject subject) throws Exception {
        try (IntSet set = subject.factory().get()) {
            int initial = 0;
            boolean[] initiallyIn = new boolean[RANGE];
            try (IntSet.Session s = set.session()) {
                for (int k = 0; k < RANGE; k += 2) {
                    assertTrue(s.add(k));
                    initiallyIn[k] = true;
                    initial++;
                }
            }
            int[][] net = new int[THREADS][RANGE];      // per thread, per key: inserts - deletes
            long[] inserts = new long[THREADS];
            long[] deletes = new long[THREADS];
            CyclicBarrier start = new CyclicBarrier(THREADS);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int id = t;
                Thread th = new Thread(() -> {
                    SplittableRandom rnd = new SplittableRandom(1000 + id);
                    try (IntSet.Session s = set.session()) {
                        start.await(WORK_LIMIT.toSeconds(), TimeUnit.SECONDS);
                        for (int i = 0; i < OPS_PER_THREAD; i++) {
                            int k = rnd.nextInt(RANGE);
                            int op = rnd.nextInt(10);
                            if (op < 4) {
                                if (s.add(k)) {
                                    inserts[id]++;
                                    net[id][k]++;
                                }
                            } else if (op < 8) {
                                if (s.remove(k)) {
                                    deletes[id]++;
                                    net[id][k]--;
                                }
                            } else {
                                s.contains(k);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "stress-" + t);
                th.setDaemon(true);
                threads.add(th);
                th.start();
            }
            Await.join(WORK_LIMIT, threads);
            if (failure.get() != null) {
                throw new AssertionError("worker failed", failure.get());
            }
            long ins = 0;
            long del = 0;
            for (int t = 0; t < THREADS; t++) {
                ins += inserts[t];
                del += deletes[t];
            }
            assertTrue(ins > 1000 && del > 1000, "the workload must actually update: " + ins + "/" + del);
            assertEquals(initial + ins - del, set.size(), "final size = initial + inserts - deletes");
            for (int k = 0; k < RANGE; k++) {
                int n = initiallyIn[k] ? 1 : 0;
                for (int t = 0; t < THREADS; t++) {
                    n += net[t][k];
                }
                assertTrue(n == 0 || n == 1, "key " + k + ": net count " + n + " (a lost or doubled update)");
                assertEquals(n == 1, set.contains(k), "key " + k);
            }
        }
    }
}
