package dev.khronos.hlbench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of {@code hlbench compare}, in the order they run: round after round, each round every
 * selected group, each point with its syncs side by side (in reverse order in even rounds, so that
 * no sync always runs first on a machine that warms up or gets busier). Stateless and thread-safe.
 *
 * <p>The command lines are issue 11's, with {@code D} the run length:
 * <ul>
 *   <li>{@link CompareGroup#RCU}: {@code SYNC T 5000 1000 D U 10000} for SYNC mvrlu, rlu, rcu,
 *       spin, chm, every thread count T and update rate U;</li>
 *   <li>{@link CompareGroup#SEQ}: {@code SYNC 1 5000 1000 D 0 10000} for mvrlu and seq;</li>
 *   <li>{@link CompareGroup#CHM}: {@code SYNC -a -n 2 -i 5000 -b 5000 -d D -u 20 -r 10000} for mvrlu
 *       and chm (RLU flag form: the KhronOS form caps buckets at 2048);</li>
 *   <li>{@link CompareGroup#SNAPSHOT}: {@code SYNC 1 5000 1000 D 500 10000 --snapshot-readers 1}
 *       for mvrlu, rlu, rcu and spin;</li>
 *   <li>{@link CompareGroup#GC}: {@code mvrlu 2 5000 1000 D 500 10000} with the GC run's length, in
 *       a JVM that logs its collections.</li>
 * </ul>
 * The mvrlu runs get {@code --clock C} when the settings name a clock; every run but the GC
 * group's gets {@code --warmup-ms W} when the settings ask for a warm-up.
 */
public final class ComparePlan {
    /** The columns of issue 11's table, in its order. */
    public static final List<String> RCU_SYNCS = List.of("mvrlu", "rlu", "rcu", "spin", "chm");
    /** mvrlu and its single-thread reference. */
    public static final List<String> SEQ_SYNCS = List.of("mvrlu", "seq");
    /** mvrlu and ConcurrentHashMap. */
    public static final List<String> CHM_SYNCS = List.of("mvrlu", "chm");
    /** The syncs issue 11 asks for beside a snapshot reader. */
    public static final List<String> SNAPSHOT_SYNCS = List.of("mvrlu", "rlu", "rcu", "spin");

    private ComparePlan() {
    }

    /**
     * @param s the settings
     * @return every run, in order
     */
    public static List<PlannedRun> build(CompareSettings s) {
        List<PlannedRun> runs = new ArrayList<>();
        String d = Long.toString(s.durationMs());
        for (int round = 1; round <= s.rounds(); round++) {
            boolean reverse = round % 2 == 0;
            for (CompareGroup g : CompareGroup.values()) {
                if (!s.groups().contains(g)) {
                    continue;
                }
                switch (g) {
                    case RCU:
                        for (int t : s.threads()) {
                            for (int u : s.updates()) {
                                for (String sync : ordered(RCU_SYNCS, reverse)) {
                                    runs.add(run(s, g, round, sync, t, u, s.durationMs(), khronos(sync, t, d, u)));
                                }
                            }
                        }
                        break;
                    case SEQ:
                        for (String sync : ordered(SEQ_SYNCS, reverse)) {
                            runs.add(run(s, g, round, sync, 1, 0, s.durationMs(), khronos(sync, 1, d, 0)));
                        }
                        break;
                    case CHM:
                        for (String sync : ordered(CHM_SYNCS, reverse)) {
                            runs.add(run(s, g, round, sync, 2, 20, s.durationMs(), List.of(sync, "-a", "-n", "2",
                                    "-i", "" + CompareSettings.INITIAL, "-b", "" + CompareSettings.INITIAL, "-d", d,
                                    "-u", "20", "-r", "" + CompareSettings.RANGE)));
                        }
                        break;
                    case SNAPSHOT:
                        for (String sync : ordered(SNAPSHOT_SYNCS, reverse)) {
                            List<String> a = new ArrayList<>(khronos(sync, 1, d, 500));
                            a.addAll(List.of("--snapshot-readers", "1"));
                            runs.add(run(s, g, round, sync, 1, 500, s.durationMs(), a));
                        }
                        break;
                    default:
                        runs.add(new PlannedRun(g, round, "mvrlu", 2, 500, s.gcDurationMs(),
                                withClock(s, "mvrlu", khronos("mvrlu", 2, Long.toString(s.gcDurationMs()), 500)), true));
                        break;
                }
            }
        }
        return runs;
    }

    private static List<String> ordered(List<String> syncs, boolean reverse) {
        if (!reverse) {
            return syncs;
        }
        List<String> r = new ArrayList<>(syncs);
        java.util.Collections.reverse(r);
        return r;
    }

    private static List<String> khronos(String sync, int threads, String d, int update) {
        return List.of(sync, "" + threads, "" + CompareSettings.INITIAL, "" + CompareSettings.BUCKETS, d, "" + update,
                "" + CompareSettings.RANGE);
    }

    private static PlannedRun run(CompareSettings s, CompareGroup g, int round, String sync, int threads, int update,
                                  long d, List<String> args) {
        List<String> a = withClock(s, sync, args);
        if (s.warmupMs() > 0) {
            a = new ArrayList<>(a);
            a.addAll(List.of("--warmup-ms", Long.toString(s.warmupMs())));
        }
        return new PlannedRun(g, round, sync, threads, update, d, a, false);
    }

    private static List<String> withClock(CompareSettings s, String sync, List<String> args) {
        if (s.clock() == null || !sync.equals("mvrlu")) {
            return args;
        }
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of("--clock", s.clock()));
        return a;
    }
}
