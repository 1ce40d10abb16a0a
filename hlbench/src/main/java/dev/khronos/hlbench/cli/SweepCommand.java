package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.UpdateMode;
import dev.khronos.hlbench.engine.WorkloadConfig;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.engine.Workload;
import dev.khronos.structures.IntSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code hlbench sweep}: KhronOS's {@code run_hlbench.sh} grid (sync rcu rlu mvrlu spin x threads x
 * update 20/200/500, initial 5000, buckets 1000, range 10000, 10 s) with every axis configurable.
 *
 * <p>Each point runs in a fresh JVM by default ({@code --in-process} runs them in this one, which
 * shares the JIT profile between structures and is meant for tests). After each point its record
 * is appended to {@code OUT/results.jsonl} and {@code OUT/results.csv} and a progress line with an
 * ETA is printed, so an interrupted sweep keeps what finished; the point's full KhronOS output is
 * kept in {@code OUT/logs/}. At the end: the table on the terminal and in
 * {@code OUT/sweep-STAMP.txt}, and the chart {@code OUT/sweep-STAMP.png}.
 *
 * <p>A sync whose engine is missing (rlu without module mvrlu-rlu) is skipped with one line;
 * {@code seq} runs at one thread only. Exit status 1 if a point failed or failed its size check.
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"The run_hlbench.sh grid: every sync x threads x update rate (x initial x buckets x range).",
                "Results are appended to OUT/results.jsonl and OUT/results.csv as each run ends."})
public final class SweepCommand implements Callable<Integer> {
    /** Duration of a point with {@code --quick}. */
    public static final long QUICK_DURATION_MS = 1000;

    @ParentCommand
    Hlbench parent;

    @Option(names = "--sync", split = ",", paramLabel = "LIST", description = "syncs (default rcu,rlu,mvrlu,spin)")
    List<String> syncs = new ArrayList<>(List.of("rcu", "rlu", "mvrlu", "spin"));
    @Option(names = {"--threads", "-t"}, split = ",", paramLabel = "LIST", description = "thread counts (default 1..available processors)")
    List<Integer> threads;
    @Option(names = {"--update", "-u"}, split = ",", paramLabel = "LIST", description = "update rates per mille (default 20,200,500)")
    List<Integer> updates = new ArrayList<>(List.of(20, 200, 500));
    @Option(names = {"--initial", "-i"}, split = ",", paramLabel = "LIST", description = "initial sizes (default 5000)")
    List<Integer> initials = new ArrayList<>(List.of(5000));
    @Option(names = {"--buckets", "-b"}, split = ",", paramLabel = "LIST", description = "bucket counts (default 1000)")
    List<Integer> bucketList = new ArrayList<>(List.of(1000));
    @Option(names = {"--range", "-r"}, split = ",", paramLabel = "LIST", description = "key ranges (default 10000)")
    List<Integer> ranges = new ArrayList<>(List.of(10000));
    @Option(names = {"--duration-ms", "-d"}, paramLabel = "MS", description = "duration of each run (default 10000; 1000 with --quick)")
    Long durationMs;
    @Option(names = "--quick", description = "about a minute: 1000 ms per point")
    boolean quick;
    @Option(names = {"--seed", "-s"}, description = "base seed; 0 = from the clock")
    long seed;
    @Option(names = "--alternate", description = "alternate insert/delete as RLU bench.c (default: op & 1 as KhronOS)")
    boolean alternate;
    @Option(names = "--out", paramLabel = "DIR", description = "results directory (default results)")
    Path out = Path.of("results");
    @Option(names = "--in-process", description = "run every point in this JVM instead of a fresh one each")
    boolean inProcess;
    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "argument for the forked JVMs (repeatable), e.g. --jvm-arg=-Xmx2g")
    List<String> jvmArgs = new ArrayList<>();
    @Option(names = "--timeout-s", description = "kill a forked point after its duration plus this many seconds (default 120)")
    long timeoutS = 120;
    @Option(names = "--clock", paramLabel = "logical|ordo", description = "timestamps of the MV-RLU domains (default: the engine's, logical)")
    String clock;
    @Option(names = "--warmup-ms", paramLabel = "MS", description = "untimed warm-up of every point before its duration "
            + "(hlbench --warmup-ms; default 0, none)")
    long warmupMs;

    /** {@link #clock}, checked. */
    private String clockName;

    /** A point of the grid. */
    record Point(String sync, int threads, int update, int initial, int buckets, int range) {
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintStream o = parent.out;
        long d = durationMs != null ? durationMs : quick ? QUICK_DURATION_MS : 10_000;
        if (threads == null) {
            threads = IntStream.rangeClosed(1, Runtime.getRuntime().availableProcessors()).boxed().collect(Collectors.toList());
        }
        validate(d);
        clockName = Cli.clockOption(clock);
        List<String> runnable = new ArrayList<>();
        for (String s : syncs) {
            if (!SetFactory.isKnown(s)) {
                throw new UserError("unknown sync '" + s + "' in --sync; known: " + String.join(", ", SetFactory.names()));
            }
            try (IntSet probe = HashListRun.createSet(s, 1, 1)) {
                runnable.add(s);
            } catch (UserError e) {
                o.println("sweep: skipping " + s + ": " + e.getMessage());
            }
        }
        List<Point> points = new ArrayList<>();
        for (String s : runnable) {
            for (int t : threads) {
                if (SetFactory.singleThreadOnly(s) && t != 1) {
                    continue;
                }
                for (int u : updates) {
                    for (int i : initials) {
                        for (int b : bucketList) {
                            for (int r : ranges) {
                                points.add(new Point(s, t, u, i, b, r));
                            }
                        }
                    }
                }
            }
        }
        Cli.check(!points.isEmpty(), "nothing to run: no sync of --sync is available");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path logs = out.resolve("logs");
        Files.createDirectories(logs);
        o.printf(Locale.ROOT, "sweep: %d runs of %d ms%s (%s), results appended to %s%n", points.size(), d,
                warmupMs == 0 ? "" : " after " + warmupMs + " ms of warm-up", inProcess ? "in this JVM" : "one JVM each",
                out.resolve("results.jsonl"));
        List<BenchmarkRun> done = new ArrayList<>();
        long t0 = System.nanoTime();
        boolean allOk = true;
        for (int n = 0; n < points.size(); n++) {
            Point p = points.get(n);
            Path log = logs.resolve(String.format(Locale.ROOT, "%s-%03d-%s-t%d-u%d-i%d-b%d-r%d.log", stamp, n + 1, p.sync(),
                    p.threads(), p.update(), p.initial(), p.buckets(), p.range()));
            BenchmarkRun run = inProcess ? runInProcess(p, d, log) : runForked(p, d, log);
            HashListRun.append(out, run);
            done.add(run);
            allOk &= run.succeeded();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double eta = elapsed / (n + 1) * (points.size() - n - 1);
            o.printf(Locale.ROOT, "[%d/%d] %s threads=%d update=%d initial=%d buckets=%d range=%d: %s | elapsed %s, ETA %s%n",
                    n + 1, points.size(), p.sync(), p.threads(), p.update(), p.initial(), p.buckets(), p.range(),
                    summary(run), clock(elapsed), clock(eta));
        }
        SweepReport report = new SweepReport(done);
        String table = report.table();
        o.println();
        o.print(table);
        Path tableFile = out.resolve("sweep-" + stamp + ".txt");
        Files.writeString(tableFile, table);
        Path png = out.resolve("sweep-" + stamp + ".png");
        report.chart(png, String.format(Locale.ROOT, "hlbench sweep (JVM, %d CPUs, %d ms per run)",
                Runtime.getRuntime().availableProcessors(), d));
        o.println("table: " + tableFile);
        o.println("chart: " + png);
        o.println("results: " + out.resolve("results.jsonl") + ", " + out.resolve("results.csv"));
        return allOk ? 0 : Cli.FAILED;
    }

    private void validate(long d) {
        Cli.check(!syncs.isEmpty(), "--sync needs at least one name");
        Cli.check(d >= 0, "--duration-ms must be >= 0, got " + d);
        for (int t : threads) {
            Cli.check(t > 0, "--threads values must be > 0, got " + t);
        }
        for (int u : updates) {
            Cli.check(u >= 0 && u <= 1000, "--update values must be in 0..1000 (per mille), got " + u);
        }
        for (int b : bucketList) {
            Cli.check(b >= 1, "--buckets values must be >= 1, got " + b);
        }
        for (int i : initials) {
            Cli.check(i >= 0, "--initial values must be >= 0, got " + i);
            for (int r : ranges) {
                Cli.check(r > 0 && r >= i, "--range values must be > 0 and >= every --initial (" + i + "), got " + r);
            }
        }
        Cli.check(timeoutS > 0, "--timeout-s must be > 0, got " + timeoutS);
        Cli.check(warmupMs >= 0, "--warmup-ms must be >= 0, got " + warmupMs);
    }

    private WorkloadConfig config(Point p, long d) {
        return new WorkloadConfig(p.sync(), p.threads(), p.initial(), p.buckets(), d, p.update(), p.range(), seed,
                alternate ? UpdateMode.ALTERNATE : UpdateMode.PARITY, 0).withWarmupMs(warmupMs);
    }

    private BenchmarkRun runInProcess(Point p, long d, Path log) throws IOException, InterruptedException {
        try (OutputStream f = Files.newOutputStream(log); PrintStream ps = new PrintStream(f, true, StandardCharsets.UTF_8)) {
            try {
                return new HashListRun(config(p, d), 6, command(p, d), Map.of("form", "sweep"), clockName).run(ps);
            } catch (UserError | Workload.WorkloadFailure e) {
                ps.println("hlbench: " + e.getMessage());
                return incomplete(p, d, e.getMessage());
            }
        }
    }

    private BenchmarkRun runForked(Point p, long d, Path log) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("point", "--sync", p.sync(), "--threads", "" + p.threads(),
                "--initial", "" + p.initial(), "--buckets", "" + p.buckets(), "--duration-ms", "" + d,
                "--update", "" + p.update(), "--range", "" + p.range(), "--seed", "" + seed,
                "--mode", alternate ? "ALTERNATE" : "PARITY"));
        if (clockName != null) {
            args.addAll(List.of("--clock", clockName));
        }
        if (warmupMs > 0) {
            args.addAll(List.of("--warmup-ms", Long.toString(warmupMs)));
        }
        ForkedRun.Outcome o = ForkedRun.run(jvmArgs, args, log, Duration.ofMillis(d + warmupMs).plusSeconds(timeoutS));
        return o.record() != null ? o.record() : incomplete(p, d, o.failure());
    }

    private String command(Point p, long d) {
        return "hlbench " + p.sync() + " " + p.threads() + " " + p.initial() + " " + p.buckets() + " " + d + " "
                + p.update() + " " + p.range() + (clockName == null ? "" : " --clock " + clockName)
                + (warmupMs == 0 ? "" : " --warmup-ms " + warmupMs);
    }

    private BenchmarkRun incomplete(Point p, long d, String note) {
        return new BenchmarkRun("hlbench", p.sync(), new RunParameters(p.threads(), p.initial(), p.buckets(), d,
                p.update(), p.range()), null, null, null, null, WorkloadResult.jvmSource(), RunStatus.INCOMPLETE,
                command(p, d), Cli.oneLine(note));
    }

    private static String summary(BenchmarkRun run) {
        if (run.status() != RunStatus.COMPLETE) {
            return "FAILED (" + run.note() + ")";
        }
        String size = run.sizeCheck() == null ? "" : run.sizeCheck().passed() ? ", size ok"
                : ", SIZE CHECK FAILED (" + run.sizeCheck().expected() + "!=" + run.sizeCheck().actual() + ")";
        return String.format(Locale.ROOT, "%.3f Mops/s%s", run.rates().opsPerSec() / 1e6, size);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
