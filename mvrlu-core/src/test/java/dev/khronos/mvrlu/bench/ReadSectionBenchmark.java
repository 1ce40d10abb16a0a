package dev.khronos.mvrlu.bench;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.engine.MvRlu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The fixed cost of a read-only section, normal and optimistic, alone and around a short
 * hash-bucket lookup (1000 buckets, 5 nodes each: the hlbench default shape), against the same
 * lookup with plain reads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReadSectionBenchmark {
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

    private static final int BUCKETS = 1000;
    private MvRlu domain;
    private RluHandle handle;
    private Node[] heads;
    private int[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        domain = MvRlu.create();
        handle = domain.register();
        heads = new Node[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            Node tail = new Node(Integer.MAX_VALUE, null);
            for (int i = 9; i >= 0; i -= 2) {       // keys b + i*BUCKETS, i odd: 5 nodes per bucket
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

    @TearDown(Level.Trial)
    public void tearDown() {
        handle.close();
        domain.shutdown();
    }

    private int nextKey() {
        return keys[next++ & (keys.length - 1)];
    }

    @Benchmark
    public boolean emptySection() {
        try (Section s = handle.readLock()) {
            return s.isOpen();
        }
    }

    @Benchmark
    public boolean emptyOptimisticSection() {
        try (Section s = handle.optimisticReadLock()) {
            return s.isOpen();
        }
    }

    @Benchmark
    public boolean plainLookup() {
        int key = nextKey();
        Node n = heads[key % BUCKETS].next;
        while (n.key < key) {
            n = n.next;
        }
        return n.key == key;
    }

    @Benchmark
    public boolean sectionLookup() {
        int key = nextKey();
        try (Section s = handle.readLock()) {
            Node n = s.deref(s.deref(heads[key % BUCKETS]).next);
            while (n.key < key) {
                n = s.deref(n.next);
            }
            return n.key == key;
        }
    }

    @Benchmark
    public boolean optimisticLookup() {
        int key = nextKey();
        try (Section s = handle.optimisticReadLock()) {
            Node n = s.deref(s.deref(heads[key % BUCKETS]).next);
            while (n.key < key) {
                n = s.deref(n.next);
            }
            return n.key == key;
        }
    }
}
