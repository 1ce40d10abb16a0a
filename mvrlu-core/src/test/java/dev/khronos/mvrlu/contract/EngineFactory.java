package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.RluDomain;

import java.util.ServiceLoader;

/**
 * Makes domains of one RLU-family engine for the shared contract tests. Engines register an
 * implementation in {@code META-INF/services/dev.khronos.mvrlu.contract.EngineFactory} of their
 * test resources; tests that cannot be subclassed (jcstress) pick one with the system property
 * {@code khronos.engine} (default {@code mvrlu}).
 */
public interface EngineFactory {
    /** @return the engine's name, as the hlbench sync types spell it */
    String name();

    /** @return a new domain */
    RluDomain create(DomainSpec spec);

    /** @return the engine named by {@code -Dkhronos.engine=...} (default mvrlu) */
    static EngineFactory selected() {
        String wanted = System.getProperty("khronos.engine", "mvrlu");
        for (EngineFactory f : ServiceLoader.load(EngineFactory.class)) {
            if (f.name().equals(wanted)) {
                return f;
            }
        }
        throw new IllegalStateException("no EngineFactory named '" + wanted + "' on the class path");
    }
}
