package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluAbort;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * MV-RLU's optimistic sections, step by step, with inline reclamation (so grace periods and
 * writebacks happen exactly where the test calls them).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MvRluOptimisticReadTest {
    private final MvRlu domain = MvRlu.create(MvRluConfig.defaults().withReclaimMode(ReclaimMode.INLINE));
    private final RluHandle reader = domain.register();
    private final RluHandle writer = domain.register();
    private final Cell cell = new Cell(1, 1);

    @AfterEach
    void shutdown() {
        domain.shutdown();
    }

    private void commit(long value) {
        writer.execute(s -> {
            Cell c = s.lock(cell);
            c.a = value;
            c.b = value;
            return null;
        });
    }

    private long counter(String name) {
        return domain.stats().asMap().get(name);
    }

    @Test
    void anOptimisticSectionIsNotAnnouncedAndWritesNothingShared() {
        long runCount = ((MvRluHandle) reader).participant().lvRunCount();
        Section s = reader.optimisticReadLock();
        assertTrue(s.isOptimistic());
        assertEquals(1, s.deref(cell).a);
        assertEquals(runCount, ((MvRluHandle) reader).participant().lvRunCount(), "run counter untouched");
        s.close();
        assertEquals(runCount, ((MvRluHandle) reader).participant().lvRunCount());
        assertEquals(1, counter("n_optimistic"));
        assertEquals(0, counter("n_optimistic_fail"));
    }

    @Test
    void aCommitAloneDoesNotInvalidateTheSnapshot() {
        Section s = reader.optimisticReadLock();
        commit(2);                                           // writers never wait for readers
        assertEquals(1, s.deref(cell).a, "the snapshot predates the commit");
        assertTrue(s.validate());
        s.close();
        try (Section again = reader.optimisticReadLock()) {
            assertEquals(2, again.deref(cell).a);
        }
    }

    @Test
    void reclamationPastTheSnapshotInvalidatesDerefAndClose() {
        Section s = reader.optimisticReadLock();
        Cell before = s.deref(cell);
        commit(2);
        domain.quiesce();                                    // grace period (the reader is not in it) + writeback
        assertEquals(2, cell.a, "written back into the master");
        assertFalse(s.validate(), "the master the section may read is newer than its snapshot");
        int derefsUntilNoticed = 0;
        RluAbort noticed = null;
        while (noticed == null && derefsUntilNoticed < 8) {
            derefsUntilNoticed++;
            try {
                s.deref(cell);
            } catch (RluAbort e) {
                noticed = e;
            }
        }
        assertNotNull(noticed, "a deref notices within eight calls even when it meets no version");
        assertTrue(s.isOpen(), "a failed deref leaves the section for the caller to abort");
        s.abort();
        assertSame(cell, before, "the section read the master itself, whose fields the writeback changed:"
                + " exactly the zombie read that validation rejects");

        Section t = reader.optimisticReadLock();
        t.deref(cell);
        commit(3);
        domain.quiesce();
        assertThrows(RluAbort.class, t::close);
        assertFalse(t.isOpen(), "a close that fails validation ends the section");
        t.close();                                           // like close after abort: a no-op
        assertEquals(2, counter("n_optimistic_fail"), "the failed deref and the failed close");
    }

    @Test
    void aDerefThatMeetsAVersionValidatesAtOnce() {
        Section s = reader.optimisticReadLock();
        commit(2);
        domain.quiesce();                                    // safe timestamp passes the snapshot
        commit(3);                                           // and a version is in the chain again
        assertThrows(RluAbort.class, () -> s.deref(cell));
        s.abort();
    }

    @Test
    void lockingAfterAGracePeriodPastTheSnapshotFailsAndTheRetrySucceeds() {
        Section s = reader.optimisticReadLock();
        s.deref(cell);
        commit(2);
        domain.quiesce();                                    // reclamation passed the snapshot
        assertThrows(RluAbort.class, () -> s.tryLock(cell), "the snapshot may be stale for a writer");
        assertTrue(s.isOpen());
        assertTrue(s.isOptimistic(), "still unannounced");
        s.abort();
        assertEquals(0, ((MvRluHandle) reader).participant().lvRunCount() & 1, "never announced");
        Section t = reader.optimisticReadLock();
        Cell c = t.lock(cell);
        c.a = c.b = 5;
        t.close();
        try (Section r = writer.readLock()) {
            assertEquals(5, r.deref(cell).a);
        }
    }

    /**
     * An optimistic section locks and commits without ever announcing itself; a commit by another
     * handle alone does not invalidate it, and linear history still refuses to lock the object
     * that commit changed.
     */
    @Test
    void anOptimisticSectionLocksAndCommitsUnannounced() {
        Cell other = new Cell(2, 1);
        long runCount = ((MvRluHandle) reader).participant().lvRunCount();
        Section s = reader.optimisticReadLock();
        assertEquals(1, s.deref(cell).a);
        commit(2);
        Cell copy = s.tryLock(other);
        assertNotNull(copy, "the snapshot still holds");
        assertTrue(s.isOptimistic());
        assertNull(s.tryLock(cell), "the committed object's newest version is not in the snapshot");
        copy.a = copy.b = 7;
        s.close();
        assertEquals(runCount, ((MvRluHandle) reader).participant().lvRunCount(), "nothing announced");
        try (Section r = writer.readLock()) {
            assertEquals(7, r.deref(other).a);
            assertEquals(2, r.deref(cell).a);
        }
    }

    /** Reclamation overtaking the snapshot after the locks were taken fails the commit, which then unlocks. */
    @Test
    void anOvertakenOptimisticWriterFailsAtCommitAndLeavesNothingLocked() {
        Cell other = new Cell(2, 1);
        Section s = reader.optimisticReadLock();
        s.deref(cell);
        Cell copy = s.lock(other);
        copy.a = copy.b = 9;
        commit(2);
        domain.quiesce();
        assertThrows(RluAbort.class, s::close);
        assertFalse(s.isOpen());
        s.close();                                           // a no-op after the failed commit, as after abort()
        assertNull(ObjectHeaders.lvLock(other), "the lock was released");
        try (Section r = writer.readLock()) {
            assertEquals(1, r.deref(other).a, "nothing of the failed section was published");
        }
        assertTrue(counter("n_optimistic_fail") >= 1);
    }

    /** A thread that dies inside an optimistic section holding a lock does not keep it locked. */
    @Test
    void aDeadOwnersUnannouncedLocksAreReleased() throws Exception {
        Cell other = new Cell(2, 1);
        RluHandle doomed = domain.register();
        Thread t = new Thread(() -> {
            Section s = doomed.optimisticReadLock();
            assertNotNull(s.tryLock(other));
            // dies with the section open and the lock held
        }, "dies-in-optimistic-section");
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive());
        assertNotNull(ObjectHeaders.lvLock(other), "locked by the dead section");
        domain.quiesce();                                    // recovers the handles of dead owners
        assertNull(ObjectHeaders.lvLock(other), "released");
        Section s = writer.readLock();
        assertNotNull(s.tryLock(other), "other writers can lock it again");
        s.abort();
    }

    @Test
    void executeOptimisticRetriesABodyWhoseExceptionCameFromAnOvertakenSnapshot() {
        AtomicInteger attempts = new AtomicInteger();
        long seen = reader.<Long>executeOptimistic(s -> {
            long a = s.deref(cell).a;
            if (attempts.incrementAndGet() == 1) {
                commit(2);
                domain.quiesce();
                assertFalse(s.validate());
                throw new IllegalStateException("a zombie read led here");
            }
            assertFalse(s.isOptimistic(), "the retry runs in a normal section");
            return a;
        });
        assertEquals(2, attempts.get());
        assertEquals(2, seen);
    }
}
