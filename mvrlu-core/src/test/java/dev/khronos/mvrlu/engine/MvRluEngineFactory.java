package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;

/**
 * Maps a {@link DomainSpec} onto {@link MvRluConfig}: {@code mvrlu} on the logical clock, and
 * {@link Ordo mvrlu-ordo} on ORDO timestamps with the measured bound.
 */
public class MvRluEngineFactory implements EngineFactory {
    @Override
    public String name() {
        return "mvrlu";
    }

    /** @return the configuration every domain of this factory starts from */
    protected MvRluConfig base() {
        return MvRluConfig.defaults();
    }

    @Override
    public RluDomain create(DomainSpec spec) {
        MvRluConfig c = base()
                .withReclaimMode(spec.reclaimMode())
                .withReadYourOwnWrites(spec.readYourOwnWrites())
                .withNestedLocking(spec.nestedLocking());
        if (spec.logCapacity() > 0) {
            c = c.withLogCapacity(spec.logCapacity());
        }
        if (spec.qpIntervalMicros() >= 0) {
            c = c.withQpIntervalMicros(spec.qpIntervalMicros());
        }
        return MvRlu.create(c);
    }

    /** MV-RLU on ORDO timestamps (the measured bound). */
    public static final class Ordo extends MvRluEngineFactory {
        @Override
        public String name() {
            return "mvrlu-ordo";
        }

        @Override
        protected MvRluConfig base() {
            return MvRluConfig.defaults().withClock(Timestamping.ORDO);
        }
    }
}
