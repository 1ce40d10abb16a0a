package dev.khronos.os;

import dev.khronos.hlbench.cli.Hlbench;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.kbench.Kbench;
import dev.khronos.os.guest.GuestSpec;
import dev.khronos.os.guest.QemuGuestFactory;
import dev.khronos.os.report.ComparisonReport;
import dev.khronos.os.sweep.ForkedJvmExecutor;
import dev.khronos.os.sweep.SweepPoint;
import dev.khronos.os.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code compare}: one grid on both sides, then the report. The KhronOS side is a {@code sweep}
 * in QEMU ({@link SweepRunner} over a {@link QemuGuestFactory}, results in {@code OUT/khronos/});
 * the JVM side runs the same points, one fresh JVM each, through the JVM {@code kbench} or
 * {@code hlbench} CLI ({@link ForkedJvmExecutor}, results in {@code OUT/jvm/}, output logs in
 * {@code OUT/jvm/logs/}). The two sides run one after the other, never at the same time, so that
 * neither steals CPUs from the other: KhronOS first, because a kernel that does not boot is the
 * likeliest failure and should show before the JVM side has spent its time. Progress lines (with
 * an ETA covering both sides) go to stderr, as for {@code sweep}; the report goes to
 * {@code OUT/report.md}, {@code report.csv}, {@code report.png} and stdout, as for {@code report},
 * and covers exactly the grid's points. Re-running with the same {@code --out} resumes both
 * sides. Not thread-safe.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run one grid inside KhronOS (QEMU), then on the JVM (a fresh JVM per run), and report both side by side.",
                "Results go to OUT/khronos/ and OUT/jvm/ as each run ends; re-running with the same --out resumes.",
                "The report goes to OUT/report.md, report.csv and report.png, and its table to stdout.",
                GridSettings.DEFAULTS_KBENCH, GridSettings.DEFAULTS_HLBENCH})
final class CompareCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    QemuSettings qemu;

    @Mixin
    ConsoleSettings console;

    @Mixin
    GridSettings grid;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory; an existing one is resumed (default: khronos-runs/compare-<benchmark>).")
    Path out;

    @Option(names = "--jvm-jar", paramLabel = "JAR",
            description = "Run the JVM side with this kbench.jar or hlbench.jar (default: the kbench/hlbench CLI bundled in khronos-os.jar).")
    Path jvmJar;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Argument for the forked JVMs (repeatable), e.g. --jvm-arg=-Xmx2g.")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the KhronOS and the JVM command of every run and exit.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<SweepPoint> kernelPoints = grid.points();
        List<SweepPoint> jvmPoints = kernelPoints.stream().map(ForkedJvmExecutor::jvmPoint).toList();
        if (dryRun) {
            for (int i = 0; i < kernelPoints.size(); i++) {
                stdout.println("KhronOS: " + kernelPoints.get(i).command());
                stdout.println("JVM:     " + jvmPoints.get(i).command());
            }
            stdout.flush();
            return 0;
        }
        SweepCommand.validateCommands(kernelPoints, console);
        if (jvmJar != null && !Files.isRegularFile(jvmJar)) {
            throw new UserError("--jvm-jar: no such file: " + jvmJar, 2);
        }
        GuestSpec guestSpec = qemu.spec();
        Duration timeout = console.timeoutSeconds == null ? null : console.timeout(null);
        Duration silence = console.silenceSeconds == null ? null : console.silence(null);
        Path dir = out != null ? out : Path.of("khronos-runs", "compare-" + grid.benchmark);
        Path kernelDir = dir.resolve("khronos");
        Path jvmDir = dir.resolve("jvm");

        SweepRunner kernelSide = new SweepRunner(new QemuGuestFactory(guestSpec, console.options(),
                m -> err.println("khronos-os: " + m), console.live()), kernelDir,
                m -> err.println("khronos-os: KhronOS " + m), timeout, silence);
        SweepRunner jvmSide = new SweepRunner(new ForkedJvmExecutor(launcher(), jvmDir.resolve("logs"), timeout),
                jvmDir, m -> err.println("khronos-os: JVM " + m));
        int kernelLeft = kernelSide.pending(kernelPoints).size();
        List<SweepPoint> jvmLeft = jvmSide.pending(jvmPoints);
        Duration jvmEstimate = jvmLeft.stream().map(p -> ForkedJvmExecutor.estimate(p.parameters()))
                .reduce(Duration.ZERO, Duration::plus);
        kernelSide.setLaterWork(jvmEstimate);
        err.printf(Locale.ROOT, "khronos-os: compare %s: %d runs on each side; to run: %d in KhronOS (QEMU), then %d on the JVM"
                        + " (about %s); results in %s%n", grid.benchmark, kernelPoints.size(), kernelLeft, jvmLeft.size(),
                SweepRunner.human(jvmEstimate), dir);
        err.flush();

        SweepRunner.Summary k;
        try {
            k = kernelSide.run(kernelPoints);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        SweepRunner.Summary j = jvmSide.run(jvmPoints);

        List<BenchmarkRun> kernelRuns = runsOf(kernelDir, kernelPoints);
        List<BenchmarkRun> jvmRuns = runsOf(jvmDir, jvmPoints);
        ComparisonReport report;
        try {
            report = new ComparisonReport(kernelRuns, jvmRuns);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " in " + kernelDir + " and " + jvmDir, 1);
        }
        ReportCommand.write(report, dir, stdout, err);
        err.printf(Locale.ROOT, "khronos-os: compare done: KhronOS %d completed now, %d already complete, %d failed;"
                + " JVM %d completed now, %d already complete, %d failed%n",
                k.completed(), k.skipped(), k.failed(), j.completed(), j.skipped(), j.failed());
        return k.failed() + j.failed() == 0 ? 0 : 1;
    }

    /** The command line up to the JVM CLI's arguments. */
    private List<String> launcher() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        if (jvmJar != null) {
            cmd.add("-jar");
            cmd.add(jvmJar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(grid.benchmark.equals("kbench") ? Kbench.class.getName() : Hlbench.class.getName());
        }
        return cmd;
    }

    /** @return the records in {@code dir} of this grid's commands (older grids in the same directory are left out) */
    private static List<BenchmarkRun> runsOf(Path dir, List<SweepPoint> points) {
        Path jsonl = dir.resolve(SweepRunner.JSONL);
        if (!Files.exists(jsonl)) {
            return List.of();
        }
        Set<String> commands = points.stream().map(SweepPoint::command).collect(Collectors.toSet());
        return ResultJson.readJsonLines(jsonl).stream().filter(r -> commands.contains(r.command())).toList();
    }
}
