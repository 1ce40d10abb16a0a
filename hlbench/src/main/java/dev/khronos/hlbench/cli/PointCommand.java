package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.UpdateMode;
import dev.khronos.hlbench.engine.WorkloadConfig;
import dev.khronos.hlbench.result.BenchmarkRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hlbench point}: one sweep point in a fresh JVM (hidden; the sweep forks it so that each
 * point has its own JIT profile). Prints the KhronOS lines and writes the record to
 * {@code --record FILE} as JSON.
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "point", hidden = true, mixinStandardHelpOptions = true, description = "one sweep point (used by sweep's forked JVMs)")
final class PointCommand implements Callable<Integer> {
    @ParentCommand
    Hlbench parent;

    @Option(names = "--sync", required = true)
    String sync;
    @Option(names = "--threads", required = true)
    int threads;
    @Option(names = "--initial", required = true)
    int initial;
    @Option(names = "--buckets", required = true)
    int buckets;
    @Option(names = "--duration-ms", required = true)
    long durationMs;
    @Option(names = "--update", required = true)
    int update;
    @Option(names = "--range", required = true)
    int range;
    @Option(names = "--seed")
    long seed;
    @Option(names = "--mode")
    UpdateMode mode = UpdateMode.PARITY;
    @Option(names = "--record", required = true)
    Path record;
    @Option(names = "--clock")
    String clock;
    @Option(names = "--warmup-ms")
    long warmupMs;

    @Override
    public Integer call() throws InterruptedException {
        WorkloadConfig c;
        try {
            c = new WorkloadConfig(sync, threads, initial, buckets, durationMs, update, range, seed, mode, 0)
                    .withWarmupMs(warmupMs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        BenchmarkRun run = new HashListRun(c, 6, "hlbench sweep point " + sync + " " + threads + " " + initial + " "
                + buckets + " " + durationMs + " " + update + " " + range, Map.of("form", "sweep"), Cli.clockOption(clock))
                .run(parent.out);
        Hlbench.writeRecord(record, run);
        return run.succeeded() ? 0 : Cli.FAILED;
    }
}
