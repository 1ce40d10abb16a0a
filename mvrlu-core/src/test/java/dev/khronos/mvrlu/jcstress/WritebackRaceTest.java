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
 * versions, nor the old one: the state commits {@code a = b = 1} over a master holding
 * {@code 0, 0} before the actors run; one actor forces a grace period plus writeback while the
 * other reads both fields in one section (from the version, or from the master once written back).
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "the committed version, from the chain or the written-back master")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "a committed update was lost")
@Outcome(expect = Expect.FORBIDDEN, desc = "a mix of two versions")
@State
public class WritebackRaceTest {
    private final Cell x = new Cell(1, 0);

    public WritebackRaceTest() {
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
