package dev.khronos.hlbench.jmh;

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

import java.util.concurrent.TimeUnit;

/**
 * Engine microbenchmarks, single thread, for any RLU-family engine ({@code engine} = mvrlu or rlu):
 * <ul>
 *   <li>{@code plainWalk} vs {@code derefWalk}: a list of {@code length} never-written objects
 *       walked with plain field reads and inside a read section through {@code deref} (the
 *       engine's read-path cost);</li>
 *   <li>{@code commit}: a section that locks {@code objects} objects, changes them and commits
 *       (the write path); with {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation per
 *       update (one copy per object plus the write set);</li>
 *   <li>{@code emptySection}: open and close a read section (the fixed cost every operation pays).</li>
 * </ul>
 * Mirrors {@code mvrlu-core}'s test-scope {@code DerefWalkBenchmark} and
 * {@code UpdateAllocationBenchmark}, through the engine-neutral API and packaged in benchmarks.jar.
 *
 * <p>Thread-safety: per-thread state (JMH {@code Scope.Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {
    /** A list node. */
    static final class Node extends RluObject<Node> {
        final int key;
        Node next;
        long value;

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }

        @Override
        protected void copyStateFrom(Node src) {
            next = src.next;
            value = src.value;
        }
    }

    @Param({"mvrlu"})
    public String engine;
    @Param({"10"})
    public int length;
    @Param({"1"})
    public int objects;

    private RluDomain domain;
    private RluHandle handle;
    private Node head;
    private Node[] cells;

    @Setup(Level.Trial)
    public void setUp() {
        domain = RluEngines.createDomain(engine);
        handle = domain.register();
        Node n = null;
        for (int i = length - 1; i >= 0; i--) {
            n = new Node(i, n);
        }
        head = n;
        cells = new Node[objects];
        for (int i = 0; i < objects; i++) {
            cells[i] = new Node(i, null);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        handle.close();
        domain.shutdown();
    }

    @Benchmark
    public long plainWalk() {
        long sum = 0;
        for (Node n = head; n != null; n = n.next) {
            sum += n.key;
        }
        return sum;
    }

    @Benchmark
    public long derefWalk() {
        long sum = 0;
        try (Section s = handle.readLock()) {
            for (Node n = s.deref(head); n != null; n = s.deref(n.next)) {
                sum += n.key;
            }
        }
        return sum;
    }

    @Benchmark
    public boolean emptySection() {
        try (Section s = handle.readLock()) {
            return s.isOpen();
        }
    }

    @Benchmark
    public long commit() {
        Section s = handle.readLock();
        long sum = 0;
        for (Node cell : cells) {
            Node c = s.tryLock(cell);
            if (c == null) {
                s.abort();
                return -1;
            }
            c.value++;
            sum += c.value;
        }
        s.close();
        return sum;
    }
}
