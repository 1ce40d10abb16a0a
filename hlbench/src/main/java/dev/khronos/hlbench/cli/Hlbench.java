package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.UpdateMode;
import dev.khronos.hlbench.engine.WorkloadConfig;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.structures.StructureRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hlbench}: the KhronOS hash-list benchmark on the JVM.
 *
 * <p>Two equivalent forms for one run:
 * <ul>
 *   <li><b>KhronOS</b>: {@code hlbench SYNC [threads [initial [buckets [duration_ms [update [range]]]]]]},
 *       defaults 1, 32, 1, 1000, 200, 64, KhronOS's checks (including {@code buckets <= 2048}),
 *       insert/delete by {@code op & 1};</li>
 *   <li><b>RLU bench</b>: {@code hlbench SYNC -n/-t threads -d ms -i initial -r range -b buckets
 *       -u permille [-a] [-s seed] [-z theta] [-w depth]}, {@code bench.c}'s defaults (1, 10000 ms,
 *       256, 2 x initial, 1, 200) and its alternating insert/delete unless {@code -a}.</li>
 * </ul>
 * Both forms take {@code --clock logical|ordo} (the MV-RLU domains' timestamps) and
 * {@code --snapshot-readers N} (extra threads taking whole-set snapshots beside the workers).
 * Sub-commands: {@code sweep}, {@code compare}, {@code setbench}, {@code listmove}.
 *
 * <p>Exit status: 0; 1 when the size check fails or a run fails; 2 for a usage error (one line).
 *
 * <p>Thread-safety: a command object serves one invocation.
 */
@Command(name = "hlbench", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        subcommands = {SweepCommand.class, CompareCommand.class, SetBenchCommand.class, ListMoveCommand.class, PointCommand.class},
        description = {"The KhronOS hash-list benchmark on the JVM.",
                "KhronOS form: hlbench SYNC [threads [initial [buckets [duration_ms [update_permille [range]]]]]]",
                "RLU form:     hlbench SYNC -n THREADS -d MS -i INITIAL -r RANGE -b BUCKETS -u PERMILLE [-a] [-s SEED] [-z THETA] [-w DEPTH]",
                "Sync names: see --list-syncs. Exit: 0 ok, 1 size check or run failed, 2 usage error."})
public final class Hlbench implements Callable<Integer> {
    /** KhronOS's {@code MAX_BUCKETS} (a static array bound in hlbench_*.c), enforced in the KhronOS form. */
    public static final int KHRONOS_MAX_BUCKETS = 2048;

    final PrintStream out;
    final PrintStream err;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SYNC", description = "sync name (--list-syncs)")
    String sync;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "N",
            description = "KhronOS positional form: threads initial buckets duration_ms update_permille range")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-n", "--num-threads", "-t", "--threads"}, description = "threads (RLU form; -t as Synchrobench)")
    Integer threads;
    @Option(names = {"-d", "--duration"}, description = "duration in ms (RLU form, default 10000)")
    Long duration;
    @Option(names = {"-i", "--initial-size"}, description = "initial size (RLU form, default 256)")
    Integer initial;
    @Option(names = {"-r", "--range"}, description = "key range [0, range) (RLU form, default 2 x initial)")
    Integer range;
    @Option(names = {"-b", "--buckets"}, description = "buckets (RLU form, default 1)")
    Integer buckets;
    @Option(names = {"-u", "--update-rate"}, description = "updates per mille, 0..1000 (RLU form, default 200)")
    Integer update;
    @Option(names = {"-a", "--do-not-alternate"}, description = "insert/delete by op & 1 instead of alternating (RLU form; needs range = 2 x initial)")
    boolean doNotAlternate;
    @Option(names = {"-s", "--seed"}, description = "seed of the per-thread xorshift generators; 0 = from the clock (both forms)")
    long seed;
    @Option(names = {"-z", "--zipf-dist-val"}, description = "Zipf theta in [0, 1); 0 = uniform (both forms)")
    double zipf;
    @Option(names = {"-w", "--rlu-max-ws"}, description = "RLU deferral depth (max write sets), >= 1; recorded and passed to the rlu engine as system property khronos.rlu.maxWriteSets")
    Integer rluMaxWs;
    @Option(names = "--clock", paramLabel = "logical|ordo", description = "timestamps of the MV-RLU domains "
            + "(mvrlu, the MV-RLU lists and trees, and rcu's read side): logical (one shared counter, the default) "
            + "or ordo (System.nanoTime() with a bound measured once per JVM); both forms")
    String clock;
    @Option(names = "--snapshot-readers", paramLabel = "N", description = "N extra threads that take whole-set "
            + "size() snapshots back to back beside the workers; the #ops lines stay the workers' own and "
            + "#snapshot lines are added (default 0; both forms)")
    int snapshotReaders;
    @Option(names = "--warmup-ms", paramLabel = "MS", description = "run the same mix for MS milliseconds after the "
            + "start barrier, untimed, before the measured duration: C2 then compiles the engine before the "
            + "clock starts (default 0, none, as KhronOS; both forms)")
    long warmupMs;
    @Option(names = "--out", paramLabel = "DIR", description = "append the result to DIR/results.jsonl and DIR/results.csv")
    Path outDir;
    @Option(names = "--record", paramLabel = "FILE", hidden = true,
            description = "write the run's record as JSON to FILE (hlbench compare's forked runs report through it)")
    Path recordFile;
    @Option(names = "--list-syncs", description = "print the sync names and exit")
    boolean listSyncs;

    /** For picocli's sub-command instantiation through the parent: streams of the JVM. */
    public Hlbench() {
        this(System.out, System.err);
    }

    /**
     * @param out standard output
     * @param err standard error
     */
    public Hlbench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Entry point of {@code hlbench.jar}.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the CLI without exiting, for tests and embedding.
     *
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute("hlbench", new Hlbench(out, err), args, out, err);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (listSyncs) {
            out.println("  seq         the same hash list with no synchronisation, one thread only (reference)");
            out.print(StructureRegistry.describe());
            return 0;
        }
        if (sync == null) {
            throw new UserError("missing SYNC (e.g. hlbench mvrlu 2 5000 1000 1000 200 10000); names: "
                    + String.join(", ", SetFactory.names()));
        }
        if (!SetFactory.isKnown(sync)) {
            throw new UserError("unknown sync '" + sync + "'; known: " + String.join(", ", SetFactory.names()));
        }
        WorkloadConfig c = rluForm() ? rluConfig() : khronosConfig();
        checkCommon(c);
        String clockName = Cli.clockOption(clock);
        Cli.check(snapshotReaders >= 0, "--snapshot-readers must be >= 0, got " + snapshotReaders);
        if (snapshotReaders > 0) {
            Cli.check(!SetFactory.singleThreadOnly(c.sync()), "seq has no synchronisation: it cannot run snapshot readers "
                    + "beside its thread (--snapshot-readers " + snapshotReaders + ")");
            c = c.withSnapshotReaders(snapshotReaders);
        }
        Cli.check(warmupMs >= 0, "--warmup-ms must be >= 0, got " + warmupMs);
        c = c.withWarmupMs(warmupMs);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("form", rluForm() ? "rlu" : "khronos");
        if (rluMaxWs != null) {
            Cli.check(rluMaxWs >= 1, "-w (RLU deferral depth) must be >= 1, got " + rluMaxWs);
            extra.put("rlu_max_ws", Integer.toString(rluMaxWs));
            System.setProperty("khronos.rlu.maxWriteSets", Integer.toString(rluMaxWs));
        }
        int optionCount = recordedArgs().size() - 1;
        BenchmarkRun run = new HashListRun(c, optionCount, "hlbench " + String.join(" ", recordedArgs()), extra, clockName)
                .run(out);
        if (outDir != null) {
            HashListRun.append(outDir, run);
        }
        if (recordFile != null) {
            writeRecord(recordFile, run);
        }
        return run.succeeded() ? 0 : Cli.FAILED;
    }

    /** The command line as the user would type it: without the hidden {@code --record FILE}. */
    private List<String> recordedArgs() {
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--record") && i + 1 < args.size()) {
                args.subList(i, i + 2).clear();
                break;
            }
            if (args.get(i).startsWith("--record=")) {
                args.remove(i);
                break;
            }
        }
        return args;
    }

    private boolean rluForm() {
        return threads != null || duration != null || initial != null || range != null || buckets != null
                || update != null || doNotAlternate;
    }

    private WorkloadConfig khronosConfig() {
        Cli.check(positional.size() <= 6, "at most 6 numbers after SYNC (threads initial buckets duration_ms update_permille range), got "
                + positional.size());
        String[] names = {"threads", "initial", "buckets", "duration_ms", "update_permille", "range"};
        long[] v = {1, 32, 1, 1000, 200, 64};
        for (int i = 0; i < positional.size(); i++) {
            v[i] = Cli.parseLong(positional.get(i), names[i] + " (argument " + (i + 1) + ")");
        }
        Cli.check(v[2] >= 1 && v[2] <= KHRONOS_MAX_BUCKETS, "buckets must be in 1.." + KHRONOS_MAX_BUCKETS
                + " (KhronOS MAX_BUCKETS; the RLU form -b has no cap), got " + v[2]);
        Cli.check(v[3] >= 0, "duration_ms must be >= 0, got " + v[3]);
        Cli.check(v[1] >= 0, "initial must be >= 0, got " + v[1]);
        Cli.check(v[0] > 0, "threads must be > 0, got " + v[0]);
        Cli.check(v[4] >= 0 && v[4] <= 1000, "update_permille must be in 0..1000, got " + v[4]);
        Cli.check(v[5] > 0 && v[5] >= v[1], "range must be > 0 and >= initial (" + v[1] + "), got " + v[5]);
        return new WorkloadConfig(sync, Cli.toInt(v[0], "threads"), Cli.toInt(v[1], "initial"), Cli.toInt(v[2], "buckets"),
                v[3], (int) v[4], Cli.toInt(v[5], "range"), seed, UpdateMode.PARITY, checkedZipf());
    }

    private WorkloadConfig rluConfig() {
        Cli.check(positional.isEmpty(), "give the parameters either as numbers after SYNC (KhronOS form) or as flags "
                + "(RLU form), not both");
        int t = threads == null ? 1 : threads;
        long d = duration == null ? 10_000 : duration;
        int i = initial == null ? 256 : initial;
        int b = buckets == null ? 1 : buckets;
        int u = update == null ? 200 : update;
        Cli.check(t > 0, "-n (threads) must be > 0, got " + t);
        Cli.check(d >= 0, "-d (duration, ms) must be >= 0, got " + d);
        Cli.check(i >= 0, "-i (initial size) must be >= 0, got " + i);
        Cli.check(b >= 1, "-b (buckets) must be >= 1, got " + b);
        Cli.check(u >= 0 && u <= 1000, "-u (update rate, per mille) must be in 0..1000, got " + u);
        long rDefault = 2L * i;
        long r = range == null ? Math.max(1, rDefault) : range;
        Cli.check(r > 0 && r >= i, "-r (range) must be > 0 and >= -i (" + i + "), got " + r);
        if (doNotAlternate) {
            Cli.check(r == 2L * i, "-a (no alternation) needs -r = 2 x -i (" + 2L * i + ") so the size stays stable, got " + r);
        }
        return new WorkloadConfig(sync, t, i, b, d, u, Cli.toInt(r, "range"), seed,
                doNotAlternate ? UpdateMode.PARITY : UpdateMode.ALTERNATE, checkedZipf());
    }

    private double checkedZipf() {
        Cli.check(zipf >= 0 && zipf < 1, "-z (Zipf theta) must be in [0, 1), got " + zipf);
        return zipf;
    }

    private void checkCommon(WorkloadConfig c) {
        if (SetFactory.singleThreadOnly(c.sync())) {
            Cli.check(c.threads() == 1, "seq has no synchronisation and runs on one thread only, got threads = " + c.threads());
        }
    }

    /** Writes one record as JSON to a file (the sweep's forked points report through it). */
    static void writeRecord(Path file, BenchmarkRun run) {
        try {
            Files.writeString(file, ResultJson.toJson(run));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
