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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A read-only section walking a list of never-written objects through {@code deref}, against the
 * same walk with plain field reads (the target: at most 1.3x). The nodes are ordinary
 * {@link RluObject}s in both walks, so the difference is the engine's read path alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DerefWalkBenchmark {
    static final class Node extends RluObject<Node> {
        final int key;
        Node next;

        Node(int key) {
            this.key = key;
        }

        @Override
        protected void copyStateFrom(Node src) {
            next = src.next;
        }
    }

    @Param({"1000"})
    int length;

    private MvRlu domain;
    private RluHandle handle;
    private Node head;

    @Setup(Level.Trial)
    public void setUp() {
        domain = MvRlu.create();
        handle = domain.register();
        Node tail = null;
        for (int i = length - 1; i >= 0; i--) {
            Node n = new Node(i);
            n.next = tail;
            tail = n;
        }
        head = tail;
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
}
