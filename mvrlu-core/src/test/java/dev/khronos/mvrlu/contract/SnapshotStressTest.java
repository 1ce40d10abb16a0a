package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.RluAbort;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.SectionFunction;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Torn-snapshot and bank-transfer stress (the design brief's {@code test_pairs} idea) with a tiny
 * log and a reclaimer that never naps, so cuts, writebacks and high-watermark blocking race with
 * every section. Invariants are checked inside reader sections and at the end; any violation fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SnapshotStressTest {
    private static final long RUN_MILLIS = Long.getLong("khronos.stress.millis", 1500);
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(90);
    private RluDomain domain;

    protected abstract EngineFactory engine();

    @AfterEach
    public void shutdown() {
        if (domain != null) {
            domain.shutdown();
        }
    }

    private interface Worker {
        void run(RluHandle h, SplittableRandom rnd);
    }

    /**
     * Runs writers and readers for at least {@link #RUN_MILLIS} and until {@code enoughProgress}
     * holds (a loaded machine gets more time instead of a failure; {@link #PROGRESS_LIMIT} bounds
     * it); rethrows the first failure of any thread.
     */
    private void runWorkers(int writers, int readers, Worker writer, Worker reader, BooleanSupplier enoughProgress,
                            String progress) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers + readers; i++) {
            Worker w = i < writers ? writer : reader;
            long seed = 1234 + i;
            Thread t = new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                try (RluHandle h = domain.register()) {
                    while (!stop.get() && failure.get() == null) {
                        w.run(h, rnd);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, (i < writers ? "writer-" : "reader-") + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        long minimumEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        try {
            Await.condition(PROGRESS_LIMIT, () -> failure.get() != null
                            || (System.nanoTime() - minimumEnd >= 0 && enoughProgress.getAsBoolean()),
                    RUN_MILLIS + " ms passed and " + progress);
        } finally {
            stop.set(true);
        }
        Await.join(Duration.ofSeconds(60), threads);
        if (failure.get() != null) {
            throw new AssertionError("worker failed", failure.get());
        }
    }

    /** Cells {@code 2i + offset}, all fields 0. */
    private static Cell[] cells(int n, int offset) {
        Cell[] cells = new Cell[n];
        for (int i = 0; i < n; i++) {
            cells[i] = new Cell(2 * i + offset, 0);
        }
        return cells;
    }

    /** One commit that increments every field of {@code first[p]} and {@code second[p]}. */
    private static void incrementPair(RluHandle h, Cell[] first, Cell[] second, int p) {
        h.execute(s -> {
            Cell x = s.lock(first[p]);
            Cell y = s.lock(second[p]);
            x.a = x.b = x.a + 1;
            y.a = y.b = y.a + 1;
            return null;
        });
    }

    @Test
    public void pairsUpdatedTogetherAreNeverSeenTorn() throws Exception {
        domain = engine().create(DomainSpec.hyperactive());
        final int pairs = 4;
        Cell[] first = cells(pairs, 0);
        Cell[] second = cells(pairs, 1);
        AtomicLong torn = new AtomicLong();
        AtomicLong pairReads = new AtomicLong();
        AtomicLong commits = new AtomicLong();
        runWorkers(2, 2, (h, rnd) -> {
            incrementPair(h, first, second, rnd.nextInt(pairs));
            commits.incrementAndGet();
        }, (h, rnd) -> {
            try (Section s = h.readLock()) {
                for (int p = 0; p < pairs; p++) {
                    Cell x = s.deref(first[p]);
                    Cell y = s.deref(second[p]);
                    if (x.a != y.a || x.a != x.b || y.a != y.b) {
                        torn.incrementAndGet();
                    }
                    pairReads.incrementAndGet();
                }
            }
        }, () -> pairReads.get() > 1000, "readers made progress (> 1000 pair reads)");
        assertEquals(0, torn.get(), "torn pair reads out of " + pairReads.get());
        assertTrue(pairReads.get() > 1000, "readers made progress: " + pairReads.get());
        try (RluHandle h = domain.register(); Section s = h.readLock()) {
            long total = 0;
            for (int p = 0; p < pairs; p++) {
                assertEquals(s.deref(first[p]).a, s.deref(second[p]).a);
                total += s.deref(first[p]).a;
            }
            assertEquals(commits.get(), total, "every committed increment is there, once");
        }
    }

    /**
     * Optimistic readers under the same hyperactive reclamation: a read that passed validation is
     * never torn, and validation does not reject everything.
     */
    @Test
    public void optimisticReadsThatValidateAreNeverTorn() throws Exception {
        domain = engine().create(DomainSpec.hyperactive());
        final int pairs = 4;
        Cell[] first = cells(pairs, 0);
        Cell[] second = cells(pairs, 1);
        AtomicLong tornButValid = new AtomicLong();
        AtomicLong valid = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong bankReads = new AtomicLong();
        runWorkers(2, 2, (h, rnd) -> incrementPair(h, first, second, rnd.nextInt(pairs)), (h, rnd) -> {
            if (rnd.nextBoolean()) {
                // executeOptimistic: the result is always from a valid attempt
                long sum = h.executeOptimistic(s -> {
                    long total = 0;
                    for (int p = 0; p < pairs; p++) {
                        Cell x = s.deref(first[p]);
                        Cell y = s.deref(second[p]);
                        total += x.a - y.a + x.a - x.b + y.a - y.b;
                    }
                    return total;
                });
                if (sum != 0) {
                    tornButValid.incrementAndGet();
                }
                bankReads.incrementAndGet();
                return;
            }
            Section s = h.optimisticReadLock();
            boolean torn = false;
            try {
                for (int p = 0; p < pairs; p++) {
                    Cell x = s.deref(first[p]);
                    Cell y = s.deref(second[p]);
                    if (x.a != y.a || x.a != x.b || y.a != y.b) {
                        torn = true;
                    }
                }
                s.close();
                valid.incrementAndGet();
                if (torn) {
                    tornButValid.incrementAndGet();
                }
            } catch (RluAbort overtaken) {
                if (s.isOpen()) {
                    s.abort();
                }
                rejected.incrementAndGet();
            }
        }, () -> valid.get() > 100 && bankReads.get() > 100,
                "optimistic readers made progress (> 100 valid sections and > 100 executeOptimistic reads)");
        assertEquals(0, tornButValid.get(), "torn reads that passed validation, out of " + valid.get()
                + " valid optimistic sections and " + bankReads.get() + " executeOptimistic reads (" + rejected.get() + " rejected)");
        assertTrue(valid.get() > 100, "optimistic readers made progress: " + valid.get() + " valid, " + rejected.get() + " rejected");
        assertTrue(bankReads.get() > 100, "executeOptimistic readers made progress: " + bankReads.get());
    }

    /**
     * Real-time order: a section that starts after a commit returned sees it (what makes the
     * structures linearizable, and what ORDO timestamps get from the commit wait).
     */
    @Test
    public void aSectionThatStartsAfterACommitSeesIt() throws Exception {
        domain = engine().create(DomainSpec.hyperactive());
        Cell counter = new Cell(0, 0);
        AtomicLong committed = new AtomicLong();
        AtomicLong stale = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        runWorkers(1, 2, (h, rnd) -> {
            long v = h.execute(s -> {
                Cell c = s.lock(counter);
                c.a = c.b = c.a + 1;
                return c.a;
            });
            committed.set(v);                   // after the commit returned
        }, (h, rnd) -> {
            long floor = committed.get();       // before the section starts
            long seen;
            if (rnd.nextBoolean()) {
                try (Section s = h.readLock()) {
                    seen = s.deref(counter).a;
                }
            } else {
                seen = h.executeOptimistic(s -> s.deref(counter).a);
            }
            if (seen < floor) {
                stale.incrementAndGet();
            }
            reads.incrementAndGet();
        }, () -> reads.get() > 100 && committed.get() > 100, "progress (> 100 reads and > 100 commits)");
        assertEquals(0, stale.get(), "sections that missed a commit finished before they started, out of " + reads.get());
        assertTrue(reads.get() > 100 && committed.get() > 100, "progress: " + reads.get() + " reads, " + committed.get() + " commits");
    }

    @Test
    public void bankTransfersKeepTheTotalInEverySnapshot() throws Exception {
        domain = engine().create(DomainSpec.hyperactive());
        final int accounts = 16;
        final long initial = 1_000;
        Cell[] account = new Cell[accounts];
        for (int i = 0; i < accounts; i++) {
            account[i] = new Cell(i, initial);
        }
        final long total = accounts * initial;
        AtomicLong badSums = new AtomicLong();
        AtomicLong sums = new AtomicLong();
        runWorkers(2, 2, (h, rnd) -> {
            int from = rnd.nextInt(accounts);
            int to = (from + 1 + rnd.nextInt(accounts - 1)) % accounts;
            long amount = rnd.nextInt(50);
            SectionFunction<Object> transfer = s -> {
                Cell f = s.lock(account[from]);
                Cell t = s.lock(account[to]);
                f.a = f.b = f.a - amount;
                t.a = t.b = t.a + amount;
                return null;
            };
            if (rnd.nextBoolean()) {
                h.execute(transfer);
            } else {
                h.executeOptimistic(transfer);      // an unannounced writer, where the engine has them
            }
        }, (h, rnd) -> {
            try (Section s = h.readLock()) {
                long sum = 0;
                for (Cell c : account) {
                    sum += s.deref(c).a;
                }
                if (sum != total) {
                    badSums.incrementAndGet();
                }
                sums.incrementAndGet();
            }
        }, () -> sums.get() > 100, "readers made progress (> 100 snapshots)");
        assertEquals(0, badSums.get(), "snapshots with a wrong total, out of " + sums.get());
        assertTrue(sums.get() > 100, "readers made progress");
        domain.quiesce();
        domain.quiesce();
        long masters = 0;
        for (Cell c : account) {
            masters += c.a;
        }
        try (RluHandle h = domain.register(); Section s = h.readLock()) {
            long sum = 0;
            for (Cell c : account) {
                sum += s.deref(c).a;
            }
            assertEquals(total, sum);
        }
        assertEquals(total, masters, "after quiescence the written-back masters hold the total too");
    }
}
