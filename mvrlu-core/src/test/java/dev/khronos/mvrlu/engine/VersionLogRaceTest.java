package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.contract.Cell;
import dev.khronos.mvrlu.sync.StatCounters;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression for the {@code flushLog()} hang of issue 10, reproduced by model checking rather than
 * by luck of scheduling: Lincheck's model checker runs the owner's {@link VersionLog#append} and a
 * helper's {@link VersionLog#tryReclaim} under every interleaving it can reach (switch points at
 * each shared access), including the one where the helper reclaims the write set between its link
 * and the owner's update of the appended count.
 *
 * <p>Before the fix the owner read the write set's copy count after linking it; a helper that
 * reclaimed it in between had already released the copies (count 0) and added 1 to the reclaimed
 * count, so {@link VersionLog#pending()} stayed at -1 and {@link VersionLog#isDrained()} false
 * forever: {@code flushLog()} looped for ever (seen after 2,000,000 updates in
 * {@code MvRluMemoryBoundTest}). Reverting the fix makes this test fail in a few hundred
 * invocations.
 */
class VersionLogRaceTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aWriteSetReclaimedWhileItIsAppendedIsCountedOnce() {
        Lincheck.runConcurrentTest(2_000, () -> {
            VersionLog log = new VersionLog();
            WriteSet first = committed(new Cell(1, 0), 1);
            WriteSet second = committed(new Cell(2, 0), 2);
            Thread helper = new Thread(() -> log.tryReclaim(Long.MAX_VALUE - 1, new StatCounters<>(Stat.ALL)));
            helper.start();
            log.append(first);
            log.append(second);
            join(helper);
            log.tryReclaim(Long.MAX_VALUE - 1, new StatCounters<>(Stat.ALL));
            assertEquals(0, log.pending(), "versions appended minus versions reclaimed");
            assertTrue(log.isDrained(), "nothing left to reclaim or retry");
        });
    }

    /** A write set as a commit leaves it: one version of {@code master}, linked and stamped. */
    private static WriteSet committed(Cell master, long timestamp) {
        WriteSet ws = new WriteSet();
        Cell copy = ObjectHeaders.newVersion(master, master, ws.stamp());
        copy.a = copy.b = timestamp;
        ws.addCopy(copy);
        ObjectHeaders.soChain(master, copy);
        ws.soTimestamp(timestamp);
        ws.releaseCommitLists();
        return ws;
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
