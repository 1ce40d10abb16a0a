package dev.khronos.structures.spi;

import dev.khronos.mvrlu.RluDomain;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds an RLU-family engine by name and makes a domain of it, with no compile-time dependency on
 * the engine's module:
 * <ol>
 *   <li>an {@link RluEngineProvider} of that name registered with {@link ServiceLoader};</li>
 *   <li>else, for {@code rlu}, the conventional entry point of module {@code mvrlu-rlu}: a public
 *       static no-argument {@code create()} returning an {@link RluDomain} on one of
 *       {@value #RLU_CLASSES} (the engine mirrors {@code MvRlu.create()});</li>
 *   <li>else an {@link IllegalStateException} naming what is missing.</li>
 * </ol>
 *
 * <p>Thread-safety: thread-safe (stateless).
 */
public final class RluEngines {
    /** Candidate classes for the classic RLU engine's {@code create()}, comma-separated. */
    public static final String RLU_CLASSES = "dev.khronos.rlu.Rlu,dev.khronos.rlu.engine.Rlu";

    private RluEngines() {
    }

    /** @return the names of the engines available on the class path */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (RluEngineProvider p : ServiceLoader.load(RluEngineProvider.class)) {
            names.add(p.name());
        }
        if (!names.contains("rlu") && findRluFactory() != null) {
            names.add("rlu");
        }
        return names;
    }

    /**
     * @param engine the engine's name ({@code mvrlu}, {@code rlu})
     * @return a new domain of the named engine, with its defaults
     * @throws IllegalStateException if no such engine is on the class path
     */
    public static RluDomain createDomain(String engine) {
        for (RluEngineProvider p : ServiceLoader.load(RluEngineProvider.class)) {
            if (p.name().equals(engine)) {
                return p.createDomain();
            }
        }
        if (engine.equals("rlu")) {
            Method m = findRluFactory();
            if (m != null) {
                try {
                    return (RluDomain) m.invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the RLU engine's " + m + " failed", e);
                }
            }
            throw new IllegalStateException("RLU engine not found: put module mvrlu-rlu on the class path (it must "
                    + "offer a public static RluDomain create() on one of " + RLU_CLASSES + ", or register a "
                    + RluEngineProvider.class.getName() + " named 'rlu'); engines available: " + available());
        }
        throw new IllegalStateException("no RLU-family engine named '" + engine + "' on the class path; available: "
                + available());
    }

    private static Method findRluFactory() {
        for (String name : RLU_CLASSES.split(",")) {
            try {
                Class<?> c = Class.forName(name);
                Method m = c.getMethod("create");
                if (Modifier.isStatic(m.getModifiers()) && RluDomain.class.isAssignableFrom(m.getReturnType())) {
                    return m;
                }
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                // not this one
            }
        }
        return null;
    }
}
