package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;

/**
 * The one domain of a jcstress fork: the selected engine with a reclaimer that never naps, so cuts
 * and writebacks run concurrently with the actors. The log is kept moderate (64): with a tiny one
 * every commit would block on the high watermark until the reclaimer thread gets a CPU, which
 * jcstress's pinned, spinning actor threads rarely leave it. Actor threads use
 * {@link RluDomain#current()}.
 */
final class Engines {
    static final RluDomain DOMAIN = EngineFactory.selected().create(DomainSpec.hyperactive().withLogCapacity(64));

    private Engines() {
    }

    static RluHandle handle() {
        return DOMAIN.current();
    }
}
