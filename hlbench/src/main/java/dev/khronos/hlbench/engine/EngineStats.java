package dev.khronos.hlbench.engine;

import dev.khronos.mvrlu.DomainConfig;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.structures.IntSet;
import dev.khronos.structures.RluIntSet;

/**
 * The engine statistics and configuration of an RLU-family set (KhronOS's {@code RLU_PRINT_STATS}),
 * for the stats block of the output and the abort ratio.
 *
 * <p>Implementation notes: {@link IntSet} has no statistics, so this is the one place that looks
 * behind it, at {@link RluIntSet#domain()}. Stateless and thread-safe.
 */
public final class EngineStats {
    private EngineStats() {
    }

    /**
     * @param set any set
     * @return its engine's statistics, or {@code null} for a set outside the RLU family
     */
    public static RluStats of(IntSet set) {
        if (set instanceof RluIntSet) {
            return ((RluIntSet) set).domain().stats();
        }
        return null;
    }

    /**
     * @param set any set
     * @return its engine's configuration ({@code RluDomain#config()}, e.g. an {@code MvRluConfig}
     *         for MV-RLU), or {@code null} for a set outside the RLU family
     */
    public static DomainConfig config(IntSet set) {
        if (set instanceof RluIntSet) {
            return ((RluIntSet) set).domain().config();
        }
        return null;
    }

    /**
     * @param stats statistics, may be {@code null}
     * @param name  counter name, e.g. {@code n_aborts}
     * @return the counter, or 0 when unknown
     */
    public static long counter(RluStats stats, String name) {
        if (stats == null || !stats.asMap().containsKey(name)) {
            return 0;
        }
        return stats.get(name);
    }
}
