package dev.khronos.structures.spi;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.engine.MvRlu;

/**
 * The MV-RLU engine of {@code mvrlu-core}, with its defaults. The only class of this module that
 * names an engine; structures see {@link RluDomain} only.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class MvRluEngineProvider implements RluEngineProvider {
    @Override
    public String name() {
        return "mvrlu";
    }

    @Override
    public RluDomain createDomain() {
        return MvRlu.create();
    }
}
