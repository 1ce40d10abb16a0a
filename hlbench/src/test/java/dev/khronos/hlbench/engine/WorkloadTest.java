package dev.khronos.hlbench.engine;

import dev.khronos.structures.IntSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest {
    @Test
    void xorshiftIsReproducibleAndInRange() {
        XorShift a = new XorShift(42);
        XorShift b = new XorShift(42);
        int[] hist = new int[10];
        for (int i = 0; i < 100_000; i++) {
            int x = a.nextInt(10);
            assertEquals(x, b.nextInt(10));
            hist[x]++;
        }
        for (int h : hist) {
            assertTrue(h > 9_000 && h < 11_000, "roughly uniform: " + h);
        }
        assertFalse(new XorShift(1).nextLong() == new XorShift(2).nextLong());
    }

    @Test
    void zipfIsSkewedTowardsRankZero() {
        ZipfGenerator z = new ZipfGenerator(1000, 0.9);
        XorShift rng = new XorShift(7);
        int zero = 0;
        int high = 0;
        for (int i = 0; i < 100_000; i++) {
            int r = z.next(rng);
            assertTrue(r >= 0 && r < 1000);
            if (r == 0) {
                zero++;
            }
            if (r >= 500) {
                high++;
            }
        }
        assertTrue(zero > high / 10, "rank 0 is hot: " + zero + " vs " + high);
        assertThrows(IllegalArgumentException.class, () -> new ZipfGenerator(10, 1.0));
    }

    @Test
    void prefillIsReproducibleFromTheSeed() {
        WorkloadConfig c = new WorkloadConfig("seq", 1, 50, 4, 0, 0, 100, 9, UpdateMode.PARITY, 0);
        SeqHashIntSet a = new SeqHashIntSet(4);
        SeqHashIntSet b = new SeqHashIntSet(4);
        Workload.prefill(a, c, 9);
        Workload.prefill(b, c, 9);
        assertEquals(50, a.size());
        for (int k = 0; k < 100; k++) {
            assertEquals(a.contains(k), b.contains(k));
        }
    }

    @Test
    void stridedPrefillTakesEveryStrideThKeyFromZeroAsBenchmarkListDoes() {
        // range a multiple of initial: exactly initial keys
        WorkloadConfig c = new WorkloadConfig("seq", 1, 64, 1, 0, 0, 256, 9, UpdateMode.SPLIT, 0, Prefill.STRIDED);
        assertEquals(4, c.prefillStride());
        assertEquals(64, c.prefillCount());
        SeqHashIntSet a = new SeqHashIntSet(1);
        assertEquals(64, Workload.prefill(a, c, 9));
        assertEquals(64, a.size());
        for (int k = 0; k < 256; k++) {
            assertEquals(k % 4 == 0, a.contains(k), "key " + k);
        }
        // not a multiple: C's loop inserts ceil(range / stride) keys
        WorkloadConfig odd = new WorkloadConfig("seq", 1, 30, 1, 0, 0, 100, 9, UpdateMode.SPLIT, 0, Prefill.STRIDED);
        assertEquals(3, odd.prefillStride());
        assertEquals(34, odd.prefillCount());
        SeqHashIntSet b = new SeqHashIntSet(3);
        assertEquals(34, Workload.prefill(b, odd, 1));
        assertTrue(b.contains(0) && b.contains(99) && !b.contains(100) && !b.contains(1));
        // initial 0: nothing (C would divide by zero)
        WorkloadConfig kept = c.withPrefill(Prefill.STRIDED).withThreads(1);
        WorkloadConfig zero = new WorkloadConfig("seq", 1, 0, 1, 0, 0, 10, 1, UpdateMode.SPLIT, 0, Prefill.STRIDED);
        assertEquals(Prefill.STRIDED, kept.prefill());
        assertEquals(0, zero.prefillCount());
        assertEquals(0, Workload.prefill(new SeqHashIntSet(1), zero, 1));
    }

    @Test
    void theTenArgumentConfigKeepsTheRandomPrefill() {
        WorkloadConfig c = new WorkloadConfig("seq", 1, 30, 1, 0, 0, 100, 9, UpdateMode.PARITY, 0);
        assertEquals(Prefill.RANDOM, c.prefill());
        assertEquals(30, c.prefillCount());
        assertEquals(Prefill.RANDOM, c.withThreads(1).withDurationMs(5).prefill());
    }

    @Test
    void theSizeCheckCountsTheKeysAStridedPrefillInserted() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("seq", 1, 30, 1, 20, 500, 100, 3, UpdateMode.SPLIT, 0, Prefill.STRIDED);
        WorkloadResult r = Workload.run(c, new SeqHashIntSet(4), new Workload.Listener() { });
        assertTrue(r.sizeOk(), r.actualSize() + " vs " + r.expectedSize());
        assertEquals("strided", r.toRun("setbench", "seq", null, null).parameters().extra().get("prefill"));
        assertEquals("34", r.toRun("setbench", "seq", null, null).parameters().extra().get("prefilled"));
    }

    @Test
    void countersAddUpAndTheSizeCheckPassesOnSeq() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("seq", 1, 100, 8, 30, 500, 200, 3, UpdateMode.PARITY, 0);
        WorkloadResult r = Workload.run(c, new SeqHashIntSet(8), new Workload.Listener() { });
        assertTrue(r.ops() > 0);
        assertEquals(r.reads() + r.updates(), r.ops());
        assertTrue(r.sizeOk(), r.actualSize() + " vs " + r.expectedSize());
        assertTrue(r.elapsedNanos() >= 25_000_000L, "measured ~30 ms: " + r.measuredMs());
        assertTrue(r.founds() <= r.reads());
    }

    @Test
    void alternateModeDeletesTheKeyItInserted() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("mvrlu", 2, 100, 10, 50, 1000, 200, 5, UpdateMode.ALTERNATE, 0);
        try (IntSet set = SetFactory.create("mvrlu", 10, 200)) {
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() { });
            assertTrue(r.sizeOk());
            assertTrue(Math.abs(r.actualSize() - 100) <= 2, "alternation keeps the size: " + r.actualSize());
            assertEquals(0, r.reads());
        }
    }

    @Test
    void splitModeAndZipfRunOnATree() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("tree", 2, 64, 1, 40, 500, 128, 11, UpdateMode.SPLIT, 0.8);
        try (IntSet set = SetFactory.create("tree", 1, 128)) {
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() { });
            assertTrue(r.sizeOk());
            assertTrue(r.adds() > 0 && r.removes() > 0 && r.reads() > 0);
        }
    }

    @Test
    void aBrokenStructureFailsTheSizeCheck() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("broken", 1, 20, 1, 20, 500, 100, 1, UpdateMode.PARITY, 0);
        WorkloadResult r = Workload.run(c, new BrokenIntSet(), new Workload.Listener() { });
        assertFalse(r.sizeOk());
        assertTrue(r.actualSize() < r.expectedSize());
    }

    @Test
    void aWorkerExceptionFailsTheRun() {
        WorkloadConfig bad = new WorkloadConfig("failing", 1, 0, 1, 1000, 0, 10, 1, UpdateMode.PARITY, 0);
        Workload.WorkloadFailure f = assertThrows(Workload.WorkloadFailure.class,
                () -> Workload.run(bad, new FailingSet(), new Workload.Listener() { }));
        assertTrue(f.getMessage().contains("boom"));
    }

    @Test
    void snapshotReadersCountTheirSnapshotsBesideTheWorkersAndTheSizeCheckHolds() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("mvrlu", 1, 200, 16, 60, 500, 400, 7, UpdateMode.PARITY, 0)
                .withSnapshotReaders(2);
        try (IntSet set = SetFactory.create("mvrlu", 16, 400)) {
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() { });
            assertTrue(r.sizeOk(), r.actualSize() + " vs " + r.expectedSize());
            assertEquals(1, r.threads().size(), "the counters are the workers' own");
            assertTrue(r.snapshots() > 0, "snapshots: " + r.snapshots());
            assertTrue(r.trueSnapshot());
            var run = r.toRun("hlbench", "mvrlu", null, null);
            assertEquals(2, run.parameters().snapshotReaders());
            assertEquals(r.snapshots(), run.counters().snapshots());
            assertEquals(r.perSecond(r.snapshots()), run.rates().snapshotsPerSec());
            assertEquals("snapshot", run.parameters().extra().get("snapshot_size"));
            assertEquals("logical", run.parameters().clock(), "MV-RLU's default clock, read from the domain");
            assertNull(run.parameters().clockBoundNs());
        }
    }

    @Test
    void aRunWithoutSnapshotReadersRecordsNone() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("seq", 1, 10, 2, 5, 200, 20, 3, UpdateMode.PARITY, 0);
        WorkloadResult r = Workload.run(c, new SeqHashIntSet(2), new Workload.Listener() { });
        var run = r.toRun("hlbench", "seq", null, null);
        assertEquals(0, r.snapshots());
        assertNull(run.parameters().snapshotReaders());
        assertNull(run.counters().snapshots());
        assertNull(run.rates().snapshotsPerSec());
        assertNull(run.parameters().clock(), "seq has no RLU-family domain");
        assertFalse(run.parameters().extra().containsKey("snapshot_size"));
        assertFalse(run.parameters().extra().containsKey("warmup_ms"));
    }

    @Test
    void aWarmupIsUntimedButWhatItAddedCountsInTheSizeCheck() throws InterruptedException {
        // Every add succeeds, so the set's size is every insert of the run, warm-up included: the
        // size check holds only if the warm-up's size change is in the counters' variation.
        WorkloadConfig c = new WorkloadConfig("counting", 2, 0, 1, 60, 1000, 100, 3, UpdateMode.PARITY, 0)
                .withWarmupMs(150);
        CountingSet set = new CountingSet();
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        WorkloadResult r = Workload.run(c, set, new Workload.Listener() {
            @Override
            public void warmingUp(long ms) {
                events.add("warming up " + ms);
            }

            @Override
            public void started() {
                events.add("started");
            }
        });
        assertEquals(List.of("warming up 150", "started"), events);
        assertTrue(r.sizeOk(), r.actualSize() + " vs " + r.expectedSize());
        assertEquals(set.adds.get(), r.expectedSize());
        assertTrue(r.adds() <= set.adds.get(), "the measured inserts are some of all inserts");
        assertEquals("150", r.toRun("hlbench", "counting", null, null).parameters().extra().get("warmup_ms"));
        assertThrows(IllegalArgumentException.class, () -> c.withWarmupMs(-1));
    }

    /** A set whose every insert succeeds and whose removes find nothing: its size counts inserts. */
    static final class CountingSet extends StubSet {
        final java.util.concurrent.atomic.AtomicLong adds = new java.util.concurrent.atomic.AtomicLong();

        CountingSet() {
            super("counting");
        }

        @Override
        public boolean add(int key) {
            adds.incrementAndGet();
            return true;
        }

        @Override
        public int size() {
            return (int) adds.get();
        }
    }

    @Test
    void aSnapshotSizeOutsideTheKeyRangeFailsTheRun() {
        WorkloadConfig c = new WorkloadConfig("torn", 1, 0, 1, 2000, 0, 10, 1, UpdateMode.PARITY, 0).withSnapshotReaders(1);
        Workload.WorkloadFailure f = assertThrows(Workload.WorkloadFailure.class,
                () -> Workload.run(c, new TornSnapshotSet(), new Workload.Listener() { }));
        assertTrue(f.getMessage().contains("snapshot reader 0 failed") && f.getMessage().contains("outside 0..10"),
                f.getMessage());
    }

    @Test
    void theClockOfAnOrdoDomainIsRecordedWithItsBound() throws InterruptedException {
        WorkloadConfig c = new WorkloadConfig("mvrlu", 1, 20, 4, 5, 200, 40, 3, UpdateMode.PARITY, 0);
        try (IntSet set = SetFactory.create("mvrlu", 4, 40, "ordo")) {
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() { });
            assertEquals("ordo", r.clock().kind());
            assertTrue(r.clock().boundMeasured());
            var p = r.toRun("hlbench", "mvrlu", null, null).parameters();
            assertEquals("ordo", p.clock());
            assertEquals(r.clock().boundNanos(), p.clockBoundNs());
            assertTrue(p.clockBoundNs() > 0);
        }
        assertNull(System.getProperty(dev.khronos.mvrlu.engine.MvRlu.CLOCK_PROPERTY), "the property is put back");
        try (IntSet set = SetFactory.create("rcu", 4, 40, "ordo")) {
            assertEquals("ordo", ClockInfo.of(set).kind(), "rcu's read side is an MV-RLU domain");
        }
        try (IntSet set = SetFactory.create("mvrlu", 4, 40, "logical")) {
            assertEquals(new ClockInfo("logical", 0, false), ClockInfo.of(set));
        }
        assertNull(ClockInfo.of(new SeqHashIntSet(1)));
    }

    /** A set that claims snapshot sizes but reports more keys than the range holds. */
    static final class TornSnapshotSet extends StubSet {
        TornSnapshotSet() {
            super("torn");
        }

        @Override
        public int size() {
            return Thread.currentThread().getName().contains("snapshot") ? 11 : 0;
        }

        @Override
        public boolean snapshotSize() {
            return true;
        }
    }

    /** Lookups throw. */
    static final class FailingSet extends StubSet {
        FailingSet() {
            super("failing");
        }

        @Override
        public boolean contains(int key) {
            throw new IllegalStateException("boom");
        }
    }

    /** Its own single session; finds nothing, changes nothing, is empty; subclasses override what they test. */
    abstract static class StubSet implements IntSet, IntSet.Session {
        private final String name;

        StubSet(String name) {
            this.name = name;
        }

        @Override
        public boolean add(int key) {
            return false;
        }

        @Override
        public boolean remove(int key) {
            return false;
        }

        @Override
        public boolean contains(int key) {
            return false;
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public IntSet.Session session() {
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
        }
    }
}
