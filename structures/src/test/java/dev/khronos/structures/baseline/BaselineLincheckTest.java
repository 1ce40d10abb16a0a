package dev.khronos.structures.baseline;

import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.structures.IntSet;
import dev.khronos.structures.LincheckSupport;
import dev.khronos.structures.StructureRegistry;
import dev.khronos.structures.TestEngines;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linearizability of every baseline, model checking and stress, each through its sessions (one per
 * Lincheck thread) as a benchmark drives it. Two buckets, so keys collide. The RCU set recycles
 * removed nodes after a grace period (every one under model checking, every 8th in stress), so
 * the scenarios exercise the grace period and node reuse; its domain is a fresh inline one per scenario under model checking.
 * Tagged {@code build-jdk-only}: CI's JDK 25 rerun leaves it out ({@code -DexcludedGroups}).
 */
@Tag("build-jdk-only")
public class BaselineLincheckTest {
    private static volatile String current;
    /** RCU removed nodes per grace period: 1 under model checking, 8 in stress (each waits for live threads). */
    private static volatile int rcuRetireBatch = 1;

    @Param(name = "key", gen = IntGen.class, conf = "1:5")
    public static final class Model {
        private final IntSet set = create(current);
        private final ThreadLocal<IntSet.Session> sessions = ThreadLocal.withInitial(set::session);

        static IntSet create(String name) {
            if (name.equals("rcu")) {
                return new RcuHashSet(LincheckSupport.scenarioDomain(), 2, false, rcuRetireBatch);
            }
            return StructureRegistry.create(name, StructureRegistry.Config.defaults().withBuckets(2).withKeyRange(8));
        }

        @Operation
        public boolean add(@Param(name = "key") int key) {
            return sessions.get().add(key);
        }

        @Operation
        public boolean remove(@Param(name = "key") int key) {
            return sessions.get().remove(key);
        }

        @Operation
        public boolean contains(@Param(name = "key") int key) {
            return sessions.get().contains(key);
        }
    }

    private static void use(String name, boolean modelChecking) {
        current = name;
        rcuRetireBatch = modelChecking ? 1 : 8;
        // The RCU baseline takes its read side and grace periods from an MV-RLU domain (as the registry does).
        LincheckSupport.use(TestEngines.all().stream().filter(f -> f.name().equals("mvrlu")).findFirst()
                .orElse(TestEngines.all().get(0)), modelChecking);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spin", "spinchain", "rcu", "harris", "chm", "cslm", "nbhm", "nbsi", "rwlock"})
    void modelChecking(String name) {
        use(name, true);
        LincheckSupport.modelChecking().check(Model.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spin", "spinchain", "rcu", "harris", "chm", "cslm", "nbhm", "nbsi", "rwlock"})
    void stress(String name) {
        use(name, false);
        LincheckSupport.stress().check(Model.class);
    }
}
