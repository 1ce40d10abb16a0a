package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** MV-RLU reclamation details not covered by the engine-neutral contract. */
class MvRluReclaimTest {

    /**
     * Regression: a writeback deferred because a writer held the object's lock must still happen
     * once the writer goes away, even when nothing commits any more (the safe timestamp then never
     * moves). flushLog() used to wait for it to move, forever.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void flushLogFinishesADeferredWritebackWithoutFurtherCommits() throws Exception {
        MvRlu domain = MvRlu.create();
        Cell cell = new Cell(1, 0);
        try (RluHandle owner = domain.register()) {
            owner.execute(s -> {
                Cell c = s.lock(cell);
                c.a = c.b = 7;
                return null;
            });
            CountDownLatch locked = new CountDownLatch(1);
            Thread blocker = new Thread(() -> {
                try (RluHandle h = domain.register()) {
                    Section s = h.readLock();
                    assertNotNull(s.tryLock(cell));
                    locked.countDown();
                    try {
                        Thread.sleep(300);       // owner's flushLog meets the busy lock meanwhile
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    s.abort();                   // no commit: the clock does not move again
                }
            });
            blocker.start();
            locked.await();
            owner.flushLog();
            blocker.join();
            assertEquals(7, cell.a, "the committed version was written back into the master");
            assertEquals(7, cell.b);
            try (Section s = owner.readLock()) {
                assertSame(cell, s.deref(cell), "and the chain detached");
            }
        } finally {
            domain.shutdown();
        }
    }
}
