package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.ListSetLincheckModel;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the sorted-list set on MV-RLU: model checking with inline reclamation and a
 * two-version log (so grace periods, cuts and writebacks happen inside the explored interleavings),
 * and stress with the background reclaimer running hyperactively.
 */
class MvRluListSetLincheckTest {

    /** Model checking: a fresh inline domain per scenario; Lincheck controls every thread. */
    public static final class ModelChecked extends ListSetLincheckModel {
        private final RluDomain domain = new MvRluEngineFactory().create(DomainSpec.inline().withLogCapacity(2));

        @Override
        protected RluDomain domain() {
            return domain;
        }
    }

    /** Stress: one domain for all scenarios, with its background reclaimer never napping. */
    public static final class Stressed extends ListSetLincheckModel {
        private static final RluDomain DOMAIN = new MvRluEngineFactory().create(DomainSpec.hyperactive());

        @Override
        protected RluDomain domain() {
            return DOMAIN;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(250)
                .threads(3)
                .actorsPerThread(3)
                .check(ModelChecked.class);
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(40)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(4)
                .check(Stressed.class);
    }
}
