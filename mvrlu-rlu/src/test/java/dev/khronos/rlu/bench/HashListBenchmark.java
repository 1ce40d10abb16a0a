package dev.khronos.rlu.bench;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.engine.MvRluEngineFactory;
import dev.khronos.rlu.RluEngineFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * RLU vs MV-RLU on the RLU paper's hash-list workload ({@code bench.c}): {@code buckets} sorted lists,
 * {@code initial} distinct keys from {@code [1, range]}, then per operation a draw from 1000:
 * below {@code 10 * updatePercent} an update, alternating insert of a random key and removal of the
 * key last inserted (the C default), else a lookup of a random key. Keys from a per-thread
 * xorshift. After each trial the set's size is checked against the initial size plus every thread's
 * successful inserts minus removes (fails loudly). Threads: run with {@code -t 1} and {@code -t 2}
 * ({@link HashListComparison} does both in one run).
 *
 * <p>Thread-safety: JMH states; the shared state is set up and torn down by one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HashListBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"mvrlu", "rlu"})
        public String engine;
        @Param({"2", "20", "50"})
        public int updatePercent;
        @Param({"1000"})
        public int buckets;
        @Param({"5000"})
        public int initial;
        @Param({"10000"})
        public int range;

        RluDomain domain;
        HashListSet set;
        /** Successful inserts minus removes, counted as they happen (JMH orders no teardowns across threads). */
        final LongAdder sizeDelta = new LongAdder();
        /** Workers' handles, closed here: JMH may tear this state down before the thread states. */
        final Queue<RluHandle> handles = new ConcurrentLinkedQueue<>();

        @Setup(Level.Trial)
        public void setUp() {
            EngineFactory factory = "rlu".equals(engine) ? new RluEngineFactory() : new MvRluEngineFactory();
            domain = factory.create(DomainSpec.defaults());
            set = new HashListSet(buckets);
            long seed = 0x9E3779B97F4A7C15L;
            try (RluHandle h = domain.register()) {
                int added = 0;
                while (added < initial) {
                    seed = xorshift(seed);
                    if (set.add(h, 1 + (int) Long.remainderUnsigned(seed, range))) {
                        added++;
                    }
                }
                h.flushLog();
            }
            sizeDelta.reset();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            for (RluHandle h; (h = handles.poll()) != null; ) {
                h.close();
            }
            try (RluHandle h = domain.register()) {
                long expected = initial + sizeDelta.sum();
                int size = set.size(h);
                if (size != expected) {
                    throw new IllegalStateException(engine + ": set size " + size + " != expected " + expected);
                }
            }
            domain.shutdown();
        }
    }

    @State(Scope.Thread)
    public static class Worker {
        RluHandle handle;
        long seed;
        int last = -1;
        int updateThreshold;
        int range;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            handle = shared.domain.register();
            shared.handles.add(handle);
            seed = System.nanoTime() ^ Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
            if (seed == 0) {
                seed = 1;
            }
            updateThreshold = shared.updatePercent * 10;
            range = shared.range;
        }

        int next(int bound) {
            seed = xorshift(seed);
            return (int) Long.remainderUnsigned(seed, bound);
        }
    }

    static long xorshift(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }

    @Benchmark
    public boolean hashList(Shared shared, Worker w) {
        if (w.next(1000) < w.updateThreshold) {
            if (w.last < 0) {
                int key = 1 + w.next(w.range);
                if (shared.set.add(w.handle, key)) {
                    w.last = key;
                    shared.sizeDelta.increment();
                    return true;
                }
                return false;
            }
            boolean removed = shared.set.remove(w.handle, w.last);
            if (removed) {
                shared.sizeDelta.decrement();
            }
            w.last = -1;
            return removed;
        }
        return shared.set.contains(w.handle, 1 + w.next(w.range));
    }
}
