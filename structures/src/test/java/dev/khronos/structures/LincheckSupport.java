package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared Lincheck settings, and the domain each scenario instance gets: in model checking a fresh
 * {@link DomainSpec#inline() inline} domain with a two-version log (Lincheck controls every thread,
 * and grace periods, cuts and writebacks then happen inside the explored interleavings); in stress
 * one domain per engine for all scenarios, with a background reclaimer and a four-version log, so
 * that reclamation runs all the time (a never-napping reclaimer would starve Lincheck's threads on 2
 * cores).
 */
public final class LincheckSupport {
    private static volatile boolean modelChecking;
    private static final Map<String, RluDomain> STRESS_DOMAINS = new ConcurrentHashMap<>();

    private LincheckSupport() {
    }

    /** Chooses the engine and the mode for the scenarios that follow. */
    public static void use(EngineFactory engine, boolean modelCheckingMode) {
        TestEngines.Current.set(engine);
        modelChecking = modelCheckingMode;
    }

    /** @return the domain for a new scenario instance (see the class comment) */
    public static RluDomain scenarioDomain() {
        EngineFactory f = TestEngines.Current.get();
        if (modelChecking) {
            return f.create(DomainSpec.inline().withLogCapacity(2));
        }
        return STRESS_DOMAINS.computeIfAbsent(f.name(), n -> f.create(DomainSpec.defaults().withLogCapacity(4)));
    }

    public static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(Integer.getInteger("lincheck.mc.iterations", 20))
                .invocationsPerIteration(Integer.getInteger("lincheck.mc.invocations", 30))
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2);
    }

    public static StressOptions stress() {
        return new StressOptions()
                .iterations(Integer.getInteger("lincheck.stress.iterations", 10))
                .invocationsPerIteration(Integer.getInteger("lincheck.stress.invocations", 500))
                .threads(3)
                .actorsPerThread(3);
    }
}
