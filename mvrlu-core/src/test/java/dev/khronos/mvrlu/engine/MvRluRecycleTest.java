package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import dev.khronos.mvrlu.sync.LockSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Section#recycled}: a freed master comes back to the handle that freed it only once the
 * freeing commit has been reclaimed (no section can reach it any more), with a reset header, and
 * only for its exact class. Inline reclamation, so nothing happens behind the test's back.
 */
class MvRluRecycleTest {
    private final MvRlu domain = MvRlu.create(MvRluConfig.defaults().withReclaimMode(ReclaimMode.INLINE));
    private final RluHandle h = domain.register();

    @AfterEach
    void shutdown() {
        h.close();
        domain.shutdown();
    }

    /** Unlinks {@code victim} from {@code holder} and frees it, in one commit. */
    private void unlinkAndFree(Cell holder, Cell victim) {
        h.execute(s -> {
            Cell p = s.lock(holder);
            assertTrue(s.tryLockConst(victim));
            p.next = null;
            s.free(victim);
            return null;
        });
    }

    private Cell recycled() {
        try (Section s = h.readLock()) {
            return s.recycled(Cell.class);
        }
    }

    /** A commit that locks something, so that the section takes a (reclaimed) write set back. */
    private void touch(Cell c) {
        h.execute(s -> {
            Cell x = s.lock(c);
            x.a = x.b = x.a + 1;
            return null;
        });
    }

    /**
     * Commits until the handle has taken back every write set reclaimed so far (they come back
     * oldest first, one per writing section, and the newest reclaimed one stays in the log as its
     * anchor until a later one is reclaimed): a few commits at most here.
     */
    private void takeBackReclaimed(Cell c) {
        for (int i = 0; i < 4; i++) {
            touch(c);
        }
    }

    /** Reclaims everything committed so far, including the freeing commit, and takes it back. */
    private void reclaimAndTakeBack(Cell c) {
        touch(c);                              // so that the freeing commit is not the log's anchor
        h.flushLog();
        takeBackReclaimed(c);
    }

    @Test
    void aFreedObjectComesBackOnlyAfterItsCommitWasReclaimed() {
        Cell holder = new Cell(1, 0);
        Cell victim = new Cell(2, 0);
        holder.next = victim;
        Cell other = new Cell(3, 0);

        unlinkAndFree(holder, victim);
        assertSame(LockSet.FREED, ObjectHeaders.lvLock(victim), "freed: locked for ever, for now");
        takeBackReclaimed(other);
        assertNull(recycled(), "the freeing commit is not reclaimed yet");

        reclaimAndTakeBack(other);             // reclaims the freeing commit, takes its write set back
        Cell again = recycled();
        assertSame(victim, again, "the freed master is handed back");
        assertNull(ObjectHeaders.lvLock(again), "unlocked");
        assertNull(ObjectHeaders.laChain(again), "no versions");
        assertFalse(again.isVersion());
        assertNull(recycled(), "handed out once");
    }

    @Test
    void onlyTheExactClassIsReturned() {
        Cell holder = new Cell(1, 0);
        Cell victim = new Cell(2, 0);
        holder.next = victim;
        unlinkAndFree(holder, victim);
        reclaimAndTakeBack(new Cell(3, 0));
        try (Section s = h.readLock()) {
            assertNull(s.recycled(Other.class), "another class");
            assertSame(victim, s.recycled(Cell.class));
        }
    }

    @Test
    void aRecycledObjectIsAnOrdinaryNewMaster() {
        Cell holder = new Cell(1, 0);
        Cell victim = new Cell(2, 0);
        holder.next = victim;
        unlinkAndFree(holder, victim);
        reclaimAndTakeBack(new Cell(3, 0));
        h.execute(s -> {
            Cell n = s.recycled(Cell.class);
            assertNotNull(n);
            n.a = n.b = 42;
            n.next = null;
            Cell p = s.lock(holder);
            p.next = Section.ref(n);
            return null;
        });
        h.execute(s -> {                       // it can be locked and updated again
            Cell n = s.lock(s.deref(holder).next);
            n.a = n.b = 43;
            return null;
        });
        try (Section s = h.readLock()) {
            assertEquals(43, s.deref(s.deref(holder).next).a);
        }
    }

    /** A second node class, never recycled here. */
    static final class Other extends RluObject<Other> {
        @Override
        protected void copyStateFrom(Other source) {
        }
    }
}
