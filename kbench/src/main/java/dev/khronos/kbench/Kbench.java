package dev.khronos.kbench;

import dev.khronos.hlbench.cli.BuildVersion;
import dev.khronos.hlbench.cli.Cli;
import dev.khronos.hlbench.cli.HashListRun;
import dev.khronos.hlbench.cli.KhronosFormat;
import dev.khronos.hlbench.engine.StepDeadline;
import dev.khronos.hlbench.engine.UpdateMode;
import dev.khronos.hlbench.engine.Workload;
import dev.khronos.hlbench.engine.WorkloadConfig;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.structures.IntSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code kbench}: KhronOS's kernel-level hash-list benchmark on the JVM (khronos-reference.md §1).
 *
 * <p>Flags, defaults and checks of {@code S/bin/kbench.cc}: {@code -t} threads (4, &gt; 0),
 * {@code -i} initial (32, &gt;= 0), {@code -b} buckets (2, &gt;= 1 and &lt; range), {@code -d}
 * duration in <b>milliseconds</b> (1500, &gt;= 0), {@code -u} update per mille (200, 0..1000),
 * {@code -s} sync type (0; 0 SPINLOCK, 1 MVRLU, 2 RCU, 3 SPIN CHAIN, 4 RLU), {@code -r} range
 * (64, &gt; 0 and &gt;= initial). A broken rule is one line naming it and exit status 2 (KhronOS
 * asserts, i.e. panics). Insert/delete by {@code op & 1}.
 *
 * <p>Output: the user-side lines of {@code kbench.cc} exactly, with the kernel console lines of
 * {@code sysbench.cc} between them as they appear on a KhronOS console (thread ids are JVM thread
 * ids, {@code c:} the CPU KhronOS would pin to). Differences: {@code -s 4} prints
 * {@code ************ RLU ***************} (KhronOS reads past its name table); the rates divide by
 * the measured duration, printed beside the nominal one; exit status 1 on a size mismatch
 * (KhronOS returns 1 always). {@code --clock logical|ordo} chooses the MV-RLU domain's timestamps
 * (as {@code hlbench --clock}); the clock is recorded in {@code --out}'s records but not printed,
 * since KhronOS's kbench prints no engine banner.
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "kbench", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"KhronOS's kernel-level hash-list benchmark on the JVM.",
                "Sync types: 0 SPINLOCK, 1 MVRLU, 2 RCU, 3 SPIN CHAIN, 4 RLU. Exit: 0 ok, 1 size check failed, 2 usage error."})
public final class Kbench implements Callable<Integer> {
    /** KhronOS's {@code type_names[]}, plus the RLU name it forgot. */
    public static final List<String> TYPE_NAMES = List.of("SPINLOCK", "MVRLU", "RCU", "SPIN CHAIN", "RLU");
    /** The structure each sync type runs. */
    public static final List<String> STRUCTURES = List.of("spin", "mvrlu", "rcu", "spinchain", "rlu");
    /** The sync names of result records (os-integration's kbench names). */
    public static final List<String> RECORD_NAMES = List.of("spinlock", "mvrlu", "rcu", "spin-chain", "rlu");

    private final PrintStream out;
    /** Tests: a structure name to run instead of the sync type's ({@code SetFactory} name). */
    private final String structureOverride;

    @Option(names = "-t", paramLabel = "N", description = "#threads (default 4)")
    int threads = 4;
    @Option(names = "-i", paramLabel = "N", description = "initial size (default 32)")
    int initial = 32;
    @Option(names = "-b", paramLabel = "N", description = "buckets (default 2)")
    int buckets = 2;
    @Option(names = "-d", paramLabel = "MS", description = "duration in milliseconds (default 1500)")
    long duration = 1500;
    @Option(names = "-u", paramLabel = "PERMILLE", description = "update rate per mille, 200 is 20%% (default 200)")
    int update = 200;
    @Option(names = "-s", paramLabel = "TYPE", description = "sync type 0:spinlock 1:mvrlu 2:rcu+seqlock 3:spin chain 4:rlu (default 0)")
    int sync = 0;
    @Option(names = "-r", paramLabel = "N", description = "range (default 64)")
    int range = 64;
    @Option(names = "--seed", description = "seed of the per-thread generators; 0 = from the clock")
    long seed;
    @Option(names = "--out", paramLabel = "DIR", description = "append the result to DIR/results.jsonl and DIR/results.csv")
    Path outDir;
    @Option(names = "--clock", paramLabel = "logical|ordo", description = "timestamps of the MV-RLU domain "
            + "(-s 1, and -s 2's read side): logical (default) or ordo; recorded in --out's records, not printed "
            + "(KhronOS's kbench prints no engine banner)")
    String clock;
    @Parameters(arity = "0..*", hidden = true)
    List<String> positional = new ArrayList<>();

    /** With the JVM's standard output. */
    public Kbench() {
        this(System.out);
    }

    /** @param out standard output */
    public Kbench(PrintStream out) {
        this(out, null);
    }

    Kbench(PrintStream out, String structureOverride) {
        this.out = out;
        this.structureOverride = structureOverride;
    }

    /**
     * Entry point of {@code kbench.jar}.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit status, without exiting */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.execute("kbench", new Kbench(out), args, out, err);
    }

    @Override
    public Integer call() throws InterruptedException {
        Cli.check(positional.isEmpty(), "kbench takes no positional arguments (all parameters are flags), got '"
                + String.join(" ", positional) + "'");
        Cli.check(threads > 0, "-t (#threads) must be > 0, got " + threads);
        Cli.check(initial >= 0, "-i (initial size) must be >= 0, got " + initial);
        Cli.check(buckets >= 1 && buckets < range, "-b (buckets) must be >= 1 and < -r (range " + range + "), got " + buckets);
        Cli.check(duration >= 0, "-d (duration, ms) must be >= 0, got " + duration);
        Cli.check(update >= 0 && update <= 1000, "-u (update rate, per mille) must be in 0..1000, got " + update);
        Cli.check(range > 0 && range >= initial, "-r (range) must be > 0 and >= -i (initial " + initial + "), got " + range);
        Cli.check(sync >= 0 && sync < TYPE_NAMES.size(), "-s (sync type) must be 0:spinlock 1:mvrlu 2:rcu+seqlock "
                + "3:spin chain 4:rlu, got " + sync);

        WorkloadConfig c = new WorkloadConfig(structureOverride != null ? structureOverride : STRUCTURES.get(sync), threads, initial, buckets, duration, update, range,
                seed, UpdateMode.PARITY, 0);
        String clockName = Cli.clockOption(clock);
        IntSet set = HashListRun.createSet(c.sync(), buckets, range, clockName);
        try (StepDeadline.Closing closing = StepDeadline.closing("shutting the set down (" + set.name() + ".close())", set)) {
            out.println("kernel lavel benchmark start");
            out.println("-t #threads     : " + threads);
            out.println("-i Initial size : " + initial);
            out.println("-b Buckets      : " + buckets);
            out.println("-d Duration     : " + duration);
            out.println("-u Update rate  : " + update);
            out.println("-s sync type    : " + sync);
            out.println("-r Range        : " + range);
            out.println("Benchmark type  : hash-list");
            out.println("Run Kernel Level Benchmark");
            long mainId = Thread.currentThread().getId();
            int cpus = Runtime.getRuntime().availableProcessors();
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() {
                @Override
                public void prefilled(int n) {
                    out.println("initialize " + n + " nodes...done");
                    out.println("Main thread ID: " + mainId);
                    out.println("Creating " + threads + " threads...");
                }

                @Override
                public void threadsReady(int n) {
                    for (int i = 0; i < n; i++) {
                        out.println("Thread created 0x" + Long.toHexString(0xffffff0000000000L | (mainId + 1 + i) << 12)
                                + "(c:" + (i % Math.max(1, cpus - 1) + 1) + ", s:" + n + ")");
                        out.println();
                    }
                }

                @Override
                public void started() {
                    out.println("start bench!");
                    for (int i = 0; i < threads; i++) {
                        out.println("thread " + (mainId + 1 + i) + " Start");
                    }
                }

                @Override
                public void stopping() {
                    out.println("join " + threads + " threads...");
                }

                @Override
                public void joined() {
                    for (int i = 0; i < threads; i++) {
                        out.println("thread " + (mainId + 1 + i) + " end");
                    }
                    out.println(" done!");
                }
            });
            KhronosFormat.threadBlocks(out, r.threads());
            out.println("Kernel Level Benchmark END");
            out.println();
            out.println("#### B ####");
            out.println(KhronosFormat.setSizeLine(r));
            out.println(KhronosFormat.durationLine(r));
            out.println("#read ops     : " + KhronosFormat.countAndRate(r.reads(), r.perSecond(r.reads())));
            out.println("#update ops   : " + KhronosFormat.countAndRate(r.updates(), r.perSecond(r.updates())));
            if (!r.sizeOk()) {
                out.println();
                out.println(KhronosFormat.assertFailureLine(r));
            }
            out.println("************ " + TYPE_NAMES.get(sync) + " ***************");
            out.flush();
            BenchmarkRun run = r.toRun("kbench", RECORD_NAMES.get(sync), "kbench -t " + threads + " -i " + initial
                    + " -b " + buckets + " -d " + duration + " -u " + update + " -s " + sync + " -r " + range
                    + (clockName == null ? "" : " --clock " + clockName),
                    Map.of("sync_type", Integer.toString(sync)));
            if (outDir != null) {
                HashListRun.append(outDir, run);
            }
            return r.sizeOk() ? 0 : Cli.FAILED;
        }
    }
}
