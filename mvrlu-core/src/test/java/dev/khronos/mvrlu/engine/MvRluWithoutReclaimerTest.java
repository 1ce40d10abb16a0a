package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 10: no wait of the MV-RLU engine depends on the background reclaimer getting a CPU. Each
 * test holds the reclaimer off for its whole run ({@link MvRlu#holdReclaimer}), as a loaded
 * machine may, and checks that the high watermark, {@code flushLog()}, {@code close()},
 * {@code quiesce()} and {@code shutdown()} still finish and leave the masters written back. Every
 * test has a deadline on its own thread, so a regression fails here, naming the test, instead of
 * hanging the build.
 */
class MvRluWithoutReclaimerTest {
    private MvRlu domain;

    private MvRlu heldDomain(MvRluConfig config) {
        domain = MvRlu.create(config);
        domain.holdReclaimer(true);
        return domain;
    }

    @AfterEach
    void shutDown() {
        if (domain != null) {
            domain.shutdown();
        }
    }

    private static void write(RluHandle h, Cell cell, long value) {
        h.execute(s -> {
            Cell c = s.lock(cell);
            c.a = c.b = value;
            return null;
        });
    }

    private static int chainLength(RluObject<?> master) {
        int n = 0;
        for (RluObject<?> v = ObjectHeaders.laChain(master); v != null; v = ObjectHeaders.laChain(v)) {
            n++;
        }
        return n;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void flushLogRunsItsOwnGracePeriods() {
        MvRlu d = heldDomain(MvRluConfig.defaults());
        Cell cell = new Cell(1, 0);
        try (RluHandle w = d.register()) {
            for (int i = 1; i <= 100; i++) {
                write(w, cell, i);
            }
            w.flushLog();
            assertEquals(100, cell.a, "written back into the master");
            assertEquals(0, chainLength(cell), "and the chain detached");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theHighWatermarkIsPassedWithReadersRunning() throws Exception {
        final int capacity = 64;
        MvRlu d = heldDomain(MvRluConfig.defaults().withLogCapacity(capacity));
        Cell cell = new Cell(1, 0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (RluHandle r = d.register()) {
                while (!stop.get()) {
                    try (Section s = r.readLock()) {
                        Cell c = s.deref(cell);
                        if (c.a != c.b) {
                            throw new AssertionError("torn read " + c.a + "/" + c.b);
                        }
                    }
                }
            } catch (Throwable t) {
                readerFailure.set(t);
            }
        }, "reader");
        reader.start();
        try (RluHandle w = d.register()) {
            for (int i = 1; i <= 20_000; i++) {
                write(w, cell, i);
                assertTrue(chainLength(cell) <= capacity, "chain bounded by the log capacity");
            }
            w.flushLog();
        } finally {
            stop.set(true);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(reader.isAlive(), "reader stopped");
        assertNull(readerFailure.get(), () -> "reader failed: " + readerFailure.get());
        assertEquals(20_000, cell.a);
        assertTrue(d.stats().get("n_high_mark_block") + d.stats().get("n_self_qp") > 0,
                "the writer reclaimed its own log: " + d.stats());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeHandsTheLogOverAndQuiesceDrainsIt() {
        MvRlu d = heldDomain(MvRluConfig.defaults());
        Cell cell = new Cell(1, 0);
        RluHandle w = d.register();
        write(w, cell, 5);
        w.close();                               // never waits
        assertTrue(w.isClosed());
        d.quiesce();                             // its own grace period, then the orphaned log
        assertEquals(5, cell.a);
        assertEquals(0, chainLength(cell));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shutdownReclaimsEverythingOnTheCallingThread() {
        MvRlu d = heldDomain(MvRluConfig.defaults());
        Cell a = new Cell(1, 0);
        Cell b = new Cell(2, 0);
        RluHandle open = d.register();
        RluHandle closed = d.register();
        write(open, a, 3);
        write(closed, b, 4);
        closed.close();
        d.shutdown();
        assertEquals(3, a.a, "a live handle's log was drained");
        assertEquals(4, b.a, "a closed handle's log was drained");
        assertEquals(0, chainLength(a) + chainLength(b));
        assertTrue(d.isShutdown());
    }

    /**
     * A thread dies inside a section holding the lock of an object whose newest version waits to be
     * written back: flushLog() must recover the dead section itself (releasing the lock) instead of
     * waiting for the reclaimer's periodic scan for dead threads.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void flushLogRecoversASectionLeftOpenByADeadThread() throws Exception {
        MvRlu d = heldDomain(MvRluConfig.defaults());
        Cell cell = new Cell(1, 0);
        try (RluHandle w = d.register()) {
            write(w, cell, 9);
            CountDownLatch locked = new CountDownLatch(1);
            RluHandle orphan = d.register();
            Thread dying = new Thread(() -> {
                Section s = orphan.readLock();
                assertNotNull(s.tryLock(cell));
                locked.countDown();
                // ends without closing the section: the lock word stays set
            }, "dies-in-section");
            dying.start();
            assertTrue(locked.await(30, TimeUnit.SECONDS), "the other thread locked the cell");
            dying.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(dying.isAlive());
            w.flushLog();
            assertEquals(9, cell.a, "the writeback happened after the dead section was recovered");
            assertNull(ObjectHeaders.lvLock(cell), "the dead section's lock was released");
        }
    }
}
