package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** MV-RLU reclamation details not covered by the engine-neutral contract. */
class MvRluReclaimTest {

    /**
     * Regression: a writeback deferred because a writer held the object's lock must still happen
     * once the writer goes away, even when nothing commits any more (the safe timestamp then never
     * moves). flushLog() used to wait for it to move, forever.
     *
     * <p>Deterministic: inline reclamation, so no background reclaimer writes the version back
     * before the lock is taken (with one, it always won that race here and the test never met the
     * busy lock); and the lock is held until the owner's flushLog has tried, failed and is backing
     * off, instead of for a fixed time.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void flushLogFinishesADeferredWritebackWithoutFurtherCommits() throws Exception {
        MvRlu domain = MvRlu.create(MvRluConfig.defaults().withReclaimMode(ReclaimMode.INLINE));
        Cell cell = new Cell(1, 0);
        try (RluHandle owner = domain.register()) {
            owner.execute(s -> {
                Cell c = s.lock(cell);
                c.a = c.b = 7;
                return null;
            });
            CountDownLatch locked = new CountDownLatch(1);
            Thread ownerThread = Thread.currentThread();
            AtomicLong masterAtLock = new AtomicLong(-1);
            AtomicBoolean sawOwnerBackingOff = new AtomicBoolean();
            AtomicReference<Throwable> holderFailure = new AtomicReference<>();
            Thread holder = new Thread(() -> {
                try (RluHandle h = domain.register()) {
                    Section s = h.readLock();
                    assertNotNull(s.tryLock(cell));
                    masterAtLock.set(cell.a);
                    locked.countDown();
                    Await.condition(Await.GENEROUS, () -> backsOffInFlushLog(ownerThread),
                            "the owner's flushLog met the busy lock and backs off");
                    sawOwnerBackingOff.set(true);
                    s.abort();                   // no commit: the clock does not move again
                } catch (Throwable t) {
                    holderFailure.set(t);
                }
            }, "lock-holder");
            holder.setDaemon(true);
            holder.start();
            Await.latch(locked, Await.GENEROUS, "the lock holder locked the cell");
            assertEquals(0, masterAtLock.get(), "the commit was not yet written back when the lock was taken");
            owner.flushLog();
            Await.join(Await.GENEROUS, holder);
            assertNull(holderFailure.get(), () -> "the lock holder failed: " + holderFailure.get());
            assertTrue(sawOwnerBackingOff.get(), "flushLog met the busy lock");
            assertEquals(7, cell.a, "the committed version was written back into the master");
            assertEquals(7, cell.b);
            try (Section s = owner.readLock()) {
                assertSame(cell, s.deref(cell), "and the chain detached");
            }
        } finally {
            domain.shutdown();
        }
    }

    /** Whether {@code t} is in its idle strategy under {@code MvRluHandle.flushLog}: it tried and must wait. */
    private static boolean backsOffInFlushLog(Thread t) {
        boolean idling = false;
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getMethodName().equals("idle")) {
                idling = true;
            } else if (f.getMethodName().equals("flushLog") && f.getClassName().equals(MvRluHandle.class.getName())) {
                return idling;
            }
        }
        return false;
    }
}
