package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * A reader racing the writeback of the newest version into the master never sees a mix of two
 * versions: every version has {@code a == b}, the writer commits {@code a = b = 1}, a third actor
 * forces a grace period plus writeback while the reader reads both fields in one section.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "old version")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "new version (from the chain or the written-back master)")
@Outcome(expect = Expect.FORBIDDEN, desc = "a mix of two versions")
@State
public class WritebackRaceTest {
    private final Cell x = new Cell(1, 0);

    @Actor
    public void writer() {
        Engines.handle().execute(s -> {
            Cell c = s.lock(x);
            c.a = 1;
            c.b = 1;
            return null;
        });
    }

    @Actor
    public void reclaimer() {
        Engines.DOMAIN.quiesce();
    }

    @Actor
    public void reader(JJ_Result r) {
        try (Section s = Engines.handle().readLock()) {
            Cell c = s.deref(x);
            r.r1 = c.a;
            r.r2 = c.b;
        }
    }
}
