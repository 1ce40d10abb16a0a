package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import dev.khronos.mvrlu.sync.OrdoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Under ORDO the time moves without commits, so a grace period's bound ({@code now - B}) soon
 * passes the snapshot of any optimistic section, even on an idle domain. The safe timestamp is
 * capped at the newest commit instead: nothing more could be reclaimed past it, and an optimistic
 * section that opened after that commit stays valid however long it runs (the contract test
 * {@code optimisticSectionsReadTheSnapshotAndMayLockAndCommit} aborted on a loaded CI machine when
 * a detection ran while it was descheduled). The clock here is driven by hand, so the test does not
 * depend on scheduling.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MvRluOrdoSafeTimestampTest {
    private static final long BOUND = 10;

    /** Every reading moves the time on by one, so the commit wait ends; {@link #jump} moves it far. */
    private final AtomicLong time = new AtomicLong(1_000_000);
    private MvRlu domain;

    private MvRlu ordoDomain() {
        MvRluConfig config = MvRluConfig.defaults().withClock(Timestamping.ORDO).withOrdoBoundNanos(BOUND)
                .withReclaimMode(ReclaimMode.INLINE);
        domain = MvRlu.create(config, new OrdoClock(BOUND, time::incrementAndGet));
        return domain;
    }

    private void jump() {
        time.addAndGet(1_000_000);
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

    @Test
    void aGracePeriodLongAfterTheLastCommitLeavesAnOptimisticSectionValid() {
        MvRlu d = ordoDomain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle other = d.register()) {
            write(other, cell, 2);
            Section s = h.optimisticReadLock();
            assertEquals(2, s.deref(cell).a);
            jump();
            other.flushLog();                     // a grace period, its bound far past the snapshot
            assertNull(ObjectHeaders.laChain(cell), "the commit before the snapshot was reclaimed");
            assertTrue(s.validate(), "no commit overtook the snapshot");
            Cell copy = s.lock(cell);             // validates again: must not abort
            copy.a = copy.b = 3;
            s.close();
            assertFalse(s.isOpen());
            jump();
            h.flushLog();                         // the cap follows the newest commit
            assertNull(ObjectHeaders.laChain(cell), "the optimistic commit was reclaimed too");
            assertEquals(3, cell.a);
        }
    }

    @Test
    void aCommitAfterTheSnapshotStillInvalidatesItOnceReclaimed() {
        MvRlu d = ordoDomain();
        Cell cell = new Cell(1, 1);
        try (RluHandle h = d.register(); RluHandle other = d.register()) {
            Section s = h.optimisticReadLock();
            assertEquals(1, s.deref(cell).a);
            write(other, cell, 2);                // newer than the snapshot
            jump();
            other.flushLog();                     // reclaims it: the snapshot's version is gone
            assertFalse(s.validate(), "reclamation overtook the snapshot");
            s.abort();
        }
    }
}
