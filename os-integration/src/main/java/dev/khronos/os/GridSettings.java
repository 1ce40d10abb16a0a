package dev.khronos.os;

import dev.khronos.os.sweep.SweepGrid;
import dev.khronos.os.sweep.SweepPoint;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The grid of {@code sweep} and {@code compare} (a picocli mixin): which benchmark, and the values
 * of each parameter. Not thread-safe; filled in by picocli before a command runs.
 */
public final class GridSettings {

    @Parameters(index = "0", paramLabel = "kbench|hlbench", description = "Which grid.")
    String benchmark;

    @Option(names = "--sync", split = ",", paramLabel = "S", description = "kbench: -s values 0-4; hlbench: rcu,rlu,mvrlu,spin.")
    List<String> syncs;

    @Option(names = "--threads", split = ",", paramLabel = "N", description = "Thread counts.")
    List<Integer> threads;

    @Option(names = "--update", split = ",", paramLabel = "PERMILLE", description = "Update rates per mille (200 = 20 %%).")
    List<Integer> updates;

    @Option(names = "--initial", paramLabel = "N", description = "Initial set size.")
    Integer initial;

    @Option(names = "--buckets", paramLabel = "N", description = "Hash buckets.")
    Integer buckets;

    @Option(names = "--range", paramLabel = "N", description = "Key range.")
    Integer range;

    @Option(names = "--duration", paramLabel = "MS", description = "Duration of each run in ms.")
    Integer duration;

    @Option(names = "--repeat", paramLabel = "N", description = "Runs per grid point (default: ${DEFAULT-VALUE}).")
    int repeat = 1;

    /** The usage lines naming the defaults, for the commands' descriptions. */
    static final String DEFAULTS_KBENCH = "Defaults: kbench -i 32 -b 2 -r 64 -d 1500, threads 1,2,4,8,15, updates 20,200,500, syncs 0-4;";
    static final String DEFAULTS_HLBENCH = "hlbench as run_hlbench.sh: rcu,rlu,mvrlu,spin x 1,5,10,15 threads x 20,200,500, 5000/1000/10000 ms/10000.";

    /**
     * @return the KhronOS commands of the grid, in sweep order
     * @throws UserError for an unknown benchmark or values KhronOS would reject
     */
    List<SweepPoint> points() {
        try {
            if (benchmark.equals("kbench")) {
                List<Integer> s = syncs == null ? List.of(0, 1, 2, 3, 4) : syncs.stream().map(GridSettings::integer).toList();
                return SweepGrid.kbench(s, or(threads, List.of(1, 2, 4, 8, 15)), or(updates, List.of(20, 200, 500)),
                        or(initial, 32), or(buckets, 2), or(duration, 1500), or(range, 64), repeat);
            }
            if (benchmark.equals("hlbench")) {
                return SweepGrid.hlbench(or(syncs, List.of("rcu", "rlu", "mvrlu", "spin")),
                        or(threads, List.of(1, 5, 10, 15)), or(updates, List.of(20, 200, 500)),
                        or(initial, 5000), or(buckets, 1000), or(duration, 10000), or(range, 10000), repeat);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        throw new UserError("unknown benchmark " + benchmark + " (expected kbench or hlbench)", 2);
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kbench --sync takes numbers 0-4: " + s);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
