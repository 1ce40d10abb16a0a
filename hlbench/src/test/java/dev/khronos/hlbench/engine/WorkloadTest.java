package dev.khronos.hlbench.engine;

import dev.khronos.structures.IntSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Lookups throw. */
    static final class FailingSet implements IntSet, IntSet.Session {
        @Override
        public boolean add(int key) {
            return true;
        }

        @Override
        public boolean remove(int key) {
            return true;
        }

        @Override
        public boolean contains(int key) {
            throw new IllegalStateException("boom");
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
            return "failing";
        }

        @Override
        public void close() {
        }
    }
}
