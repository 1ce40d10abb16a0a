package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.EngineStats;
import dev.khronos.hlbench.engine.Prefill;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.StepDeadline;
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
 * <p>Output: first the lines {@code benchmark_list.c} prints, in its order and format
 * ({@code printf} formats in brackets), with this run's values:
 * <pre>
 * List benchmark
 * Test time:     D                    [%d: -d, nominal ms]
 * Thread number: N
 * Initial size:  I
 * Value range:   R
 * Update Ratio:  U/1000
 * Zipf dist:     Z                    [1 if -z &gt; 0, else 0]
 * Zipf dist val: 0.000000             [%lf]
 * STARTING THREADS...
 * STOPPING THREADS...
 * Thread i: ins A, del B, find C      [per thread: attempts, as C's nr_ins/nr_del/nr_find]
 * List benchmark ends:
 *   duration: M ms                    [measured, whole ms]
 *   ops:      O (F/s)                 [%lu (%f/s)]
 *   txn:      T (F/s)
 *   abort_ratio:      F               [%f, then a trailing space as in C]
 *   abort:      A                     [%lu, then a trailing space as in C]
 * </pre>
 * then lines C does not print: {@code Set type     : TYPE (NAME)}, the {@code Prefill} line
 * naming the prefill and its key count, for a set with an RLU-family domain
 * {@code Clock        : logical} or {@code Clock        : ordo, bound N ns (measured)} (the
 * domain's clock; {@code --clock} chooses it for MV-RLU), {@code Duration      : D (ms), measured X.Y (ms)}, and the
 * size check {@code Set size      : X (expected: Y)} against the number of keys the prefill
 * inserted; on a mismatch an empty line and {@code <<<<<< ASSERT FAILURE(Y!=X) <<<<<<<<}, exit 1.
 *
 * <p>Values on the JVM:
 * <ul>
 *   <li>{@code duration} is the measured interval ({@link WorkloadResult#measuredMs()}, barrier to
 *       the last worker leaving its loop), rounded to whole milliseconds; C prints its
 *       {@code gettimeofday} interval around the sleep, truncated to ms. The rates divide by the
 *       unrounded measured interval (C divides by its whole-ms duration).</li>
 *   <li>{@code ops} = inserts + deletes + finds of all threads, as in C.</li>
 *   <li>{@code txn}: the engine's {@code n_starts} (RLU-engine statistics: sections opened,
 *       including retries after an abort and MV-RLU's optimistic read sections) during the run:
 *       from the end of the prefill to the join of the workers, so without the prefill's sections
 *       and the size check's; 0 for baselines without engine statistics. C prints
 *       {@code nr_txn}, which {@code list_rlu.c} and {@code tree_rlu.c} never increment (0).</li>
 *   <li>{@code abort}: the engine's {@code n_aborts} (RLU-engine statistics) over the same
 *       interval: sections the structure aborted, i.e. update sections that met a conflict (a
 *       failed try-lock) and are then retried (or, rarely, a section ended by an exception of the
 *       structure); MV-RLU optimistic
 *       read sections that fail validation are counted in {@code n_optimistic_fail}, not here.
 *       0 for baselines without engine statistics (e.g. {@code cslm}, {@code chm}). This is the
 *       event {@code tree_rlu.c} counts in {@code nr_abort} before each {@code RLU_ABORT}
 *       ({@code list_rlu.c} does not count it).</li>
 *   <li>{@code abort_ratio} = abort / (ops + abort), as C computes it; 0.000000 when both are 0
 *       (C would print nan).</li>
 * </ul>
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "setbench", mixinStandardHelpOptions = true,
        description = {"The list/tree set benchmark (benchmark_list.c): insert/delete/find mix on one set.",
                "Prints benchmark_list.c's lines, then the set type, prefill, measured duration and size check."})
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
    @Option(names = "--clock", paramLabel = "logical|ordo", description = "timestamps of the MV-RLU domains (default: the engine's, logical)")
    String clock;

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

    /** @return C's {@code %f}: six decimals, no grouping */
    static String cFloat(double v) {
        return String.format(Locale.ROOT, "%f", v);
    }

    /**
     * @return {@code aborts / (ops + aborts)}, {@code benchmark_list.c}'s abort ratio; 0 when both
     *         are 0 (C divides 0 by 0 there)
     */
    static double abortRatio(long aborts, long ops) {
        long all = ops + aborts;
        return all == 0 ? 0.0 : (double) aborts / all;
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
        IntSet set = HashListRun.createSet(sync, 1, range, Cli.clockOption(clock));
        try (StepDeadline.Closing closing = StepDeadline.closing("shutting the set down (" + set.name() + ".close())", set)) {
            out.println("List benchmark");
            out.println("Test time:     " + duration);
            out.println("Thread number: " + threads);
            out.println("Initial size:  " + initial);
            out.println("Value range:   " + range);
            out.println("Update Ratio:  " + update + "/1000");
            out.println("Zipf dist:     " + (zipf > 0 ? 1 : 0));
            out.println("Zipf dist val: " + String.format(Locale.ROOT, "%f", zipf));
            long[] before = new long[2];
            long[] after = new long[2];
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() {
                @Override
                public void threadsReady(int n) {
                    // prefill done, no worker has opened a section yet: the run's counters start here
                    RluStats s = EngineStats.of(set);
                    before[0] = EngineStats.counter(s, "n_starts");
                    before[1] = EngineStats.counter(s, "n_aborts");
                    out.println("STARTING THREADS...");
                }

                @Override
                public void stopping() {
                    out.println("STOPPING THREADS...");
                }

                @Override
                public void joined() {
                    // workers idle, before the size check opens its own section
                    RluStats s = EngineStats.of(set);
                    after[0] = EngineStats.counter(s, "n_starts");
                    after[1] = EngineStats.counter(s, "n_aborts");
                }
            });
            for (int i = 0; i < r.threads().size(); i++) {
                ThreadCounters t = r.threads().get(i);
                out.println("Thread " + i + ": ins " + t.add() + ", del " + t.remove() + ", find " + t.contains());
            }
            long txn = after[0] - before[0];
            long aborts = after[1] - before[1];
            long ops = r.ops();
            out.println("List benchmark ends:");
            out.println("  duration: " + Math.round(r.measuredMs()) + " ms");
            out.println("  ops:      " + ops + " (" + cFloat(r.perSecond(ops)) + "/s)");
            out.println("  txn:      " + txn + " (" + cFloat(r.perSecond(txn)) + "/s)");
            out.println("  abort_ratio:      " + cFloat(abortRatio(aborts, ops)) + " ");
            out.println("  abort:      " + aborts + " ");
            out.println("Set type     : " + SetFactory.setType(sync) + " (" + set.name() + ")");
            out.println(prefillLine(c));
            if (r.clock() != null) {
                out.println("Clock        : " + r.clock().describe());
            }
            out.println(KhronosFormat.durationLine(r));
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
        }
    }
}
