package dev.khronos.rlu;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * RLU's writers block on readers (synchronize); this bounds it: a waiting writer progresses as
 * soon as the reader it waits for leaves, readers that began after its clock bump do not hold it
 * up, and closed, idle or dead handles never block it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RluBlockingTest {
    private final List<Rlu> domains = new ArrayList<>();

    private Rlu domain(ReclaimMode mode) {
        Rlu d = Rlu.create(RluConfig.defaults().withReclaimMode(mode));
        domains.add(d);
        return d;
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

    @Test
    void aWriterWaitingForALongReaderProceedsAsSoonAsTheReaderLeaves() throws Exception {
        for (ReclaimMode mode : ReclaimMode.values()) {
            Rlu d = domain(mode);
            Cell cell = new Cell(1, 0);
            RluHandle reader = d.register();
            RluHandle writer = d.register();
            Section r = reader.readLock();
            long clockBefore = d.clock().lvNow();
            AtomicLong committedAt = new AtomicLong();
            ExecutorService exec = Executors.newSingleThreadExecutor();
            Future<?> commit = exec.submit(() -> {
                write(writer, cell, 1);
                committedAt.set(System.nanoTime());
            });
            while (d.clock().lvNow() == clockBefore) {
                Thread.sleep(1);
            }
            Thread.sleep(300);                           // a long section
            assertFalse(commit.isDone(), mode + ": the writer waits in synchronize for the older reader");
            assertEquals(0, r.deref(cell).a, "the reader is older than the writer's clock: no steal");
            assertEquals(1, d.stats().get("n_writer_sync_waits"), "the writer found the reader to wait for");
            long leftAt = System.nanoTime();
            r.close();
            commit.get(10, TimeUnit.SECONDS);
            exec.shutdown();
            long latencyMicros = (committedAt.get() - leftAt) / 1_000;
            System.out.println(mode + ": writer finished " + latencyMicros + " µs after the reader left");
            assertTrue(latencyMicros < 1_000_000, mode + ": the writer did not progress promptly: " + latencyMicros + " µs");
            assertEquals(1, cell.a, "written back");
            reader.close();
            writer.close();
        }
    }

    @Test
    void readersThatStartAfterTheClockBumpStealAndDoNotHoldTheWriterUp() throws Exception {
        Rlu d = domain(ReclaimMode.INLINE);
        Cell x = new Cell(1, 0);
        Cell y = new Cell(2, 0);
        RluHandle old = d.register();
        RluHandle young = d.register();
        RluHandle writer = d.register();
        Section o = old.readLock();
        ExecutorService exec = Executors.newSingleThreadExecutor();
        long clockBefore = d.clock().lvNow();
        Future<?> commit = exec.submit(() -> writer.execute(s -> {
            Cell cx = s.lock(x);
            Cell cy = s.lock(y);
            cx.a = cx.b = 1;
            cy.a = cy.b = 1;
            return null;
        }));
        while (d.clock().lvNow() == clockBefore) {
            Thread.sleep(1);
        }
        // A section that starts now is younger than the writer's clock: it steals both copies.
        try (Section s = young.readLock()) {
            assertEquals(1, s.deref(x).a);
            assertEquals(1, s.deref(y).a);
        }
        assertTrue(d.stats().get("n_steals") >= 2);
        assertEquals(0, o.deref(x).a, "the old section still reads the masters");
        assertFalse(commit.isDone());
        o.close();
        commit.get(10, TimeUnit.SECONDS);
        exec.shutdown();
    }

    @Test
    void closedAndIdleHandlesNeverBlockSynchronize() throws Exception {
        Rlu d = domain(ReclaimMode.INLINE);
        Cell cell = new Cell(1, 0);
        for (int i = 0; i < 20; i++) {
            RluHandle h = d.register();
            try (Section s = h.readLock()) {
                s.deref(cell);
            }
            if (i % 2 == 0) {
                h.close();                               // closed
            }                                            // else: registered and idle forever
        }
        try (RluHandle w = d.register()) {
            long t0 = System.nanoTime();
            for (int i = 1; i <= 100; i++) {
                write(w, cell, i);
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "100 commits did not wait on anyone");
        }
        assertEquals(100, cell.a);
        assertEquals(0, d.stats().get("n_writer_sync_waits"), "no open section was ever waited for");
    }

    @Test
    void aThreadThatDiesInsideASectionNeverBlocksSynchronize() throws Exception {
        Rlu d = domain(ReclaimMode.INLINE);
        Cell cell = new Cell(1, 0);
        Cell heldByDead = new Cell(2, 0);
        CountDownLatch inside = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            RluHandle h = d.register();
            Section s = h.readLock();
            s.tryLock(heldByDead).a = 42;
            inside.countDown();
            // dies with the section open and the object locked
        });
        t.start();
        inside.await();
        t.join();
        try (RluHandle w = d.register()) {
            write(w, cell, 1);                           // synchronize recovers the dead section
            assertEquals(1, cell.a);
            write(w, heldByDead, 7);                     // its lock was released, its copy discarded
            assertEquals(7, heldByDead.a);
        }
    }

    @Test
    void aThreadThatDiesWithDeferredWriteSetsNeverBlocksWriters() throws Exception {
        Rlu d = Rlu.create(RluConfig.defaults().withReclaimMode(ReclaimMode.INLINE).withMaxWriteSets(8));
        domains.add(d);
        Cell cell = new Cell(1, 0);
        Thread t = new Thread(() -> {
            RluHandle h = d.register();
            write(h, cell, 10);                          // deferred: locked, invisible
        });
        t.start();
        t.join();
        try (RluHandle w = d.register()) {
            w.execute(s -> {                             // fails once, then helps the dead holder
                Cell c = s.lock(cell);
                c.a = c.b = c.a + 1;
                return null;
            });
        }
        assertEquals(11, cell.a, "the dead thread's committed update was synced, then built upon");
    }

    @Test
    void committingWhileTheSameThreadHoldsASectionOnAnotherHandleFailsInsteadOfDeadlocking() {
        Rlu d = domain(ReclaimMode.INLINE);
        Cell cell = new Cell(1, 0);
        try (RluThread w = d.register(); RluHandle r = d.register()) {
            Section open = r.readLock();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> write(w, cell, 1));
            assertTrue(e.getMessage().contains("wait forever"), e.getMessage());
            assertEquals(1, w.deferredWriteSets(), "the commit is kept, deferred, with its locks");
            assertEquals(0, open.deref(cell).a);
            open.close();
            w.syncCheckpoint();
            assertEquals(1, cell.a);
        }
    }
}
