package dev.khronos.hlbench.jmh;

import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.XorShift;
import dev.khronos.structures.IntSet;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * The KhronOS hash-list workload as a JMH benchmark: one operation = {@code op = rand % 1000},
 * an insert ({@code op} even) or delete below {@code updatePermille}, else a lookup; keys
 * {@code rand % range}; the set is prefilled to {@code initial} distinct keys. Threads come from
 * JMH's {@code -t} ({@link ThreadSweep} runs several counts and merges the results).
 *
 * <p>Secondary counters ({@code @AuxCounters}, per second): {@code adds}, {@code removes},
 * {@code finds} = successful inserts, deletes and lookups.
 *
 * <p>Implementation notes: the set is per trial ({@code Scope.Benchmark}); each thread opens its
 * own {@link IntSet.Session} and xorshift seeded from its JMH thread index. {@code seq} is
 * rejected above one thread.
 *
 * <p>Thread-safety: JMH's contract: benchmark state shared, thread state per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HashListBenchmark {

    /** The set, per trial. */
    @State(Scope.Benchmark)
    public static class SetState {
        @Param({"mvrlu", "seq", "rcu", "spin", "chm"})
        public String sync;
        @Param({"200"})
        public int updatePermille;
        @Param({"5000"})
        public int initial;
        @Param({"10000"})
        public int range;
        @Param({"1000"})
        public int buckets;
        @Param({"1"})
        public long seed;

        IntSet set;

        @Setup(Level.Trial)
        public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) {
            if (SetFactory.singleThreadOnly(sync) && params.getThreads() != 1) {
                throw new IllegalArgumentException(sync + " runs on one thread only");
            }
            set = SetFactory.create(sync, buckets, range);
            XorShift rng = new XorShift(seed);
            try (IntSet.Session s = set.session()) {
                for (int in = 0; in < initial; ) {
                    if (s.add(rng.nextInt(range))) {
                        in++;
                    }
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            set.close();
        }
    }

    /** Per-thread session, generator and counters of successful operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ThreadState {
        /** Successful inserts. */
        public long adds;
        /** Successful deletes. */
        public long removes;
        /** Lookups that found their key. */
        public long finds;

        IntSet.Session session;
        XorShift rng;

        @Setup(Level.Trial)
        public void setUp(SetState s, ThreadParams tp) {
            session = s.set.session();
            rng = new XorShift(s.seed + 1 + tp.getThreadIndex());
        }

        @Setup(Level.Iteration)
        public void reset() {
            adds = 0;
            removes = 0;
            finds = 0;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            session.close();
        }
    }

    /** @return the outcome, consumed by JMH */
    @Benchmark
    public boolean op(SetState s, ThreadState t) {
        XorShift rng = t.rng;
        int op = rng.nextInt(1000);
        int key = rng.nextInt(s.range);
        if (op < s.updatePermille) {
            if ((op & 1) == 0) {
                boolean r = t.session.add(key);
                if (r) {
                    t.adds++;
                }
                return r;
            }
            boolean r = t.session.remove(key);
            if (r) {
                t.removes++;
            }
            return r;
        }
        boolean r = t.session.contains(key);
        if (r) {
            t.finds++;
        }
        return r;
    }
}
