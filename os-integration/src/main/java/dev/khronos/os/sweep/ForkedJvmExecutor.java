package dev.khronos.os.sweep;

import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM side of a comparison: each point runs the JVM {@code kbench} or {@code hlbench} CLI in a
 * fresh JVM, with the same parameters as the KhronOS command of the grid ({@link #jvmPoint}).
 *
 * <p>The child writes its record with {@code --out} into a scratch directory of its own, which is
 * read and deleted when it exits; the record's command is then the JVM command of the point
 * (without that {@code --out}), so that {@link SweepRunner}'s resume finds it again. Standard
 * output and error go to {@code LOGDIR/NNN-COMMAND.log} (a file, so the child never blocks on a
 * full pipe), which the record names as its transcript. Each child has a deadline (by default
 * {@link SweepRunner#defaultTimeout(long)}, as a guest command) and is destroyed in a
 * {@code finally} however the point ends; a point that times out, exits without a record or
 * cannot be started gives an incomplete record saying why. A shutdown hook destroys the running
 * child if this JVM is stopped (Ctrl-C) meanwhile.
 *
 * <p>Not thread-safe: one sweep, one thread.
 */
public final class ForkedJvmExecutor implements SweepRunner.PointExecutor {

    private final List<String> launcher;
    private final Path logDir;
    private final Duration timeout;

    /**
     * @param launcher the command line up to the CLI's own arguments, e.g.
     *                 {@code java -cp CP dev.khronos.kbench.Kbench} or {@code java -jar kbench.jar}
     * @param logDir   where the children's output logs go (created if missing)
     * @param timeout  per-run deadline, or {@code null} for {@link SweepRunner#defaultTimeout(long)}
     */
    public ForkedJvmExecutor(List<String> launcher, Path logDir, Duration timeout) {
        if (launcher.isEmpty()) {
            throw new IllegalArgumentException("empty launcher");
        }
        this.launcher = List.copyOf(launcher);
        this.logDir = logDir;
        this.timeout = timeout;
    }

    /**
     * The JVM twin of a KhronOS grid point: {@code kbench} takes the same flags on the JVM, and
     * {@code hlbench_SYNC ARGS} becomes {@code hlbench SYNC ARGS} (the KhronOS positional form).
     *
     * @param kernelPoint a point of {@link SweepGrid}
     * @return the point with the JVM command
     */
    public static SweepPoint jvmPoint(SweepPoint kernelPoint) {
        String cmd = kernelPoint.command().strip();
        if (cmd.startsWith("hlbench_")) {
            cmd = "hlbench " + cmd.substring("hlbench_".length());
        } else if (!cmd.startsWith("kbench ")) {
            throw new IllegalArgumentException("no JVM twin for " + cmd);
        }
        return new SweepPoint(kernelPoint.benchmark(), kernelPoint.sync(), cmd, kernelPoint.parameters());
    }

    @Override
    public SweepRunner.Outcome run(SweepPoint point) throws IOException {
        Files.createDirectories(logDir);
        List<String> words = Arrays.asList(point.command().strip().split("\\s+"));
        Path log = nextLog(point);
        Path scratch = Files.createTempDirectory(logDir, ".run-");
        RunSource source = WorkloadResult.jvmSource().withTranscript(log.toString());
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(words.subList(1, words.size()));
        cmd.add("--out");
        cmd.add(scratch.toString());
        Duration budget = timeout != null ? timeout : SweepRunner.defaultTimeout(point.parameters().durationMs());
        Process child = null;
        Thread reaper = null;
        try {
            try {
                child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                String why = "cannot start the JVM: " + e.getMessage();
                return new SweepRunner.Outcome(List.of(SweepRunner.failedRun(point, source, why)), why);
            }
            // Ctrl-C ends this JVM without running finally blocks: do not leave the child running.
            reaper = new Thread(child::destroyForcibly, "khronos-os-jvm-run-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            if (!child.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                String why = "timeout: the JVM run did not end within " + SweepRunner.human(budget) + "; killed";
                return new SweepRunner.Outcome(List.of(SweepRunner.failedRun(point, source, why)), why);
            }
            Path results = scratch.resolve(SweepRunner.JSONL);
            List<BenchmarkRun> runs = Files.exists(results) ? ResultJson.readJsonLines(results) : List.of();
            if (runs.isEmpty()) {
                String why = "exit status " + child.exitValue() + " without a result: " + lastLine(log);
                return new SweepRunner.Outcome(List.of(SweepRunner.failedRun(point, source, why)), why);
            }
            return new SweepRunner.Outcome(runs.stream()
                    .map(r -> r.withCommand(point.command()).withSource(r.source().withTranscript(log.toString())))
                    .toList(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + point.command() + " ran on the JVM", e);
        } finally {
            if (reaper != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs anyway
                }
            }
            if (child != null) {
                child.destroyForcibly();
                try {
                    child.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(scratch);
        }
    }

    /** Nothing is held between points. */
    @Override
    public void close() {
    }

    /** @return {@code LOGDIR/NNN-<command>.log}, numbered after the logs already there */
    private Path nextLog(SweepPoint point) {
        String slug = point.command().strip().replaceAll("[^A-Za-z0-9]+", "_");
        for (int n = 1; ; n++) {
            String prefix = String.format(Locale.ROOT, "%03d-", n);
            try (Stream<Path> s = Files.list(logDir)) {
                if (s.noneMatch(p -> p.getFileName().toString().startsWith(prefix))) {
                    return logDir.resolve(prefix + slug + ".log");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover scratch directory (hidden, under the log directory) is harmless
        }
    }

    /**
     * @param params the parameters of a grid point
     * @return a rough lower bound of the wall time of one JVM run: the run itself plus JVM start,
     *         prefill and teardown
     */
    public static Duration estimate(RunParameters params) {
        return Duration.ofMillis(params.durationMs()).plusSeconds(2);
    }
}
