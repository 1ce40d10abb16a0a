package dev.khronos.mvrlu.jcstress;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;

/**
 * The one domain of a jcstress fork: the selected engine with inline reclamation and a 64-version
 * log, so grace periods, cuts and writebacks run on the actor threads themselves, between their
 * sections, racing the other actor. (A background reclaimer thread would have to compete for a CPU
 * with jcstress's two pinned, spinning actors on a 2-CPU machine, and writers blocked at the high
 * watermark then time out.) Actor threads use {@link RluDomain#current()}.
 */
final class Engines {
    static final RluDomain DOMAIN = EngineFactory.selected().create(DomainSpec.inline().withLogCapacity(64));

    private Engines() {
    }

    static RluHandle handle() {
        return DOMAIN.current();
    }
}
