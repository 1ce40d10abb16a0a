package dev.khronos.structures.spi;

import dev.khronos.mvrlu.RluDomain;

/**
 * Makes domains of one RLU-family engine for the structure registry. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.khronos.structures.spi.RluEngineProvider});
 * see {@link RluEngines} for the lookup and its fallback.
 *
 * <p>Thread-safety: implementations must be thread-safe (they are stateless factories).
 */
public interface RluEngineProvider {
    /** @return the engine's name, as the benchmark sync types spell it ({@code mvrlu}, {@code rlu}) */
    String name();

    /** @return a new domain with the engine's default configuration; the caller shuts it down */
    RluDomain createDomain();
}
