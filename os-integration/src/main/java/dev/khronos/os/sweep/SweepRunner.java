package dev.khronos.os.sweep;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultCsv;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.os.console.CommandResult;
import dev.khronos.os.console.ConsoleException;
import dev.khronos.os.guest.Guest;
import dev.khronos.os.guest.GuestFactory;
import dev.khronos.os.parse.ParseResult;
import dev.khronos.os.parse.TranscriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs sweep points one at a time, through a {@link PointExecutor}: inside guests from a
 * {@link GuestFactory} (the {@code sweep} command, the KhronOS side of {@code compare}), or in
 * forked JVMs ({@link ForkedJvmExecutor}, the JVM side of {@code compare}).
 *
 * <p>Files in the output directory: {@code results.jsonl} and {@code results.csv} (one record
 * appended as each run ends, so an interrupted sweep loses nothing finished), plus what the
 * executor keeps: {@code boot-NNN.console.log} (the raw console of each boot) for guests.
 *
 * <p>Resume: points whose command already has a complete record in {@code results.jsonl} are
 * skipped (with repeats, as many as there are complete records). Incomplete records (hang,
 * panic, timeout) are kept for the record but do not count, so a re-run retries those points.
 *
 * <p>Reboots (guests): a guest is booted lazily for the first point that needs one; after a
 * failed point the guest is killed (a hung KhronOS command cannot be interrupted) and the next
 * point boots a new one; before an MV-RLU point in a boot that already ran MV-RLU the guest is
 * rebooted.
 *
 * <p>Progress: one line per point, {@code [done/total] command: result (seconds; ETA)}, where the
 * ETA is the mean time per point so far times the points left, plus
 * {@link #setLaterWork(Duration) work announced to follow this sweep}.
 *
 * <p>Not thread-safe: one runner drives one sweep from one thread.
 */
public final class SweepRunner {

    /** Results file names inside the output directory. */
    public static final String JSONL = "results.jsonl";
    /** CSV twin of {@link #JSONL}. */
    public static final String CSV = "results.csv";

    private final PointExecutor executor;
    private final Path outDir;
    private final Consumer<String> progress;
    private Duration laterWork = Duration.ZERO;

    /**
     * A sweep inside guests.
     *
     * @param factory  where guests come from
     * @param outDir   output directory (created if missing)
     * @param progress receives progress lines and notes
     * @param timeout  per-command budget, or {@code null} to derive it from the run's duration
     * @param silence  per-command hang limit, or {@code null} to derive it from the run's duration
     */
    public SweepRunner(GuestFactory factory, Path outDir, Consumer<String> progress, Duration timeout, Duration silence) {
        this(new GuestExecutor(factory, outDir, progress, timeout, silence), outDir, progress);
    }

    /**
     * A sweep through any executor.
     *
     * @param executor runs the points; closed at the end of each {@link #run}
     * @param outDir   output directory (created if missing)
     * @param progress receives progress lines and notes
     */
    public SweepRunner(PointExecutor executor, Path outDir, Consumer<String> progress) {
        this.executor = executor;
        this.outDir = outDir;
        this.progress = progress;
    }

    /**
     * Announces work that follows this sweep (e.g. the JVM side of a comparison), so that the ETA
     * of each progress line covers it too.
     *
     * @param estimate how long it is expected to take
     */
    public void setLaterWork(Duration estimate) {
        this.laterWork = estimate;
    }

    /**
     * Default budget for a command: a 1 s benchmark took 9-24 s of wall time under TCG, and kbench
     * adds a 1 s start barrier and a 6 s wait; so two minutes plus ten times the duration.
     *
     * @param durationMs the run's nominal duration
     * @return the budget
     */
    public static Duration defaultTimeout(long durationMs) {
        return Duration.ofSeconds(120).plusMillis(10 * durationMs);
    }

    /**
     * Default hang limit: kbench prints nothing while it runs, so one minute plus three times the
     * duration of silence is still normal.
     *
     * @param durationMs the run's nominal duration
     * @return the limit
     */
    public static Duration defaultSilence(long durationMs) {
        return Duration.ofSeconds(60).plusMillis(3 * durationMs);
    }

    /**
     * The points a {@link #run} would still run: those without a complete record of their command
     * in {@code results.jsonl} (counting repeats).
     *
     * @param points the grid
     * @return the points left, in grid order
     * @throws IOException if the results file cannot be read
     */
    public List<SweepPoint> pending(List<SweepPoint> points) throws IOException {
        Path jsonl = outDir.resolve(JSONL);
        Map<String, Integer> done = new HashMap<>();
        if (Files.exists(jsonl)) {
            for (BenchmarkRun r : ResultJson.readJsonLines(jsonl)) {
                if (r.status() == RunStatus.COMPLETE && r.command() != null) {
                    done.merge(r.command(), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        return points.stream().filter(p -> seen.merge(p.command(), 1, Integer::sum)
                > done.getOrDefault(p.command(), 0)).toList();
    }

    /**
     * Runs the points not finished yet.
     *
     * @param points the grid
     * @return counts of what happened
     * @throws IOException if the output cannot be written or a guest cannot be booted
     * @throws IllegalArgumentException if the grid needs reboots the factory cannot do
     */
    public Summary run(List<SweepPoint> points) throws IOException {
        Files.createDirectories(outDir);
        Path jsonl = outDir.resolve(JSONL);
        List<SweepPoint> todo = pending(points);
        int skipped = points.size() - todo.size();
        if (skipped > 0) {
            progress.accept("resuming: " + skipped + " of " + points.size() + " runs already complete in " + jsonl);
        }
        executor.check(todo);

        int completed = 0;
        int failed = 0;
        long sweepStart = System.nanoTime();
        try {
            for (int i = 0; i < todo.size(); i++) {
                SweepPoint point = todo.get(i);
                long start = System.nanoTime();
                Outcome o = executor.run(point);
                for (BenchmarkRun r : o.runs()) {
                    ResultJson.appendJsonLine(jsonl, r);
                    ResultCsv.append(outDir.resolve(CSV), r);
                }
                boolean ok = o.error() == null && o.runs().stream().allMatch(r -> r.status() == RunStatus.COMPLETE);
                if (ok) {
                    completed++;
                } else {
                    failed++;
                }
                double spent = (System.nanoTime() - sweepStart) / 1e9;
                int left = todo.size() - i - 1;
                Duration eta = Duration.ofSeconds(Math.round(spent / (i + 1) * left)).plus(laterWork);
                progress.accept(String.format(Locale.ROOT, "[%d/%d] %s: %s (%.1f s; ETA %s)", skipped + i + 1,
                        points.size(), point.command(), describe(o), (System.nanoTime() - start) / 1e9, human(eta)));
            }
        } finally {
            executor.close();
        }
        return new Summary(points.size(), skipped, completed, failed);
    }

    /**
     * Where the points of a sweep run. {@link #run} is called once per point, in grid order, from
     * the sweep's thread; {@link #close} after the last one (also after a failure), after which
     * the executor may be used for another sweep.
     *
     * <p>Not thread-safe: one sweep, one thread.
     */
    public interface PointExecutor extends AutoCloseable {
        /**
         * Checks, before anything runs, that the points left can be run here.
         *
         * @param todo the points that will run
         * @throws IllegalArgumentException if they cannot
         */
        default void check(List<SweepPoint> todo) {
        }

        /**
         * Runs one point.
         *
         * @param point the point
         * @return the runs it produced (at least one record, incomplete when it failed) and the
         *         error that ended it, if any
         * @throws IOException if the point could not be started at all (e.g. no guest boots)
         */
        Outcome run(SweepPoint point) throws IOException;

        /** Releases what the executor holds (shuts a guest down). Idempotent. */
        @Override
        void close();
    }

    /**
     * The guest side: boots lazily, reboots before a second MV-RLU run in one boot, gives a guest
     * up after a failed point, and types each point's command at the prompt.
     */
    private static final class GuestExecutor implements PointExecutor {
        private final GuestFactory factory;
        private final Path outDir;
        private final Consumer<String> progress;
        private final Duration timeout;
        private final Duration silence;
        private final TranscriptParser parser = new TranscriptParser();
        private Guest guest;
        private boolean mvrluRanInBoot;

        GuestExecutor(GuestFactory factory, Path outDir, Consumer<String> progress, Duration timeout, Duration silence) {
            this.factory = factory;
            this.outDir = outDir;
            this.progress = progress;
            this.timeout = timeout;
            this.silence = silence;
        }

        @Override
        public void check(List<SweepPoint> todo) {
            long mvrlu = todo.stream().filter(SweepPoint::isMvrlu).count();
            if (mvrlu > 1 && !factory.rebootsOnStart()) {
                throw new IllegalArgumentException("this sweep has " + mvrlu + " MV-RLU runs, which need a reboot each,"
                        + " but the guest cannot be rebooted (give --power-cycle)");
            }
        }

        @Override
        public Outcome run(SweepPoint point) throws IOException {
            if (guest != null && point.isMvrlu() && mvrluRanInBoot) {
                progress.accept("rebooting: MV-RLU runs once per boot");
                guest.close();
                guest = null;
            }
            if (guest == null) {
                guest = factory.start(nextTranscript());
                mvrluRanInBoot = false;
            }
            Outcome o = runPoint(guest, point);
            mvrluRanInBoot |= point.isMvrlu();
            if (o.error() != null) {
                guest.kill();
                guest = null;
            }
            return o;
        }

        @Override
        public void close() {
            if (guest != null) {
                guest.close();
                guest = null;
            }
        }

        private Outcome runPoint(Guest guest, SweepPoint point) {
            long d = point.parameters().durationMs();
            Duration t = timeout != null ? timeout : defaultTimeout(d);
            Duration s = silence != null ? silence : defaultSilence(d);
            RunSource source = guest.source();
            try {
                CommandResult res = guest.console().run(point.command(), t, s);
                ParseResult parsed = parser.parse("$ " + point.command() + "\n" + res.output(), source);
                if (parsed.runs().isEmpty()) {
                    String first = res.output().lines().filter(l -> !l.isBlank()).findFirst().orElse("(no output)");
                    return new Outcome(List.of(failedRun(point, source, "no result in the output: " + first)), null);
                }
                return new Outcome(parsed.runs(), null);
            } catch (ConsoleException e) {
                String why = e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.getMessage();
                ParseResult parsed = parser.parse("$ " + point.command() + "\n" + e.partialOutput(), source);
                List<BenchmarkRun> runs = parsed.runs().isEmpty() ? List.of(failedRun(point, source, why))
                        : parsed.runs().stream().map(r -> r.status() == RunStatus.COMPLETE ? r
                        : r.withNote((r.note() == null ? "" : r.note() + "; ") + why)).toList();
                return new Outcome(runs, why);
            }
        }

        private Path nextTranscript() {
            for (int n = 1; ; n++) {
                Path p = outDir.resolve(String.format(Locale.ROOT, "boot-%03d.console.log", n));
                if (!Files.exists(p)) {
                    return p;
                }
            }
        }
    }

    /**
     * A record for a point that produced none.
     *
     * @param p      the point
     * @param source where it ran
     * @param note   why it has no result
     * @return an incomplete record with the point's parameters and command
     */
    public static BenchmarkRun failedRun(SweepPoint p, RunSource source, String note) {
        return new BenchmarkRun(p.benchmark(), p.sync(), p.parameters(), null, null, null, null, source,
                RunStatus.INCOMPLETE, p.command(), note);
    }

    private static String describe(Outcome o) {
        if (o.error() != null) {
            return "FAILED, " + o.error();
        }
        BenchmarkRun r = o.runs().get(0);
        if (r.status() != RunStatus.COMPLETE) {
            return "incomplete, " + r.note();
        }
        String size = r.sizeCheck() != null && !r.sizeCheck().passed()
                ? ", SIZE MISMATCH " + r.sizeCheck().actual() + " != expected " + r.sizeCheck().expected() : "";
        return String.format(Locale.ROOT, "%.1f ops/s%s", r.rates().opsPerSec(), size);
    }

    /**
     * @param d a duration
     * @return it as the progress lines show it: {@code 42s}, {@code 2m05s}, {@code 1h01m}
     */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /**
     * What one point produced. Immutable and thread-safe.
     *
     * @param runs  the records of the point (at least one; incomplete ones say why)
     * @param error the failure that ended the point (hang, panic, timeout, a killed JVM), or
     *              {@code null}
     */
    public record Outcome(List<BenchmarkRun> runs, String error) {
        /** Copies the list. */
        public Outcome {
            runs = List.copyOf(runs);
        }
    }

    /**
     * What a sweep did. Immutable and thread-safe.
     *
     * @param total     points in the grid
     * @param skipped   points already complete before this run
     * @param completed points completed now
     * @param failed    points that ended incomplete now
     */
    public record Summary(int total, int skipped, int completed, int failed) {
    }
}
