package dev.khronos.os.sweep;

import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.os.parse.TranscriptParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the command lists of the two sweeps. Stateless and thread-safe.
 */
public final class SweepGrid {

    /** The hlbench binaries in a KhronOS image. */
    public static final Set<String> HLBENCH_SYNCS = Set.of("rcu", "rlu", "mvrlu", "spin");

    private SweepGrid() {
    }

    /**
     * kbench over sync types x threads x update rates, each repeated, in that nesting order.
     *
     * @param syncs    {@code -s} values, 0..4
     * @param threads  {@code -t} values
     * @param updates  {@code -u} values (per mille)
     * @param initial  {@code -i}
     * @param buckets  {@code -b}
     * @param duration {@code -d} in ms
     * @param range    {@code -r}
     * @param repeats  runs per combination
     * @return the points
     * @throws IllegalArgumentException for values kbench would reject (its checks are kernel
     *                                  panics, so they are made here first)
     */
    public static List<SweepPoint> kbench(List<Integer> syncs, List<Integer> threads, List<Integer> updates,
                                          int initial, int buckets, int duration, int range, int repeats) {
        if (buckets >= range) {
            throw new IllegalArgumentException("kbench needs buckets < range (" + buckets + " >= " + range + ")");
        }
        if (range < initial) {
            throw new IllegalArgumentException("range must be >= initial (" + range + " < " + initial + ")");
        }
        checkRepeats(repeats);
        List<SweepPoint> points = new ArrayList<>();
        for (int s : syncs) {
            if (s < 0 || s > 4) {
                throw new IllegalArgumentException("kbench sync type must be 0..4: " + s);
            }
            for (int t : threads) {
                for (int u : updates) {
                    RunParameters p = new RunParameters(t, initial, buckets, duration, u, range);
                    String cmd = "kbench -t " + t + " -i " + initial + " -b " + buckets + " -d " + duration
                            + " -u " + u + " -s " + s + " -r " + range;
                    for (int r = 0; r < repeats; r++) {
                        points.add(new SweepPoint("kbench", TranscriptParser.kbenchSyncName(s), cmd, p));
                    }
                }
            }
        }
        return points;
    }

    /**
     * The run_hlbench.sh grid: {@code hlbench_SYNC threads initial buckets duration update range}
     * for each sync x threads x update. The script's values are
     * syncs rcu rlu mvrlu spin, threads 1 5 10 15, updates 20 200 500, initial 5000, buckets 1000,
     * duration 10000 ms, range 10000 (48 runs).
     *
     * @param syncs    hlbench variants
     * @param threads  thread counts
     * @param updates  update rates (per mille)
     * @param initial  initial size
     * @param buckets  buckets, 1..2048
     * @param duration duration in ms
     * @param range    key range
     * @param repeats  runs per combination
     * @return the points
     * @throws IllegalArgumentException for values hlbench would reject
     */
    public static List<SweepPoint> hlbench(List<String> syncs, List<Integer> threads, List<Integer> updates,
                                           int initial, int buckets, int duration, int range, int repeats) {
        if (buckets < 1 || buckets > 2048) {
            throw new IllegalArgumentException("hlbench needs 1 <= buckets <= 2048: " + buckets);
        }
        if (range < initial) {
            throw new IllegalArgumentException("range must be >= initial (" + range + " < " + initial + ")");
        }
        checkRepeats(repeats);
        List<SweepPoint> points = new ArrayList<>();
        for (String s : syncs) {
            if (!HLBENCH_SYNCS.contains(s)) {
                throw new IllegalArgumentException("unknown hlbench variant " + s + " (expected rcu, rlu, mvrlu or spin)");
            }
            for (int t : threads) {
                for (int u : updates) {
                    RunParameters p = new RunParameters(t, initial, buckets, duration, u, range);
                    String cmd = "hlbench_" + s + " " + t + " " + initial + " " + buckets + " " + duration + " " + u + " " + range;
                    for (int r = 0; r < repeats; r++) {
                        points.add(new SweepPoint("hlbench", s, cmd, p));
                    }
                }
            }
        }
        return points;
    }

    private static void checkRepeats(int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
        }
    }
}
