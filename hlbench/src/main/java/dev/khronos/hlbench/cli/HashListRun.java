package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.EngineStats;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.StepDeadline;
import dev.khronos.hlbench.engine.Workload;
import dev.khronos.hlbench.engine.WorkloadConfig;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultCsv;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.structures.IntSet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One hash-list run with KhronOS {@code hlbench_<sync>}'s output (khronos-reference.md §2.3), used
 * by {@code hlbench SYNC ...}, the sweep's points and their forked children.
 *
 * <p>Output, line by line: {@code RLU - FINE_GRAINED initialized [...]} (rlu only),
 * {@code <n> Option is inserted}, an empty line, the header ({@code #### mvcc bench ####}, or the
 * spin header), the seven parameter lines, {@code initialize N nodes...done},
 * {@code initializing URCU finished, node_size: N} (rcu only, where KhronOS's {@code urcu_init}
 * prints it; N is an estimate, see {@link KhronosFormat#rcuNodeSize()}),
 * {@code Creating N threads... done!}, {@code join N threads...}, {@code thread i end} per thread,
 * {@code  done!}, an empty line, {@code ####result####}, the per-thread blocks, the engine banner
 * of {@code RLU_PRINT_STATS} (RLU family: MV-RLU's configuration and statistics, RLU's
 * statistics; see {@link KhronosFormat#statsBlock(PrintStream, dev.khronos.mvrlu.RluStats,
 * dev.khronos.mvrlu.DomainConfig)}), an empty line, {@code #### total ####}, {@code Set size},
 * {@code Duration}, {@code #ops}, {@code #read ops}, {@code #update ops}, on a mismatch an empty
 * line and the {@code ASSERT FAILURE} line, and {@code benchlist end}. With snapshot readers,
 * three lines after {@code #update ops} ({@link KhronosFormat#snapshotLines}); the lines above
 * them stay the updaters' own.
 *
 * <p>Thread-safety: not thread-safe; one run per instance.
 */
public final class HashListRun {
    private final WorkloadConfig config;
    private final int optionCount;
    private final String command;
    private final Map<String, String> extra;
    private final String clock;

    /**
     * A run whose MV-RLU domains use the engine's default clock.
     *
     * @param config      validated configuration
     * @param optionCount what KhronOS prints as {@code argc-1}
     * @param command     the command line to record, or {@code null}
     * @param extra       extra parameters to record, or {@code null}
     */
    public HashListRun(WorkloadConfig config, int optionCount, String command, Map<String, String> extra) {
        this(config, optionCount, command, extra, null);
    }

    /**
     * @param config      validated configuration
     * @param optionCount what KhronOS prints as {@code argc-1}
     * @param command     the command line to record, or {@code null}
     * @param extra       extra parameters to record, or {@code null}
     * @param clock       {@code logical} or {@code ordo} for the set's MV-RLU domains, or
     *                    {@code null} for the engine's default
     */
    public HashListRun(WorkloadConfig config, int optionCount, String command, Map<String, String> extra, String clock) {
        this.config = config;
        this.optionCount = optionCount;
        this.command = command;
        this.extra = extra;
        this.clock = clock;
    }

    /**
     * Creates the set (before printing anything, so that a missing engine is a clean one-line
     * error), runs, prints.
     *
     * @param out where the KhronOS lines go
     * @return the record of the run; check {@link BenchmarkRun#succeeded()} for the size check
     * @throws UserError if the sync cannot be made (unknown, engine missing)
     * @throws InterruptedException if interrupted
     */
    public BenchmarkRun run(PrintStream out) throws InterruptedException {
        WorkloadConfig c = config;
        IntSet set = createSet(c.sync(), c.buckets(), c.range(), clock);
        try (StepDeadline.Closing closing = StepDeadline.closing("shutting the set down (" + set.name() + ".close())", set)) {
            if (c.sync().equals("rlu") || c.sync().startsWith("rlu-")) {
                String ws = extra == null ? null : extra.get("rlu_max_ws");
                out.println("RLU - FINE_GRAINED initialized [max_write_sets = " + (ws == null ? "1" : ws) + "]");
            }
            out.println(optionCount + " Option is inserted");
            out.println();
            out.println(c.sync().equals("spin") ? KhronosFormat.SPIN_HEADER : KhronosFormat.MVCC_HEADER);
            out.println("-Nb threads   : " + c.threads());
            out.println("-Initial size : " + c.initial());
            out.println("-Buckets      : " + c.buckets());
            out.println("-Duration     : " + c.durationMs());
            if (c.warmupMs() > 0) {
                out.println("-Warm-up      : " + c.warmupMs() + " (ms, untimed, before the duration)");
            }
            out.println("-Update rate  : " + c.updatePermille());
            out.println("-range        : " + c.range());
            out.println("-Set type     : " + SetFactory.setType(c.sync()));
            WorkloadResult r = Workload.run(c, set, new Workload.Listener() {
                @Override
                public void prefilled(int keys) {
                    out.println("initialize " + keys + " nodes...done");
                    if (c.sync().equals("rcu")) {
                        out.println(KhronosFormat.rcuInitLine());
                    }
                }

                @Override
                public void threadsReady(int threads) {
                    out.println("Creating " + threads + " threads... done!");
                }

                @Override
                public void stopping() {
                    out.println("join " + c.threads() + " threads...");
                }
            });
            for (int i = 0; i < c.threads(); i++) {
                out.println("thread " + i + " end");
            }
            out.println(" done!");
            out.println();
            out.println("####result####");
            KhronosFormat.threadBlocks(out, r.threads());
            KhronosFormat.statsBlock(out, EngineStats.of(set), EngineStats.config(set), r.clock());
            out.println();
            out.println("#### total ####");
            out.println(KhronosFormat.setSizeLine(r));
            out.println(KhronosFormat.durationLine(r));
            out.println("#ops          : " + KhronosFormat.countAndRate(r.ops(), r.perSecond(r.ops())));
            out.println("#read ops     : " + KhronosFormat.countAndRate(r.reads(), r.perSecond(r.reads())));
            out.println("#update ops   : " + KhronosFormat.countAndRate(r.updates(), r.perSecond(r.updates())));
            KhronosFormat.snapshotLines(r).forEach(out::println);
            if (!r.sizeOk()) {
                out.println();
                out.println(KhronosFormat.assertFailureLine(r));
            }
            out.println("benchlist end");
            out.flush();
            return r.toRun("hlbench", c.sync(), command, extra);
        }
    }

    /**
     * @return a new set
     * @throws UserError for an unknown sync or a missing engine
     */
    public static IntSet createSet(String sync, int buckets, int range) {
        return createSet(sync, buckets, range, null);
    }

    /**
     * @param clock {@code logical} or {@code ordo} for the set's MV-RLU domains, or {@code null}
     *              for the engine's default ({@link SetFactory#create(String, int, int, String)})
     * @return a new set
     * @throws UserError for an unknown sync or a missing engine
     */
    public static IntSet createSet(String sync, int buckets, int range, String clock) {
        try {
            return SetFactory.create(sync, buckets, range, clock);
        } catch (IllegalStateException e) {
            throw new UserError(SetFactory.engineMissingMessage(sync, e));
        } catch (IllegalArgumentException e) {
            throw new UserError(Cli.oneLine(e.getMessage()));
        }
    }

    /**
     * Appends a record to {@code dir/results.jsonl} and {@code dir/results.csv}.
     *
     * @param dir the results directory (created if needed)
     * @param run the record
     */
    public static void append(Path dir, BenchmarkRun run) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        ResultJson.appendJsonLine(dir.resolve("results.jsonl"), run);
        ResultCsv.append(dir.resolve("results.csv"), run);
    }
}
