package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.RluAbort;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * An optimistic (unannounced) reader racing a commit of {@code a = b = 1} that is then written
 * back into the master, so the reader may read the master's fields while they are being
 * overwritten: whatever it reads, validation must reject every mix of the two states. The
 * reader reports {@code -1, -1} when its section failed validation (the caller would retry).
 * With the engines that have no optimistic mode the reader is a normal section.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "snapshot before the commit, still valid")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "snapshot after the commit")
@Outcome(id = "-1, -1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "reclamation overtook the snapshot: rejected")
@Outcome(expect = Expect.FORBIDDEN, desc = "a mix of two states passed validation")
@State
public class OptimisticReadTest {
    private final Cell x = new Cell(1, 0);

    @Actor
    public void writerThenReclaim() {
        Engines.handle().execute(s -> {
            Cell c = s.lock(x);
            c.a = 1;
            c.b = 1;
            return null;
        });
        Engines.DOMAIN.quiesce();
    }

    @Actor
    public void optimisticReader(JJ_Result r) {
        Section s = Engines.handle().optimisticReadLock();
        try {
            Cell c = s.deref(x);
            long a = c.a;
            long b = c.b;
            s.close();
            r.r1 = a;
            r.r2 = b;
        } catch (RluAbort overtaken) {
            if (s.isOpen()) {
                s.abort();
            }
            r.r1 = -1;
            r.r2 = -1;
        }
    }
}
