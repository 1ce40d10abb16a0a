package dev.khronos.hlbench.compare;

import dev.khronos.hlbench.compare.Target.Bound;
import dev.khronos.hlbench.compare.Target.Unit;
import dev.khronos.hlbench.compare.Target.Verdict;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunParameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result of {@code hlbench compare}: medians over the rounds, the ratios of issue 11 and a
 * PASS/MISS verdict per target, as Markdown.
 *
 * <p>Targets (issue 11, item 3):
 * <ul>
 *   <li>mvrlu/rcu &ge; 0.85 at 20 per mille and &ge; 0.6 at 200 and 500 per mille, at every thread
 *       count of the table (other update rates are shown without a target);</li>
 *   <li>mvrlu/seq &ge; 0.8 at 1 thread, 0 per mille; mvrlu/chm &ge; 0.8 at 2 threads, 20 per
 *       mille, buckets = initial;</li>
 *   <li>with 1 snapshot reader and 1 updater at 500 per mille, the updaters' throughput of mvrlu
 *       &ge; 3 &times; rlu's;</li>
 *   <li>GC, on the worst of the GC runs: share of the JVM's wall time in pauses &lt; 2 %, longest
 *       pause &le; 30 ms, and (item 2) heap after every young collection &lt; 32 MB.</li>
 * </ul>
 * A ratio divides the medians of the two syncs' throughput; a median takes the runs that completed
 * and passed their size check. A target whose runs all failed is {@link Verdict#NO_DATA}.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class CompareReport {
    /** mvrlu/rcu at 20 per mille. */
    public static final double RCU_LOW_UPDATE_TARGET = 0.85;
    /** mvrlu/rcu at 200 and 500 per mille. */
    public static final double RCU_HIGH_UPDATE_TARGET = 0.6;
    /** mvrlu/seq at 1 thread, 0 per mille. */
    public static final double SEQ_TARGET = 0.8;
    /** mvrlu/chm at 2 threads, 20 per mille, buckets = initial. */
    public static final double CHM_TARGET = 0.8;
    /** mvrlu/rlu updaters beside a snapshot reader. */
    public static final double SNAPSHOT_TARGET = 3.0;
    /** Share of wall time in GC pauses (strictly below). */
    public static final double GC_SHARE_TARGET = 0.02;
    /** Longest GC pause in ms. */
    public static final double GC_PAUSE_TARGET_MS = 30;
    /** Heap after a young collection (strictly below), issue 11 item 2. */
    public static final double GC_HEAP_TARGET_BYTES = 32L << 20;

    /**
     * Where the comparison ran, for the report's header. Immutable.
     *
     * @param machine a description of the machine and JVM
     * @param cpus    available processors
     * @param date    when it ran
     */
    public record Environment(String machine, int cpus, String date) {
    }

    private final CompareSettings settings;
    private final List<RunOutcome> outcomes;
    private final Environment env;

    /**
     * @param settings what was asked for
     * @param outcomes what every run gave, in run order
     * @param env      where it ran
     */
    public CompareReport(CompareSettings settings, List<RunOutcome> outcomes, Environment env) {
        this.settings = Objects.requireNonNull(settings);
        this.outcomes = List.copyOf(outcomes);
        this.env = Objects.requireNonNull(env);
    }

    /**
     * @param values samples
     * @return their median (the mean of the two middle ones for an even count), or {@code null}
     *         for none
     */
    public static Double median(List<Double> values) {
        List<Double> v = values.stream().filter(Objects::nonNull).sorted().collect(Collectors.toList());
        if (v.isEmpty()) {
            return null;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private List<RunOutcome> of(CompareGroup g, String sync, int threads, int update) {
        return outcomes.stream().filter(o -> o.run().group() == g && o.run().sync().equals(sync)
                && o.run().threads() == threads && o.run().update() == update).collect(Collectors.toList());
    }

    /**
     * @return the median updaters' throughput in ops/s of one sync at one point of a group, or
     *         {@code null} when no run of it succeeded
     */
    public Double medianOps(CompareGroup g, String sync, int threads, int update) {
        return median(of(g, sync, threads, update).stream().map(RunOutcome::opsPerSec).collect(Collectors.toList()));
    }

    private Double medianSnapshots(String sync) {
        return median(of(CompareGroup.SNAPSHOT, sync, 1, 500).stream().map(RunOutcome::snapshotsPerSec)
                .collect(Collectors.toList()));
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    private Double rcuRatio(String other, int t, int u) {
        return ratio(medianOps(CompareGroup.RCU, "mvrlu", t, u), medianOps(CompareGroup.RCU, other, t, u));
    }

    /** @return the target of mvrlu/rcu at update rate {@code u}, or {@code null} where issue 11 sets none */
    static Target rcuTarget(int threads, int u) {
        String name = "mvrlu/rcu, " + threads + (threads == 1 ? " thread, " : " threads, ") + u + "\u2030";
        if (u == 20) {
            return new Target(name, RCU_LOW_UPDATE_TARGET, Bound.AT_LEAST, Unit.RATIO);
        }
        if (u == 200 || u == 500) {
            return new Target(name, RCU_HIGH_UPDATE_TARGET, Bound.AT_LEAST, Unit.RATIO);
        }
        return null;
    }

    private List<RunOutcome> gcRuns() {
        return outcomes.stream().filter(o -> o.run().group() == CompareGroup.GC && o.gc() != null)
                .collect(Collectors.toList());
    }

    private static Double max(List<Double> values) {
        return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    /** @return every target of the selected groups with its measured value and verdict, in report order */
    public List<Target.Result> targets() {
        List<Target.Result> r = new ArrayList<>();
        Set<CompareGroup> g = settings.groups();
        if (g.contains(CompareGroup.RCU)) {
            for (int t : settings.threads()) {
                for (int u : settings.updates()) {
                    Target target = rcuTarget(t, u);
                    if (target != null) {
                        r.add(target.result(rcuRatio("rcu", t, u)));
                    }
                }
            }
        }
        if (g.contains(CompareGroup.SEQ)) {
            r.add(new Target("mvrlu/seq, 1 thread, 0\u2030", SEQ_TARGET, Bound.AT_LEAST, Unit.RATIO).result(
                    ratio(medianOps(CompareGroup.SEQ, "mvrlu", 1, 0), medianOps(CompareGroup.SEQ, "seq", 1, 0))));
        }
        if (g.contains(CompareGroup.CHM)) {
            r.add(new Target("mvrlu/chm, 2 threads, 20\u2030, buckets = initial", CHM_TARGET, Bound.AT_LEAST, Unit.RATIO)
                    .result(ratio(medianOps(CompareGroup.CHM, "mvrlu", 2, 20), medianOps(CompareGroup.CHM, "chm", 2, 20))));
        }
        if (g.contains(CompareGroup.SNAPSHOT)) {
            r.add(new Target("mvrlu/rlu updaters, 1 snapshot reader + 1 updater, 500\u2030", SNAPSHOT_TARGET,
                    Bound.AT_LEAST, Unit.RATIO).result(ratio(medianOps(CompareGroup.SNAPSHOT, "mvrlu", 1, 500),
                    medianOps(CompareGroup.SNAPSHOT, "rlu", 1, 500))));
        }
        if (g.contains(CompareGroup.GC)) {
            List<RunOutcome> gc = gcRuns();
            r.add(new Target("GC: share of wall time in pauses (worst run)", GC_SHARE_TARGET, Bound.BELOW, Unit.PERCENT)
                    .result(max(gc.stream().map(o -> o.gc().pauseShare(o.wallNanos())).collect(Collectors.toList()))));
            r.add(new Target("GC: longest pause (worst run)", GC_PAUSE_TARGET_MS, Bound.AT_MOST, Unit.MILLIS)
                    .result(max(gc.stream().map(o -> o.gc().longestPauseMillis()).collect(Collectors.toList()))));
            r.add(new Target("GC: heap after a young collection (largest)", GC_HEAP_TARGET_BYTES, Bound.BELOW,
                    Unit.MEBIBYTES).result(max(gc.stream().filter(o -> o.gc().youngCollections() > 0)
                    .map(o -> (double) o.gc().maxHeapAfterYoungBytes()).collect(Collectors.toList()))));
        }
        return r;
    }

    /** @return the runs that did not complete or failed their size check */
    public List<RunOutcome> failedRuns() {
        return outcomes.stream().filter(o -> !o.ok()).collect(Collectors.toList());
    }

    /**
     * @return 1 if a run failed, else 3 if a target was missed (or had no data), else 0
     */
    public int exitStatus() {
        if (!failedRuns().isEmpty()) {
            return 1;
        }
        return targets().stream().allMatch(t -> t.verdict() == Verdict.PASS) ? 0 : 3;
    }

    private static String mops(Double opsPerSec) {
        return opsPerSec == null ? "n/a" : String.format(Locale.ROOT, "%.2f", opsPerSec / 1e6);
    }

    private static String ratioText(Double r) {
        return r == null ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** @return the clocks the mvrlu runs recorded, e.g. {@code ordo (bound 992 ns)} */
    String mvrluClocks() {
        Set<String> clocks = new LinkedHashSet<>();
        for (RunOutcome o : outcomes) {
            BenchmarkRun rec = o.record();
            if (o.run().sync().equals("mvrlu") && rec != null && rec.parameters().clock() != null) {
                RunParameters p = rec.parameters();
                clocks.add(p.clock() + (p.clockBoundNs() == null ? "" : " (bound " + p.clockBoundNs() + " ns)"));
            }
        }
        return clocks.isEmpty() ? (settings.clock() == null ? "the engine's default" : settings.clock())
                : String.join(", ", clocks);
    }

    /** @return the whole report */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        String d = Long.toString(settings.durationMs());
        sb.append("# hlbench compare: issue 11 targets\n\n");
        sb.append("- machine: ").append(env.machine()).append("; ").append(env.cpus()).append(" CPUs; ")
                .append(env.date()).append('\n');
        sb.append("- ").append(settings.rounds()).append(settings.rounds() == 1 ? " round" : " interleaved rounds")
                .append(" of ").append(d).append(" ms runs, one fresh JVM per run; medians over the rounds, Mops/s")
                .append(settings.rounds() < 2 ? " (issue 11 asks for at least 2 rounds)" : "").append('\n');
        if (settings.warmupMs() > 0) {
            sb.append("- every run but the GC group's had an untimed warm-up of ").append(settings.warmupMs())
                    .append(" ms (`--warmup-ms`) before its measured duration: steady state, not issue 11's command,"
                            + " which has none\n");
        }
        sb.append("- clock of the mvrlu runs: ").append(mvrluClocks())
                .append(" (the baselines keep the default; rcu's read side is an MV-RLU domain)\n");
        Set<CompareGroup> g = settings.groups();
        if (g.contains(CompareGroup.RCU)) {
            sb.append("\n## mvrlu vs rcu: `hlbench SYNC T 5000 1000 ").append(d).append(" U 10000`\n\n");
            sb.append("| threads, update\u2030 |");
            ComparePlan.RCU_SYNCS.forEach(s -> sb.append(' ').append(s).append(" |"));
            sb.append(" mvrlu/rcu | mvrlu/chm | target mvrlu/rcu | verdict |\n|---|");
            sb.append("---:|".repeat(ComparePlan.RCU_SYNCS.size() + 2)).append("---|---|\n");
            for (int t : settings.threads()) {
                for (int u : settings.updates()) {
                    sb.append("| ").append(t).append(", ").append(u).append(" |");
                    for (String s : ComparePlan.RCU_SYNCS) {
                        sb.append(' ').append(mops(medianOps(CompareGroup.RCU, s, t, u))).append(" |");
                    }
                    Double rr = rcuRatio("rcu", t, u);
                    sb.append(' ').append(ratioText(rr)).append(" | ").append(ratioText(rcuRatio("chm", t, u))).append(" |");
                    Target target = rcuTarget(t, u);
                    sb.append(target == null ? " - | - |\n" : " " + target.requirement() + " | " + target.judge(rr) + " |\n");
                }
            }
        }
        if (g.contains(CompareGroup.SEQ)) {
            pairTable(sb, "mvrlu vs seq: `hlbench SYNC 1 5000 1000 " + d + " 0 10000`", CompareGroup.SEQ, "seq", 1, 0,
                    SEQ_TARGET);
        }
        if (g.contains(CompareGroup.CHM)) {
            pairTable(sb, "mvrlu vs chm, buckets = initial: `hlbench SYNC -a -n 2 -i 5000 -b 5000 -d " + d
                    + " -u 20 -r 10000`", CompareGroup.CHM, "chm", 2, 20, CHM_TARGET);
        }
        if (g.contains(CompareGroup.SNAPSHOT)) {
            sb.append("\n## Snapshot readers: `hlbench SYNC 1 5000 1000 ").append(d)
                    .append(" 500 10000 --snapshot-readers 1`\n\n");
            sb.append("One updater thread (500\u2030) beside one thread taking whole-set `size()` snapshots.\n\n");
            sb.append("| sync | updaters Mops/s | snapshots/s | size() |\n|---|---:|---:|---|\n");
            for (String s : ComparePlan.SNAPSHOT_SYNCS) {
                Double snaps = medianSnapshots(s);
                sb.append("| ").append(s).append(" | ").append(mops(medianOps(CompareGroup.SNAPSHOT, s, 1, 500)))
                        .append(" | ").append(snaps == null ? "n/a" : String.format(Locale.ROOT, "%.0f", snaps))
                        .append(" | ").append(snapshotKind(s)).append(" |\n");
            }
        }
        if (g.contains(CompareGroup.GC)) {
            sb.append("\n## GC: `java -Xlog:gc:file=LOG -jar hlbench.jar mvrlu 2 5000 1000 ")
                    .append(settings.gcDurationMs()).append(" 500 10000`\n\n");
            List<RunOutcome> gc = outcomes.stream().filter(o -> o.run().group() == CompareGroup.GC)
                    .collect(Collectors.toList());
            Set<String> collectors = gc.stream().filter(o -> o.gc() != null && o.gc().collector() != null)
                    .map(o -> o.gc().collector()).collect(Collectors.toCollection(LinkedHashSet::new));
            sb.append("Collector: ").append(collectors.isEmpty() ? "unknown" : String.join(", ", collectors))
                    .append(" (the JVM's default unless `--jvm-arg` chose one). Share = pause time / the JVM's wall time, "
                            + "start to exit.\n\n");
            sb.append("| round | Mops/s | wall | pauses | in pauses | share | longest | young GCs | max heap after young | last heap after young |\n");
            sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (RunOutcome o : gc) {
                GcLog.Stats s = o.gc();
                sb.append("| ").append(o.run().round()).append(" | ").append(mops(o.opsPerSec())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f s", o.wallNanos() / 1e9)).append(" | ");
                if (s == null) {
                    sb.append("n/a | n/a | n/a | n/a | n/a | n/a | n/a |\n");
                    continue;
                }
                sb.append(s.pauses()).append(" | ").append(Unit.MILLIS.format(s.pauseMillis())).append(" | ")
                        .append(Unit.PERCENT.format(s.pauseShare(o.wallNanos()))).append(" | ")
                        .append(Unit.MILLIS.format(s.longestPauseMillis())).append(" | ").append(s.youngCollections())
                        .append(" | ").append(Unit.MEBIBYTES.format(s.maxHeapAfterYoungBytes())).append(" | ")
                        .append(Unit.MEBIBYTES.format(s.lastHeapAfterYoungBytes())).append(" |\n");
            }
        }
        List<Target.Result> targets = targets();
        sb.append("\n## Targets\n\n| target | measured | required | verdict |\n|---|---:|---:|---|\n");
        for (Target.Result t : targets) {
            sb.append("| ").append(t.target().name()).append(" | ").append(t.measuredText()).append(" | ")
                    .append(t.target().requirement()).append(" | ").append(t.verdict()).append(" |\n");
        }
        long pass = targets.stream().filter(t -> t.verdict() == Verdict.PASS).count();
        long miss = targets.stream().filter(t -> t.verdict() == Verdict.MISS).count();
        long none = targets.size() - pass - miss;
        sb.append('\n').append(pass).append(" of ").append(targets.size()).append(" targets PASS, ").append(miss)
                .append(" MISS").append(none > 0 ? ", " + none + " NO_DATA" : "").append(".\n");
        List<RunOutcome> failed = failedRuns();
        if (!failed.isEmpty()) {
            sb.append("\n## Failed runs\n\n");
            for (RunOutcome o : failed) {
                sb.append("- round ").append(o.run().round()).append(": `").append(o.run().command()).append("`: ")
                        .append(o.failure() == null ? "failed" : o.failure()).append('\n');
            }
        }
        return sb.toString();
    }

    private void pairTable(StringBuilder sb, String title, CompareGroup g, String other, int t, int u, double target) {
        Double a = medianOps(g, "mvrlu", t, u);
        Double b = medianOps(g, other, t, u);
        Double r = ratio(a, b);
        Target tg = new Target("mvrlu/" + other, target, Bound.AT_LEAST, Unit.RATIO);
        sb.append("\n## ").append(title).append("\n\n| threads, update\u2030 | mvrlu | ").append(other)
                .append(" | mvrlu/").append(other).append(" | target | verdict |\n|---|---:|---:|---:|---|---|\n");
        sb.append("| ").append(t).append(", ").append(u).append(" | ").append(mops(a)).append(" | ").append(mops(b))
                .append(" | ").append(ratioText(r)).append(" | ").append(tg.requirement()).append(" | ")
                .append(tg.judge(r)).append(" |\n");
    }

    /** @return what the snapshot runs of {@code sync} recorded about its size(): true snapshot or not */
    private String snapshotKind(String sync) {
        Set<String> kinds = new LinkedHashSet<>();
        for (RunOutcome o : of(CompareGroup.SNAPSHOT, sync, 1, 500)) {
            if (o.record() != null) {
                String k = o.record().parameters().extra().get("snapshot_size");
                if (k != null) {
                    kinds.add(k.equals("snapshot") ? "true snapshot" : "not a snapshot (sum of parts)");
                }
            }
        }
        return kinds.isEmpty() ? "n/a" : String.join(", ", kinds);
    }

    /** @return the outcomes, in run order */
    public List<RunOutcome> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }
}
