package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.compare.CompareGroup;
import dev.khronos.hlbench.compare.ComparePlan;
import dev.khronos.hlbench.compare.CompareReport;
import dev.khronos.hlbench.compare.CompareSettings;
import dev.khronos.hlbench.compare.GcLog;
import dev.khronos.hlbench.compare.PlannedRun;
import dev.khronos.hlbench.compare.RunOutcome;
import dev.khronos.hlbench.engine.Machine;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code hlbench compare}: issue 11's comparison in one command. Every run is the hlbench command
 * line issue 11 gives, in a fresh JVM of this jar ({@link ForkedRun}: output to a log file, a
 * deadline, destroyed in a {@code finally}); the runs go in interleaved rounds
 * ({@link ComparePlan}); the end is a Markdown report with medians, ratios and a PASS/MISS verdict
 * per target ({@link CompareReport}), on standard output and, with {@code --out DIR}, in
 * {@code DIR/report.md} beside every run's record ({@code results.jsonl}, {@code results.csv})
 * and log ({@code logs/}).
 *
 * <p>Exit status: 0 when every run succeeded and every target passed; 3 when every run succeeded
 * but a target was missed; 1 when a run failed (it did not finish, or failed its size check); 2 for
 * a usage error.
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Issue 11's comparison in one command: mvrlu against rcu, rlu, spin, chm and seq, snapshot readers "
                + "and GC pauses, in interleaved rounds of fresh JVMs; prints medians, ratios and PASS/MISS per target "
                + "as Markdown.",
                "Exit: 0 all targets pass, 3 a target missed, 1 a run failed, 2 usage error."})
public final class CompareCommand implements Callable<Integer> {
    /** Run length with {@code --quick}. */
    public static final long QUICK_DURATION_MS = 200;
    /** GC run length with {@code --quick}. */
    public static final long QUICK_GC_DURATION_MS = 1000;
    /** Exit status when every run succeeded but a target was missed. */
    public static final int MISSED = 3;

    @ParentCommand
    Hlbench parent;

    @Option(names = "--rounds", paramLabel = "N", description = "interleaved rounds (default 2; issue 11 asks for at least 2)")
    int rounds = 2;
    @Option(names = {"--duration-ms", "-d"}, paramLabel = "MS", description = "length of each run (default 5000; "
            + QUICK_DURATION_MS + " with --quick)")
    Long durationMs;
    @Option(names = "--gc-duration-ms", paramLabel = "MS", description = "length of the GC group's run (default 10000; "
            + QUICK_GC_DURATION_MS + " with --quick)")
    Long gcDurationMs;
    @Option(names = "--quick", description = "short runs (" + QUICK_DURATION_MS + " ms, GC " + QUICK_GC_DURATION_MS
            + " ms): a smoke test of the command, not a measurement")
    boolean quick;
    @Option(names = "--only", split = ",", paramLabel = "GROUP", description = "run only these groups: rcu, seq, chm, "
            + "snapshot, gc (default all)")
    List<String> only;
    @Option(names = "--clock", paramLabel = "logical|ordo", description = "clock of the mvrlu runs (default: the engine's, "
            + "logical); the baselines keep theirs")
    String clock;
    @Option(names = "--warmup-ms", paramLabel = "MS", description = "untimed warm-up of every run but the GC "
            + "group's (hlbench --warmup-ms; default 0, issue 11's command): steady-state ratios from the CLI")
    long warmupMs;
    @Option(names = {"--threads", "-t"}, split = ",", paramLabel = "LIST", description = "thread counts of the rcu table (default 1,2)")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));
    @Option(names = {"--update", "-u"}, split = ",", paramLabel = "LIST", description = "update rates (per mille) of the rcu table "
            + "(default 20,200,500)")
    List<Integer> updates = new ArrayList<>(List.of(20, 200, 500));
    @Option(names = "--out", paramLabel = "DIR", description = "also write DIR/report.md, every run's record "
            + "(DIR/results.jsonl, DIR/results.csv) and log (DIR/logs/)")
    Path out;
    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "argument for every forked JVM (repeatable)")
    List<String> jvmArgs = new ArrayList<>();
    @Option(names = "--timeout-s", paramLabel = "S", description = "kill a run after its duration plus this many seconds (default 120)")
    long timeoutS = 120;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream o = parent.out;
        CompareSettings settings = settings();
        Cli.check(timeoutS > 0, "--timeout-s must be > 0, got " + timeoutS);
        List<PlannedRun> plan = ComparePlan.build(settings);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = out != null ? out : Files.createTempDirectory("hlbench-compare");
        Path logs = dir.resolve("logs");
        Cli.check(!settings.groups().contains(CompareGroup.GC) || !logs.toAbsolutePath().toString().contains(":"),
                "the GC group's log path cannot contain ':' (-Xlog's separator): " + logs.toAbsolutePath());
        Files.createDirectories(logs);
        long planned = plan.stream().mapToLong(r -> runMs(r, settings)).sum();
        o.printf(Locale.ROOT, "compare: %d runs in %d round(s), one JVM each, at least %s of runs; logs in %s%n",
                plan.size(), settings.rounds(), clock(planned / 1e3), logs);
        List<RunOutcome> outcomes = new ArrayList<>();
        long t0 = System.nanoTime();
        long doneMs = 0;
        for (int n = 0; n < plan.size(); n++) {
            PlannedRun run = plan.get(n);
            Path log = logs.resolve(String.format(Locale.ROOT, "%s-%03d-r%d-%s-%s-t%d-u%d.log", stamp, n + 1, run.round(),
                    run.group().id(), run.sync(), run.threads(), run.update()));
            RunOutcome outcome = runOne(run, log);
            outcomes.add(outcome);
            if (out != null) {
                HashListRun.append(out, recordOf(outcome));
            }
            doneMs += runMs(run, settings);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double overhead = Math.max(0, elapsed - doneMs / 1e3) / (n + 1);
            double eta = plan.subList(n + 1, plan.size()).stream().mapToLong(r -> runMs(r, settings)).sum() / 1e3
                    + overhead * (plan.size() - n - 1);
            o.printf(Locale.ROOT, "[%d/%d] round %d, %s: %s: %s | elapsed %s, ETA %s%n", n + 1, plan.size(), run.round(),
                    run.group().id(), run.command(), summary(outcome), clock(elapsed), clock(eta));
        }
        CompareReport report = new CompareReport(settings, outcomes, new CompareReport.Environment(Machine.describe(),
                Runtime.getRuntime().availableProcessors(), LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))));
        String md = report.markdown();
        o.println();
        o.print(md);
        if (out != null) {
            Files.writeString(out.resolve("report.md"), md);
            o.println();
            o.println("report: " + out.resolve("report.md") + "; results: " + out.resolve("results.jsonl") + ", "
                    + out.resolve("results.csv") + "; logs: " + logs);
        } else if (!report.failedRuns().isEmpty()) {
            o.println();
            o.println("logs of the runs kept in " + logs);
        } else {
            deleteTree(dir);
        }
        return report.exitStatus() == 3 ? MISSED : report.exitStatus();
    }

    private CompareSettings settings() {
        Set<CompareGroup> groups = EnumSet.allOf(CompareGroup.class);
        if (only != null) {
            groups = EnumSet.noneOf(CompareGroup.class);
            for (String g : only) {
                try {
                    groups.add(CompareGroup.fromId(g));
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
        }
        long d = durationMs != null ? durationMs : quick ? QUICK_DURATION_MS : 5000;
        long gd = gcDurationMs != null ? gcDurationMs : quick ? QUICK_GC_DURATION_MS : 10_000;
        try {
            return new CompareSettings(rounds, d, gd, threads, updates, Cli.clockOption(clock), groups, warmupMs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A run's duration plus its warm-up (the GC group's runs have none). */
    private static long runMs(PlannedRun run, CompareSettings settings) {
        return run.durationMs() + (run.gcLog() ? 0 : settings.warmupMs());
    }

    private RunOutcome runOne(PlannedRun run, Path log) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(jvmArgs);
        Path gcLog = null;
        if (run.gcLog()) {
            gcLog = Path.of(log.toString().replaceFirst("\\.log$", "") + ".gc.log");
            jvm.add("-Xlog:gc:file=" + gcLog);
        }
        ForkedRun.Outcome f = ForkedRun.run(jvm, run.args(), log,
                Duration.ofMillis(run.durationMs() + Math.max(0, warmupMs)).plusSeconds(timeoutS));
        String failure = f.failure();
        if (failure == null && !f.record().succeeded()) {
            failure = f.record().sizeCheck() != null && !f.record().sizeCheck().passed()
                    ? "size check failed (" + f.record().sizeCheck().expected() + " != " + f.record().sizeCheck().actual() + ")"
                    : "run failed: " + f.record().note();
        }
        GcLog.Stats gc = null;
        if (gcLog != null && Files.exists(gcLog)) {
            gc = GcLog.read(gcLog);
        }
        return new RunOutcome(run, f.record(), failure, gc, f.wallNanos());
    }

    /** The run's record with the comparison's tags, or an incomplete one saying why there is none. */
    private BenchmarkRun recordOf(RunOutcome o) {
        PlannedRun run = o.run();
        BenchmarkRun r = o.record();
        if (r == null) {
            r = new BenchmarkRun("hlbench", run.sync(), new RunParameters(run.threads(), CompareSettings.INITIAL,
                    CompareSettings.BUCKETS, run.durationMs(), run.update(), CompareSettings.RANGE), null, null, null, null,
                    WorkloadResult.jvmSource(), RunStatus.INCOMPLETE, run.command(), Cli.oneLine(o.failure()));
        }
        Map<String, String> extra = new LinkedHashMap<>(r.parameters().extra());
        extra.put("compare_group", run.group().id());
        extra.put("compare_round", Integer.toString(run.round()));
        if (o.gc() != null) {
            extra.put("gc_pauses", Integer.toString(o.gc().pauses()));
            extra.put("gc_pause_ms", String.format(Locale.ROOT, "%.3f", o.gc().pauseMillis()));
            extra.put("gc_longest_pause_ms", String.format(Locale.ROOT, "%.3f", o.gc().longestPauseMillis()));
            extra.put("gc_max_heap_after_young_bytes", Long.toString(o.gc().maxHeapAfterYoungBytes()));
            extra.put("jvm_wall_ms", Long.toString(o.wallNanos() / 1_000_000));
        }
        RunParameters p = r.parameters();
        return r.withParameters(new RunParameters(p.threads(), p.initial(), p.buckets(), p.durationMs(), p.updatePermille(),
                p.range(), p.snapshotReaders(), p.clock(), p.clockBoundNs(), extra));
    }

    private static String summary(RunOutcome o) {
        if (!o.ok()) {
            return "FAILED (" + o.failure() + ")";
        }
        String s = String.format(Locale.ROOT, "%.3f Mops/s", o.opsPerSec() / 1e6);
        if (o.snapshotsPerSec() != null) {
            s += String.format(Locale.ROOT, ", %.0f snapshots/s", o.snapshotsPerSec());
        }
        if (o.gc() != null) {
            s += String.format(Locale.ROOT, ", GC %d pauses, %.1f%% of %.1f s, longest %.1f ms", o.gc().pauses(),
                    100 * o.gc().pauseShare(o.wallNanos()), o.wallNanos() / 1e9, o.gc().longestPauseMillis());
        }
        return s;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
