package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Of two concurrent {@code tryLock}s on one object exactly one succeeds: each actor tries once,
 * increments on success and commits. Both may succeed only one after the other, and then both
 * increments are kept; a lost update or two failures are forbidden.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "one lock won, the other failed")
@Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE_INTERESTING, desc = "the sections did not overlap")
@Outcome(id = "1, 1, 1", expect = Expect.FORBIDDEN, desc = "both locked at once: lost update")
@Outcome(id = "0, 0, .*", expect = Expect.FORBIDDEN, desc = "both failed: nobody held the lock")
@State
public class TryLockExclusionTest {
    private final Cell x = new Cell(1, 0);

    private int attempt() {
        RluHandle h = Engines.handle();
        Section s = h.readLock();
        Cell c = s.tryLock(x);
        if (c == null) {
            s.abort();
            return 0;
        }
        c.a++;
        c.b++;
        s.close();
        return 1;
    }

    @Actor
    public void first(III_Result r) {
        r.r1 = attempt();
    }

    @Actor
    public void second(III_Result r) {
        r.r2 = attempt();
    }

    @Arbiter
    public void total(III_Result r) {
        try (Section s = Engines.handle().readLock()) {
            r.r3 = (int) s.deref(x).a;
        }
    }
}
