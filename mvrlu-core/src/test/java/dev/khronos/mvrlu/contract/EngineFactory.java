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

    /**
     * Whether a committing writer waits for the readers that are older than its commit (classic
     * RLU's synchronize: copies are written back into the masters at commit, after a grace
     * period), instead of publishing a new version without waiting (MV-RLU). Contract tests use it
     * where the two semantics must differ: with waiting writers, a commit made while a section is
     * open completes only after that section ends, and a thread must never commit while it has a
     * section open on another handle of the same domain (it would wait for itself).
     */
    default boolean writersWaitForReaders() {
        return false;
    }

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
