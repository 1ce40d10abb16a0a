package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.ListSetLincheckModel;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the sorted-list set on MV-RLU with ORDO timestamps, under stress with the
 * background reclaimer running hyperactively (real time is what ORDO timestamps are made of, so
 * this runs the threads for real rather than under the model checker's schedule). Smaller than the
 * logical clock's run: every commit waits out twice the measured bound, which on a loaded 2-core
 * machine is tens of microseconds.
 */
class MvRluOrdoListSetLincheckTest {

    /** One ORDO domain for all scenarios, with its background reclaimer never napping. */
    public static final class Stressed extends ListSetLincheckModel {
        private static final RluDomain DOMAIN = new MvRluEngineFactory.Ordo().create(DomainSpec.hyperactive());

        @Override
        protected RluDomain domain() {
            return DOMAIN;
        }
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(20)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(4)
                .check(Stressed.class);
    }
}
