package dev.khronos.structures.jcstress;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.structures.RluHashIntSet;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A writer atomically replaces key 1 by key 2 in one hash set (different buckets); a reader checks
 * both keys in one section. It must see the state before or after the move, never both keys nor
 * neither. Engine: {@code -Dkhronos.engine} (default mvrlu).
 */
@JCStressTest
@Outcome(id = "true, false", expect = ACCEPTABLE, desc = "before the move")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "after the move")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "both keys: the move is torn")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "neither key: the move is torn")
@State
public class MoveWithinSetTest {
    /** Inline reclamation: no background thread to starve while jcstress pins both actors to the CPUs. */
    static final RluDomain DOMAIN = EngineFactory.selected().create(
            new DomainSpec(ReclaimMode.INLINE, -1, -1, true, true));

    private final RluHashIntSet set = new RluHashIntSet(DOMAIN, 2);

    public MoveWithinSetTest() {
        set.add(DOMAIN.current(), 1);
    }

    @Actor
    public void writer() {
        set.replace(DOMAIN.current(), 1, 2);
    }

    @Actor
    public void reader(ZZ_Result r) {
        try (Section s = DOMAIN.current().readLock()) {
            r.r1 = set.contains(s, 1);
            r.r2 = set.contains(s, 2);
        }
    }
}
