package dev.khronos.mvrlu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of an engine's statistics: named counters, in the engine's order, with the names of
 * the C library ({@code n_starts}, {@code n_aborts}, {@code n_qp_detect}, ...) so results can be
 * compared with C runs line by line.
 *
 * <p>Thread-safety: immutable. The counters are gathered from per-handle fields without stopping
 * the handles, so a snapshot taken while sections run is approximate (each counter is exact once
 * the handles are idle).
 */
public final class RluStats {
    private final String engine;
    private final Map<String, Long> counters;

    /**
     * For engine implementations.
     *
     * @param engine the engine's name
     * @param counters the counters, in the engine's order (copied)
     */
    public RluStats(String engine, Map<String, Long> counters) {
        this.engine = engine;
        this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    /** @return the engine's name */
    public String engine() {
        return engine;
    }

    /**
     * @param name a counter name, such as {@code n_starts}
     * @return the counter's value
     * @throws IllegalArgumentException if the engine has no such counter
     */
    public long get(String name) {
        Long v = counters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no counter '" + name + "' in " + engine + " statistics; known: " + counters.keySet());
        }
        return v;
    }

    /** @return every counter, in the engine's order */
    public Map<String, Long> asMap() {
        return counters;
    }

    /** The C library's {@code mvrlu_print_stats} layout: one right-aligned {@code name = value} per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("==== ").append(engine).append(" statistics ====\n");
        counters.forEach((k, v) -> sb.append(String.format("%32s = %d%n", k, v)));
        return sb.toString();
    }
}
