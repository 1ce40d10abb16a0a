package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The RLU-family engines the tests run on: every {@link EngineFactory} registered on the test class
 * path with {@link ServiceLoader} (mvrlu-core's test jar registers MV-RLU, this module's test
 * resources register RLU through {@code engines.RluTestEngineFactory}; a further engine is one more
 * registration, with no change to any test). {@code -Dkhronos.engine=NAME} restricts the run to one
 * engine.
 */
public final class TestEngines {
    private TestEngines() {
    }

    public static List<EngineFactory> all() {
        String only = System.getProperty("khronos.engine");
        List<EngineFactory> out = new ArrayList<>();
        for (EngineFactory f : ServiceLoader.load(EngineFactory.class)) {
            // The ORDO clock variant of mvrlu is covered by mvrlu-core's own suites (contract,
            // stress, Lincheck, jcstress); here it would only double the structures' run time.
            // Select it with -Dkhronos.engine=mvrlu-ordo.
            if (only == null ? !f.name().endsWith("-ordo") : only.equals(f.name())) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no EngineFactory" + (only == null ? "" : " named '" + only + "'")
                    + " on the test class path");
        }
        return out;
    }

    /** The domain configurations the functional tests cover: the engine's defaults and C semantics. */
    public static List<DomainSpec> specs() {
        return List.of(DomainSpec.defaults(), DomainSpec.defaults().withFlags(false, false), DomainSpec.hyperactive());
    }

    /** Holder read by Lincheck models (instantiated reflectively, so they cannot take arguments). */
    public static final class Current {
        private static volatile EngineFactory engine;

        private Current() {
        }

        public static void set(EngineFactory f) {
            engine = f;
        }

        public static EngineFactory get() {
            EngineFactory f = engine;
            if (f == null) {
                throw new IllegalStateException("TestEngines.Current not set");
            }
            return f;
        }

        public static RluDomain inlineDomain() {
            return get().create(DomainSpec.inline());
        }
    }
}
