package dev.khronos.rlu;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Deferral ({@code maxWriteSets > 1}): committed write sets stay locked and invisible to other
 * handles until one synchronize-plus-writeback, which a checkpoint, a full ring or a conflicting
 * writer forces.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RluDeferralTest {
    private final List<Rlu> domains = new ArrayList<>();

    private Rlu domain(RluConfig config) {
        Rlu d = Rlu.create(config);
        domains.add(d);
        return d;
    }

    private Rlu inlineDeferring(int maxWriteSets) {
        return domain(RluConfig.cCompatible().withMaxWriteSets(maxWriteSets));
    }

    @AfterEach
    void shutdown() {
        domains.forEach(Rlu::shutdown);
    }

    private static void write(RluHandle h, Cell cell, long value) {
        h.execute(s -> {
            Cell c = s.lock(cell);
            c.a = value;
            c.b = value;
            return null;
        });
    }

    private static long read(RluHandle h, Cell cell) {
        try (Section s = h.readLock()) {
            Cell c = s.deref(cell);
            assertEquals(c.a, c.b, "torn object");
            return c.a;
        }
    }

    @Test
    void deferredUpdatesBecomeVisibleToOthersAtTheSyncCheckpoint() {
        Rlu d = inlineDeferring(4);
        Cell[] cells = {new Cell(1, 0), new Cell(2, 0), new Cell(3, 0)};
        try (RluThread w = d.register(); RluHandle r = d.register()) {
            for (int i = 0; i < cells.length; i++) {
                write(w, cells[i], 10 + i);
            }
            assertEquals(3, w.deferredWriteSets());
            assertEquals(0, d.stats().get("n_sync_and_writeback"), "nothing synced yet");
            assertEquals(3, d.stats().get("n_deferred"));
            for (int i = 0; i < cells.length; i++) {
                assertEquals(0, read(r, cells[i]), "a deferred update is invisible to other handles");
                assertEquals(10 + i, read(w, cells[i]), "but the writer reads its own committed updates");
                assertEquals(0, cells[i].a, "and the master is untouched");
            }
            long clock = d.clock().lvNow();
            w.syncCheckpoint();
            assertEquals(clock + 1, d.clock().lvNow(), "one synchronize for all three write sets");
            assertEquals(0, w.deferredWriteSets());
            assertEquals(1, d.stats().get("n_sync_and_writeback"));
            assertEquals(3, d.stats().get("n_writer_writeback"));
            for (int i = 0; i < cells.length; i++) {
                assertEquals(10 + i, read(r, cells[i]), "visible after the sync point");
                assertEquals(10 + i, cells[i].a, "written back");
            }
        }
    }

    @Test
    void aFullRingForcesTheSync() {
        Rlu d = inlineDeferring(3);
        Cell[] cells = {new Cell(1, 0), new Cell(2, 0), new Cell(3, 0)};
        try (RluThread w = d.register(); RluHandle r = d.register()) {
            write(w, cells[0], 1);
            write(w, cells[1], 1);
            assertEquals(0, read(r, cells[0]));
            assertEquals(2, w.deferredWriteSets());
            write(w, cells[2], 1);                       // the third fills the ring
            assertEquals(0, w.deferredWriteSets());
            for (Cell c : cells) {
                assertEquals(1, read(r, c));
            }
            assertEquals(1, d.stats().get("n_sync_and_writeback"));
        }
    }

    @Test
    void relockingAnOwnDeferredObjectFailsOnceThenSyncsAtTheCheckpoint() {
        Rlu d = inlineDeferring(8);
        Cell cell = new Cell(1, 0);
        try (RluThread w = d.register(); RluHandle r = d.register()) {
            write(w, cell, 1);
            Section s = w.readLock();
            assertNull(s.tryLock(cell), "locked by an earlier deferred write set of this handle (C: is_sync, fail)");
            assertTrue(w.isSyncRequested());
            s.abort();                                   // the abort checkpoint syncs
            assertEquals(0, w.deferredWriteSets());
            assertEquals(1, read(r, cell));
            write(w, cell, 2);                           // and the retry succeeds
            w.flushLog();
            assertEquals(2, read(r, cell));
        }
    }

    @Test
    void aConflictingWriterSendsASyncRequestThatTheHolderHonoursAtItsNextCheckpoint() throws Exception {
        Rlu d = inlineDeferring(8);                      // helping off: only the request, as in C
        Cell cell = new Cell(1, 0);
        try (RluThread w = d.register(); RluHandle other = d.register()) {
            write(w, cell, 5);
            ExecutorService exec = Executors.newSingleThreadExecutor();
            try {
                Future<Boolean> attempt = exec.submit(() -> {
                    Section s = other.readLock();
                    boolean locked = s.tryLock(cell) != null;
                    s.abort();
                    return locked;
                });
                assertFalse(Await.result(attempt, Await.GENEROUS, "the other handle's lock attempt"),
                        "the deferred write set still holds the lock");
                assertTrue(w.isSyncRequested(), "the conflict sent a sync request to the holder");
                assertEquals(1, w.deferredWriteSets(), "helping is off: the holder syncs itself");
                assertEquals(0, read(other, cell));
                try (Section s = w.readLock()) {         // the holder's next section boundary
                    assertEquals(5, s.deref(cell).a);
                }
                assertEquals(0, w.deferredWriteSets(), "synced at the section-entry checkpoint");
                assertFalse(w.isSyncRequested());
                Future<?> retry = exec.submit(() -> write(other, cell, 6));
                Await.result(retry, Await.GENEROUS, "the retried write");
                assertEquals(5, read(w, cell), "the retry committed, deferred in its turn");
                Await.result(exec.submit(other::flushLog), Await.GENEROUS, "the other handle's flushLog");
                assertEquals(6, read(w, cell));
                assertTrue(d.stats().get("n_sync_requests") >= 1);
            } finally {
                exec.shutdownNow();
            }
        }
    }

    @Test
    void aConflictingWriterHelpsAnIdleHolder() throws Exception {
        Rlu d = domain(RluConfig.defaults().withReclaimMode(ReclaimMode.INLINE).withMaxWriteSets(8));
        Cell cell = new Cell(1, 0);
        Cell untouched = new Cell(2, 0);
        RluThread w = d.register();
        write(w, cell, 5);
        write(w, untouched, 7);
        // w stays idle from now on: without help, the other writer would retry forever.
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            exec.submit(() -> {
                try (RluHandle other = d.register()) {
                    other.execute(s -> {
                        Cell c = s.lock(cell);
                        c.a = c.b = c.a + 1;
                        return null;
                    });
                }
            }).get(30, TimeUnit.SECONDS);
        } finally {
            exec.shutdownNow();
        }
        assertEquals(0, w.deferredWriteSets(), "the conflicting writer synced the holder's write sets");
        assertEquals(6, cell.a, "built on the holder's update");
        assertEquals(7, untouched.a, "the whole ring was written back, not just the contended object");
        assertTrue(d.stats().get("n_helped_sync") >= 1);
        w.close();
    }

    @Test
    void twoDeferringWritersNeverWaitForEachOtherForever() throws Exception {
        Rlu d = domain(RluConfig.cCompatible().withMaxWriteSets(4));
        Cell x = new Cell(1, 0);
        Cell y = new Cell(2, 0);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService exec = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                final boolean xFirst = t == 0;
                fs.add(exec.submit(() -> {
                    try (RluHandle h = d.register()) {
                        Await.latch(start, Await.GENEROUS, "the start signal");
                        for (int i = 0; i < 300; i++) {
                            h.execute(s -> {
                                Cell a = s.lock(xFirst ? x : y);
                                Cell b = s.lock(xFirst ? y : x);
                                a.a = a.b = a.a + 1;
                                b.a = b.b = b.a + 1;
                                return null;
                            });
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get(45, TimeUnit.SECONDS);
            }
        } finally {
            exec.shutdownNow();
        }
        assertEquals(600, x.a, "closing the handles synced everything");
        assertEquals(600, y.a);
    }

    @Test
    void theBackgroundFlusherSyncsAnIdleHandle() throws Exception {
        Rlu d = domain(RluConfig.defaults().withMaxWriteSets(16).withFlushIntervalMicros(1_000));
        Cell cell = new Cell(1, 0);
        try (RluThread w = d.register(); RluHandle r = d.register()) {
            write(w, cell, 3);
            // A reader may see the value as soon as the flusher's clock bump lets it steal the copy,
            // before the flusher has written back and emptied the ring: wait for all three.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read(r, cell) != 3 || w.deferredWriteSets() != 0 || d.stats().get("n_helped_sync") < 1) {
                assertTrue(System.nanoTime() < deadline, "the flusher did not sync the idle handle within 60 s: value "
                        + read(r, cell) + ", deferred " + w.deferredWriteSets() + ", " + d.stats());
                Thread.sleep(1);
            }
        }
    }

    @Test
    void closeAndShutdownSyncWhatIsDeferred() {
        Rlu d = inlineDeferring(8);
        Cell a = new Cell(1, 0);
        Cell b = new Cell(2, 0);
        RluThread w1 = d.register();
        RluThread w2 = d.register();
        write(w1, a, 1);
        write(w2, b, 2);
        w1.close();
        assertEquals(1, a.a, "close synced");
        assertEquals(0, b.a);
        d.shutdown();
        assertEquals(2, b.a, "shutdown synced the remaining handle");
    }

    /**
     * Issue 10: with the background flusher held off (as if it never got a CPU), every wait still
     * finishes on the calling thread: a sync checkpoint, flushLog, close and shutdown.
     */
    @Test
    void noWaitDependsOnTheFlusher() {
        Rlu d = domain(RluConfig.defaults().withMaxWriteSets(8));
        d.holdFlusher(true);
        Cell a = new Cell(1, 0);
        Cell b = new Cell(2, 0);
        Cell c = new Cell(3, 0);
        RluThread w1 = d.register();
        RluThread w2 = d.register();
        try (RluHandle r = d.register()) {
            write(w1, a, 1);
            assertEquals(0, read(r, a), "deferred");
            w1.syncCheckpoint();
            assertEquals(1, read(r, a), "synced by the checkpoint on the calling thread");
            write(w1, b, 2);
            w1.flushLog();
            assertEquals(2, read(r, b), "synced by flushLog");
            write(w1, a, 3);
            w1.close();
            assertEquals(3, read(r, a), "synced by close");
            write(w2, c, 4);
        }
        d.shutdown();
        assertEquals(4, c.a, "synced by shutdown");
    }

    @Test
    void configRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RluConfig.defaults().withMaxWriteSets(0));
        assertThrows(IllegalArgumentException.class, () -> RluConfig.defaults().withFlushIntervalMicros(-1));
        assertThrows(IllegalArgumentException.class, () -> Rlu.create(null));
        assertTrue(RluConfig.defaults().withMaxWriteSets(4).describe().contains("maxWriteSets=4"));
    }
}
