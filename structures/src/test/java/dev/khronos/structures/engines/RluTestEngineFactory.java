package dev.khronos.structures.engines;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.rlu.Rlu;
import dev.khronos.rlu.RluConfig;

/** The classic RLU engine (module mvrlu-rlu) for this module's engine-parameterised tests. */
public final class RluTestEngineFactory implements EngineFactory {
    @Override
    public String name() {
        return "rlu";
    }

    @Override
    public RluDomain create(DomainSpec spec) {
        RluConfig c = RluConfig.defaults()
                .withReclaimMode(spec.reclaimMode())
                .withReadYourOwnWrites(spec.readYourOwnWrites())
                .withNestedLocking(spec.nestedLocking());
        if (spec.qpIntervalMicros() >= 0) {
            c = c.withFlushIntervalMicros(spec.qpIntervalMicros());
        }
        return Rlu.create(c);
    }

    @Override
    public boolean writersWaitForReaders() {
        return true;
    }
}
