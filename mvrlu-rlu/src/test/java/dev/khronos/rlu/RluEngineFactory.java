package dev.khronos.rlu;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;

/**
 * Maps a {@link DomainSpec} onto {@link RluConfig}: reclaim mode, read-your-own-writes and nested
 * locking carry over; the flush interval takes the spec's grace-period interval; the log capacity
 * has no RLU meaning (no deferral: the contract expects a commit to be visible once close() returns).
 */
public final class RluEngineFactory implements EngineFactory {
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
