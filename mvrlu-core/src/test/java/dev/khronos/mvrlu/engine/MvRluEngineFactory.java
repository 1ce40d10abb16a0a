package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;

/** Maps a {@link DomainSpec} onto {@link MvRluConfig}. */
public final class MvRluEngineFactory implements EngineFactory {
    @Override
    public String name() {
        return "mvrlu";
    }

    @Override
    public RluDomain create(DomainSpec spec) {
        MvRluConfig c = MvRluConfig.defaults()
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
}
