package dev.khronos.hlbench.compare;

import java.util.List;

/**
 * One run of the comparison: an hlbench command line for a fresh JVM. Immutable and thread-safe.
 *
 * @param group      its group
 * @param round      its round, from 1
 * @param sync       the sync name
 * @param threads    worker threads
 * @param update     update rate per mille
 * @param durationMs nominal duration
 * @param args       the hlbench arguments, exactly as a user would type them after {@code hlbench}
 * @param gcLog      whether the JVM logs its collections ({@code -Xlog:gc:file=...})
 */
public record PlannedRun(CompareGroup group, int round, String sync, int threads, int update, long durationMs,
                         List<String> args, boolean gcLog) {
    /** Copies the arguments. */
    public PlannedRun {
        args = List.copyOf(args);
    }

    /** @return the command line, e.g. {@code hlbench mvrlu 1 5000 1000 5000 20 10000} */
    public String command() {
        return "hlbench " + String.join(" ", args);
    }

    /** @return e.g. {@code 2, 500}: the row label of issue 11's tables */
    public String point() {
        return threads + ", " + update;
    }
}
