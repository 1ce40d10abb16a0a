package dev.khronos.structures.jcstress;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.structures.RluIntSet;
import dev.khronos.structures.RluListIntSet;
import dev.khronos.structures.RluTreeIntSet;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A writer moves key 5 from a list to a tree in one commit; a reader checks both sets in one
 * section: exactly one of them holds the key.
 */
@JCStressTest
@Outcome(id = "true, false", expect = ACCEPTABLE, desc = "before the move")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "after the move")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "in both sets")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "in neither set")
@State
public class MoveBetweenSetsTest {
    static final RluDomain DOMAIN = EngineFactory.selected().create(DomainSpec.defaults());

    private final RluListIntSet list = new RluListIntSet(DOMAIN);
    private final RluTreeIntSet tree = new RluTreeIntSet(DOMAIN);

    public MoveBetweenSetsTest() {
        list.add(DOMAIN.current(), 5);
        tree.add(DOMAIN.current(), 3);
        tree.add(DOMAIN.current(), 8);
    }

    @Actor
    public void writer() {
        RluIntSet.move(DOMAIN.current(), list, tree, 5);
    }

    @Actor
    public void reader(ZZ_Result r) {
        try (Section s = DOMAIN.current().readLock()) {
            r.r1 = list.contains(s, 5);
            r.r2 = tree.contains(s, 5);
        }
    }
}
