package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.EngineStats;
import dev.khronos.hlbench.engine.Prefill;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.ThreadCounters;
import dev.khronos.hlbench.engine.UpdateMode;
import dev.khronos.hlbench.engine.Workload;
import dev.khronos.hlbench.engine.WorkloadConfig;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.structures.IntSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hlbench setbench}: the list/tree set benchmark of the MV-RLU repository
 * ({@code benchmark/versioning/benchmark_list.c}): {@code op < update/2} inserts, below
 * {@code update} deletes, else finds; keys {@code rand % range}; defaults 1 thread, 1000 ms,
 * initial 256, range 512, update 500 per mille. Any sync name works; the natural ones are
 * {@code list}, {@code tree}, {@code mvrlu-list}, {@code rlu-tree}, {@code cslm}.
 *
 * <p>Prefill as in that benchmark's {@code list_global_init}: a list (set type {@code list}:
 * {@code list}, {@code mvrlu-list}, {@code rlu-list}, ...) gets every {@code range/initial}-th key
 * from 0 ({@code list_rlu.c} and the other list variants; {@link Prefill#STRIDED}, which inserts
 * {@code ceil(range / stride)} keys, more than {@code initial} when {@code range} is not a multiple
 * of it, as C does); every other set gets {@code initial} random distinct keys ({@code tree_rlu.c}
 * draws {@code rand() % range} until {@code initial} keys are in).
 *
 * <p>Output: the parameters, a {@code Prefill} line naming the prefill and its key count, per
 * thread {@code Thread i: ins, del, find}, then {@code List benchmark ends:}, duration, ops, and
 * for RLU-family sets the engine's sections ({@code txn}, {@code n_starts}), aborts
 * ({@code n_aborts}) and their ratio; the size check as in hlbench (exit 1 on mismatch), against
 * the number of keys the prefill inserted.
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "setbench", mixinStandardHelpOptions = true,
        description = "The list/tree set benchmark (benchmark_list.c): insert/delete/find mix on one set.")
public final class SetBenchCommand implements Callable<Integer> {
    @ParentCommand
    Hlbench parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SYNC", description = "set (default list = MV-RLU list)")
    String sync = "list";
    @Option(names = {"-n", "-t", "--threads"}, description = "threads (default 1)")
    int threads = 1;
    @Option(names = {"-d", "--duration"}, description = "duration in ms (default 1000)")
    long duration = 1000;
    @Option(names = {"-i", "--initial-size"}, description = "initial size (default 256)")
    int initial = 256;
    @Option(names = {"-r", "--range"}, description = "key range (default 512)")
    int range = 512;
    @Option(names = {"-u", "--update-rate"}, description = "updates per mille (default 500)")
    int update = 500;
    @Option(names = {"-s", "--seed"}, description = "seed; 0 = from the clock")
    long seed;
    @Option(names = {"-z", "--zipf-dist-val"}, description = "Zipf theta in [0, 1); 0 = uniform")
    double zipf;
    @Option(names = "--out", paramLabel = "DIR", description = "append the result to DIR/results.jsonl and .csv")
    Path outDir;

    /**
     * @param sync a sync name
     * @return {@link Prefill#STRIDED} for a list (as {@code benchmark_list.c}'s lists), else
     *         {@link Prefill#RANDOM}
     */
    static Prefill prefillFor(String sync) {
        return SetFactory.setType(sync).equals("list") ? Prefill.STRIDED : Prefill.RANDOM;
    }

    /**
     * @return {@code Prefill      : strided (stride K), N keys} (the keys {@code 0, K, 2K, ... < range})
     *         or {@code Prefill      : random, N keys} ({@code N} distinct random keys), or
     *         {@code Prefill      : none} for initial size 0
     */
    static String prefillLine(WorkloadConfig c) {
        if (c.prefillCount() == 0) {
            return "Prefill      : none";
        }
        if (c.prefill() == Prefill.STRIDED) {
            return "Prefill      : strided (stride " + c.prefillStride() + "), " + c.prefillCount() + " keys";
        }
        return "Prefill      : random, " + c.prefillCount() + " keys";
    }

    @Override
    public Integer call() throws InterruptedException {
        Cli.check(SetFactory.isKnown(sync), "unknown sync '" + sync + "'; known: " + String.join(", ", SetFactory.names()));
        Cli.check(threads > 0, "-n (threads) must be > 0, got " + threads);
        Cli.check(duration >= 0, "-d (duration, ms) must be >= 0, got " + duration);
        Cli.check(initial >= 0, "-i (initial size) must be >= 0, got " + initial);
        Cli.check(range > 0 && range >= initial, "-r (range) must be > 0 and >= -i (" + initial + "), got " + range);
        Cli.check(update >= 0 && update <= 1000, "-u (update rate, per mille) must be in 0..1000, got " + update);
        Cli.check(zipf >= 0 && zipf < 1, "-z (Zipf theta) must be in [0, 1), got " + zipf);
        if (SetFactory.singleThreadOnly(sync)) {
            Cli.check(threads == 1, "seq has no synchronisation and runs on one thread only, got threads = " + threads);
        }
        WorkloadConfig c = new WorkloadConfig(sync, threads, initial, 1, duration, update, range, seed, UpdateMode.SPLIT, zipf,
                prefillFor(sync));
        PrintStream out = parent.out;
        IntSet set = HashListRun.createSet(sync, 1, range);
        try {
            out.println("Set type     : " + SetFactory.setType(sync) + " (" + set.name() + ")");
            out.println("Nb threads   : " + threads);
            out.println("Duration     : " + duration);
            out.println("Initial size : " + initial);
            out.println("Value range  : " + range);
            out.println("Update rate  : " + update);
            out.println(prefillLine(c));
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() { });
            for (int i = 0; i < r.threads().size(); i++) {
                ThreadCounters t = r.threads().get(i);
                out.println("Thread " + i + ": " + t.add() + ", " + t.remove() + ", " + t.contains());
            }
            RluStats stats = EngineStats.of(set);
            long txn = EngineStats.counter(stats, "n_starts");
            long aborts = EngineStats.counter(stats, "n_aborts");
            out.println("List benchmark ends:");
            out.println(KhronosFormat.durationLine(r));
            out.println("ops          : " + KhronosFormat.countAndRate(r.ops(), r.perSecond(r.ops())));
            out.println("txn          : " + txn);
            out.println("abort_ratio  : " + String.format(Locale.ROOT, "%.6f", txn == 0 ? 0.0 : (double) aborts / txn));
            out.println("abort        : " + aborts);
            out.println(KhronosFormat.setSizeLine(r));
            if (!r.sizeOk()) {
                out.println();
                out.println(KhronosFormat.assertFailureLine(r));
            }
            BenchmarkRun run = r.toRun("setbench", sync, "hlbench setbench " + sync, Map.of("aborts", "" + aborts, "txn", "" + txn));
            if (outDir != null) {
                HashListRun.append(outDir, run);
            }
            return r.sizeOk() ? 0 : Cli.FAILED;
        } finally {
            set.close();
        }
    }
}
