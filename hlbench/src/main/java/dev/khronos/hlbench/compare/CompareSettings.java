package dev.khronos.hlbench.compare;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code hlbench compare} runs. Immutable and thread-safe.
 *
 * @param rounds       interleaved rounds, &gt;= 1 (issue 11 asks for at least 2)
 * @param durationMs   length of each run, &gt; 0 (issue 11: 5000)
 * @param gcDurationMs length of the GC group's run, &gt; 0 (issue 11: 10000)
 * @param threads      thread counts of the {@link CompareGroup#RCU} table (issue 11: 1, 2)
 * @param updates      update rates per mille of that table (issue 11: 20, 200, 500)
 * @param clock        {@code logical} or {@code ordo} for the mvrlu runs, or {@code null} for the
 *                     engine's default (the baselines always keep theirs)
 * @param groups       the groups to run, not empty
 * @param warmupMs     untimed warm-up of every run but the GC group's ({@code hlbench --warmup-ms}),
 *                     &gt;= 0; issue 11's command has none (0)
 */
public record CompareSettings(int rounds, long durationMs, long gcDurationMs, List<Integer> threads,
                              List<Integer> updates, String clock, Set<CompareGroup> groups, long warmupMs) {
    /** Issue 11's table: initial size. */
    public static final int INITIAL = 5000;
    /** Issue 11's table: buckets (KhronOS form). */
    public static final int BUCKETS = 1000;
    /** Issue 11's table: key range. */
    public static final int RANGE = 10000;

    /** Checks the values and copies the collections. */
    public CompareSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        if (durationMs <= 0) {
            throw new IllegalArgumentException("--duration-ms must be > 0, got " + durationMs);
        }
        if (gcDurationMs <= 0) {
            throw new IllegalArgumentException("--gc-duration-ms must be > 0, got " + gcDurationMs);
        }
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t == null || t <= 0)) {
            throw new IllegalArgumentException("--threads values must be > 0, got " + threads);
        }
        if (updates.isEmpty() || updates.stream().anyMatch(u -> u == null || u < 0 || u > 1000)) {
            throw new IllegalArgumentException("--update values must be in 0..1000 (per mille), got " + updates);
        }
        if (warmupMs < 0) {
            throw new IllegalArgumentException("--warmup-ms must be >= 0, got " + warmupMs);
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("--only needs at least one group");
        }
        threads = List.copyOf(threads);
        updates = List.copyOf(updates);
        groups = Set.copyOf(EnumSet.copyOf(groups));
    }

    /** The settings without a warm-up (issue 11's command). */
    public CompareSettings(int rounds, long durationMs, long gcDurationMs, List<Integer> threads,
                           List<Integer> updates, String clock, Set<CompareGroup> groups) {
        this(rounds, durationMs, gcDurationMs, threads, updates, clock, groups, 0);
    }

    /** @return issue 11's comparison: 2 rounds, 5 s runs, a 10 s GC run, every group */
    public static CompareSettings issue11() {
        return new CompareSettings(2, 5000, 10000, List.of(1, 2), List.of(20, 200, 500), null,
                EnumSet.allOf(CompareGroup.class));
    }
}
