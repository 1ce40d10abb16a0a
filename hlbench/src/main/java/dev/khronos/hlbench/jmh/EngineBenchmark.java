package dev.khronos.hlbench.jmh;

import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.structures.spi.RluEngines;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The engine microbenchmarks, single thread, for any RLU-family engine: {@code engine} =
 * {@code mvrlu}, {@code rlu} (both by default) or {@code mvrlu-ordo} (MV-RLU on ORDO timestamps).
 * Each benchmark takes only the states it needs, so a parameter multiplies only the benchmarks
 * that use it (the plain baselines run once, without an engine).
 * <ul>
 *   <li>{@code plainWalk} vs {@code derefWalk}: a list of {@code length} (1000) never-written
 *       objects walked with plain field reads, and inside a read section through {@code deref}:
 *       the engine's read path (issue 11: at most 1.3x the plain walk).</li>
 *   <li>{@code update}: a section that locks {@code objects} (1, 2, 4) objects, changes them and
 *       commits. With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per update:
 *       one copy per object plus what a commit allocates.</li>
 *   <li>{@code emptySection} vs {@code emptyOptimisticSection}: open and close a read section,
 *       normal and optimistic (an engine without optimistic sections, classic RLU, opens a normal
 *       one): the fixed cost every operation pays.</li>
 *   <li>{@code plainLookup} vs {@code sectionLookup} vs {@code optimisticLookup}: a lookup in one
 *       of 1000 sorted buckets of 5 nodes (hlbench's default shape), with plain reads, in a normal
 *       section and in an optimistic one.</li>
 * </ul>
 * Run: {@code java -jar hlbench/target/benchmarks.jar EngineBenchmark.derefWalk -p length=1000};
 * {@code -prof gc} adds bytes per operation.
 *
 * <p>Thread-safety: per-thread state (JMH {@code Scope.Thread}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {
    /** A list node: a key and a link, as the structures' nodes. */
    static final class Node extends RluObject<Node> {
        final int key;
        Node next;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }

        @Override
        protected void copyStateFrom(Node src) {
            next = src.next;
        }
    }

    /** An updated object: two values and a link (the shape of mvrlu-core's test {@code Cell}, so bytes per update compare). */
    static final class Cell extends RluObject<Cell> {
        final int id;
        long a;
        long b;
        Cell next;

        Cell(int id) {
            this.id = id;
        }

        @Override
        protected void copyStateFrom(Cell src) {
            a = src.a;
            b = src.b;
            next = src.next;
        }
    }

    /** The engine's domain and this thread's handle. */
    @State(Scope.Thread)
    public static class Engine {
        /** {@code mvrlu}, {@code rlu} or {@code mvrlu-ordo}. */
        @Param({"mvrlu", "rlu"})
        public String engine;

        RluDomain domain;
        RluHandle handle;

        /** Makes the domain and registers this thread. */
        @Setup(Level.Trial)
        public void setUp() {
            domain = engine.equals("mvrlu-ordo") ? SetFactory.withMvRluClock("ordo", () -> RluEngines.createDomain("mvrlu"))
                    : RluEngines.createDomain(engine);
            handle = domain.register();
        }

        /** Closes the handle and shuts the domain down. */
        @TearDown(Level.Trial)
        public void tearDown() {
            handle.close();
            domain.shutdown();
        }
    }

    /** A list of {@code length} nodes, never written. */
    @State(Scope.Thread)
    public static class Walk {
        /** Nodes in the list. */
        @Param({"1000"})
        public int length;

        Node head;

        /** Builds the list. */
        @Setup(Level.Trial)
        public void setUp() {
            Node n = null;
            for (int i = length - 1; i >= 0; i--) {
                n = new Node(i, n);
            }
            head = n;
        }
    }

    /** The objects one update locks. */
    @State(Scope.Thread)
    public static class Cells {
        /** Objects locked and changed per update. */
        @Param({"1", "2", "4"})
        public int objects;

        Cell[] cells;

        /** Makes the objects. */
        @Setup(Level.Trial)
        public void setUp() {
            cells = new Cell[objects];
            for (int i = 0; i < objects; i++) {
                cells[i] = new Cell(i);
            }
        }
    }

    /** 1000 buckets of sorted lists with 5 nodes each between sentinels, and a ring of random keys. */
    @State(Scope.Thread)
    public static class Buckets {
        static final int BUCKETS = 1000;
        Node[] heads;
        int[] keys;
        int next;

        /** Builds the buckets (keys {@code b + i * 1000}, i odd) and draws 65536 keys from [0, 10000). */
        @Setup(Level.Trial)
        public void setUp() {
            heads = new Node[BUCKETS];
            for (int b = 0; b < BUCKETS; b++) {
                Node tail = new Node(Integer.MAX_VALUE, null);
                for (int i = 9; i >= 0; i -= 2) {
                    tail = new Node(b + i * BUCKETS, tail);
                }
                heads[b] = new Node(Integer.MIN_VALUE, tail);
            }
            SplittableRandom r = new SplittableRandom(1);
            keys = new int[1 << 16];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = r.nextInt(10 * BUCKETS);
            }
        }

        int nextKey() {
            return keys[next++ & (keys.length - 1)];
        }
    }

    @Benchmark
    public long plainWalk(Walk w) {
        long sum = 0;
        for (Node n = w.head; n != null; n = n.next) {
            sum += n.key;
        }
        return sum;
    }

    @Benchmark
    public long derefWalk(Engine e, Walk w) {
        long sum = 0;
        try (Section s = e.handle.readLock()) {
            for (Node n = s.deref(w.head); n != null; n = s.deref(n.next)) {
                sum += n.key;
            }
        }
        return sum;
    }

    @Benchmark
    public boolean emptySection(Engine e) {
        try (Section s = e.handle.readLock()) {
            return s.isOpen();
        }
    }

    @Benchmark
    public boolean emptyOptimisticSection(Engine e) {
        try (Section s = e.handle.optimisticReadLock()) {
            return s.isOpen();
        }
    }

    @Benchmark
    public boolean plainLookup(Buckets b) {
        int key = b.nextKey();
        Node n = b.heads[key % Buckets.BUCKETS].next;
        while (n.key < key) {
            n = n.next;
        }
        return n.key == key;
    }

    @Benchmark
    public boolean sectionLookup(Engine e, Buckets b) {
        int key = b.nextKey();
        try (Section s = e.handle.readLock()) {
            return find(s, b, key);
        }
    }

    @Benchmark
    public boolean optimisticLookup(Engine e, Buckets b) {
        int key = b.nextKey();
        try (Section s = e.handle.optimisticReadLock()) {
            return find(s, b, key);
        }
    }

    private static boolean find(Section s, Buckets b, int key) {
        Node n = s.deref(s.deref(b.heads[key % Buckets.BUCKETS]).next);
        while (n.key < key) {
            n = s.deref(n.next);
        }
        return n.key == key;
    }

    @Benchmark
    public long update(Engine e, Cells c) {
        Section s = e.handle.readLock();
        long sum = 0;
        for (Cell cell : c.cells) {
            Cell copy = s.tryLock(cell);
            if (copy == null) {            // never happens single-threaded; keeps the loop honest
                s.abort();
                return -1;
            }
            copy.a++;
            copy.b++;
            sum += copy.a;
        }
        s.close();
        return sum;
    }
}
