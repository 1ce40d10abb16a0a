package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A commit that updates two objects is seen whole or not at all by a reader section: the C
 * library's torn-snapshot defect (D1) must not exist. Two actors, so it runs on 2 CPUs.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "reader's snapshot precedes the commit")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "reader's snapshot includes the commit")
@Outcome(id = {"0, 1", "1, 0"}, expect = Expect.FORBIDDEN, desc = "torn snapshot")
@State
public class TwoObjectCommitTest {
    private final Cell x = new Cell(1, 0);
    private final Cell y = new Cell(2, 0);

    @Actor
    public void writer() {
        Engines.handle().execute(s -> {
            Cell cx = s.lock(x);
            Cell cy = s.lock(y);
            cx.a = 1;
            cy.a = 1;
            return null;
        });
    }

    @Actor
    public void reader(II_Result r) {
        RluHandle h = Engines.handle();
        try (Section s = h.readLock()) {
            r.r1 = (int) s.deref(x).a;
            r.r2 = (int) s.deref(y).a;
        }
    }
}
