package dev.khronos.structures.jcstress;

import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.structures.RluChainHashMap;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * rename(2): a writer moves "f" from one directory map to another with {@code replaceFrom}; a
 * reader looks the name up in both in one section and finds it exactly once.
 */
@JCStressTest
@Outcome(id = "true, false", expect = ACCEPTABLE, desc = "before the rename")
@Outcome(id = "false, true", expect = ACCEPTABLE, desc = "after the rename")
@Outcome(id = "true, true", expect = FORBIDDEN, desc = "in both directories")
@Outcome(id = "false, false", expect = FORBIDDEN, desc = "in neither directory")
@State
public class ReplaceFromTest {
    /** Inline reclamation: no background thread to starve while jcstress pins both actors to the CPUs. */
    static final RluDomain DOMAIN = EngineFactory.selected().create(
            new DomainSpec(ReclaimMode.INLINE, -1, -1, true, true));
    private static final Long INODE = 7L;

    private final RluChainHashMap<String, Long> src = new RluChainHashMap<>(DOMAIN, 2);
    private final RluChainHashMap<String, Long> dst = new RluChainHashMap<>(DOMAIN, 2);

    public ReplaceFromTest() {
        src.insert(DOMAIN.current(), "f", INODE);
    }

    @Actor
    public void writer() {
        dst.replaceFrom(DOMAIN.current(), "g", null, src, "f", INODE);
    }

    @Actor
    public void reader(ZZ_Result r) {
        try (Section s = DOMAIN.current().readLock()) {
            r.r1 = src.get(s, "f") != null;
            r.r2 = dst.get(s, "g") != null;
        }
    }
}
