package dev.khronos.mvrlu.bench;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
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
 * One update section that locks {@code objects} objects, changes them and commits. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} grows by one copy per locked object, plus a
 * constant per commit (the write set and its array).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class UpdateAllocationBenchmark {
    @Param({"1", "2", "4"})
    int objects;

    private MvRlu domain;
    private RluHandle handle;
    private Cell[] cells;

    @Setup(Level.Trial)
    public void setUp() {
        domain = MvRlu.create();
        handle = domain.register();
        cells = new Cell[objects];
        for (int i = 0; i < objects; i++) {
            cells[i] = new Cell(i, 0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        handle.close();
        domain.shutdown();
    }

    @Benchmark
    public long update() {
        Section s = handle.readLock();
        long sum = 0;
        for (Cell cell : cells) {
            Cell c = s.tryLock(cell);
            if (c == null) {           // never happens single-threaded; keeps the loop honest
                s.abort();
                return -1;
            }
            c.a++;
            c.b++;
            sum += c.a;
        }
        s.close();
        return sum;
    }
}
