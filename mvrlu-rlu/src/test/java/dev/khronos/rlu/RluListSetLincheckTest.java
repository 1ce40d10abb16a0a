package dev.khronos.rlu;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.ListSetLincheckModel;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of mvrlu-core's sorted-list set model on RLU: model checking with inline mode (no
 * domain thread; every synchronize and its wait for the other threads' sections run on the
 * committing Lincheck thread, inside the explored interleavings), and stress with the background
 * flusher running. Deferral is not checked here on purpose: deferred updates are invisible to other
 * threads until the sync point, which is not linearizable by design (see RluDeferralTest).
 */
class RluListSetLincheckTest {

    /** Model checking: a fresh inline domain per scenario; Lincheck controls every thread. */
    public static final class ModelChecked extends ListSetLincheckModel {
        private final RluDomain domain = new RluEngineFactory().create(DomainSpec.inline());

        @Override
        protected RluDomain domain() {
            return domain;
        }
    }

    /** Stress: one domain for all scenarios, with its flusher thread never napping. */
    public static final class Stressed extends ListSetLincheckModel {
        private static final RluDomain DOMAIN = new RluEngineFactory().create(DomainSpec.hyperactive());

        @Override
        protected RluDomain domain() {
            return DOMAIN;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(15)
                .invocationsPerIteration(300)
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
