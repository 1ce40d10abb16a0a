package dev.khronos.hlbench.engine;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunCounters;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunRates;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SizeCheck;
import dev.khronos.hlbench.result.SourceKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of {@link Workload} counted. Immutable and thread-safe.
 *
 * <p>As in KhronOS, reads count lookups and updates count insert and delete <em>attempts</em>.
 * Rates divide by the <em>measured</em> duration (KhronOS divides by the nominal one).
 *
 * @param config       the configuration that ran
 * @param seed         the base seed actually used (reproduces the per-thread streams)
 * @param threads      per-thread counters, in thread order
 * @param actualSize   size of the set after the run (quiescent)
 * @param elapsedNanos measured duration, barrier to the last worker's exit from its loop
 * @param setName      the structure's {@code name()}
 * @param clock        the clock of the set's RLU-family domain, or {@code null} for a set without one
 * @param snapshots    whole-set snapshots the snapshot readers completed (0 without readers)
 * @param trueSnapshot whether the set's {@code size()} is a true snapshot ({@code IntSet#snapshotSize()})
 */
public record WorkloadResult(WorkloadConfig config, long seed, List<ThreadCounters> threads, long actualSize,
                             long elapsedNanos, String setName, ClockInfo clock, long snapshots, boolean trueSnapshot) {

    /** Copies the list. */
    public WorkloadResult {
        threads = List.copyOf(threads);
    }

    /** @return Σ {@code #contains} */
    public long reads() {
        return threads.stream().mapToLong(ThreadCounters::contains).sum();
    }

    /** @return Σ ({@code #add} + {@code #remove}) */
    public long updates() {
        return adds() + removes();
    }

    /** @return Σ {@code #add} */
    public long adds() {
        return threads.stream().mapToLong(ThreadCounters::add).sum();
    }

    /** @return Σ {@code #remove} */
    public long removes() {
        return threads.stream().mapToLong(ThreadCounters::remove).sum();
    }

    /** @return Σ {@code #found} */
    public long founds() {
        return threads.stream().mapToLong(ThreadCounters::found).sum();
    }

    /** @return reads + updates */
    public long ops() {
        return reads() + updates();
    }

    /**
     * @return {@code prefilled + Σ variation}, where prefilled is {@link WorkloadConfig#prefillCount()}
     *         ({@code initial}, except for a strided prefill whose range is not a multiple of it)
     */
    public long expectedSize() {
        return config.prefillCount() + threads.stream().mapToLong(ThreadCounters::variation).sum();
    }

    /** @return whether the final size matches */
    public boolean sizeOk() {
        return actualSize == expectedSize();
    }

    /** @return the measured duration in milliseconds */
    public double measuredMs() {
        return elapsedNanos / 1e6;
    }

    /**
     * @param count a counter
     * @return {@code count} per second of measured time (0 for an empty interval)
     */
    public double perSecond(long count) {
        return elapsedNanos <= 0 ? 0 : count * 1e9 / elapsedNanos;
    }

    /**
     * The shared result record.
     *
     * @param benchmark {@code hlbench} or {@code kbench}
     * @param sync      the sync name to record (kbench uses {@code spinlock}, {@code spin-chain}, ...)
     * @param command   the command line, or {@code null}
     * @param extra     further parameters to record (added to seed, mode, zipf, a non-random prefill
     *                  and its key count, structure, JVM, a warm-up's length as {@code warmup_ms}, and with
     *                  snapshot readers whether
     *                  {@code size()} was a true snapshot); the clock and snapshot readers have
     *                  fields of their own in {@link RunParameters}
     * @return the record, source kind {@code jvm}
     */
    public BenchmarkRun toRun(String benchmark, String sync, String command, Map<String, String> extra) {
        WorkloadConfig c = config;
        Map<String, String> x = new LinkedHashMap<>();
        x.put("seed", Long.toString(seed));
        x.put("update_mode", c.mode().name().toLowerCase(Locale.ROOT));
        if (c.zipfTheta() > 0) {
            x.put("zipf", Double.toString(c.zipfTheta()));
        }
        if (c.prefill() != Prefill.RANDOM) {
            x.put("prefill", c.prefill().label());
            x.put("prefilled", Integer.toString(c.prefillCount()));
        }
        x.put("structure", setName);
        x.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (extra != null) {
            x.putAll(extra);
        }
        if (c.warmupMs() > 0) {
            x.put("warmup_ms", Long.toString(c.warmupMs()));
        }
        boolean readers = c.snapshotReaders() > 0;
        if (readers) {
            x.put("snapshot_size", trueSnapshot ? "snapshot" : "sum-of-parts");
        }
        RunParameters p = new RunParameters(c.threads(), c.initial(), c.buckets(), c.durationMs(), c.updatePermille(),
                c.range(), c.snapshotReaders(), clock == null ? null : clock.kind(),
                clock == null || !clock.ordo() ? null : clock.boundNanos(), x);
        RunCounters counters = new RunCounters(ops(), reads(), updates(), adds(), removes(), founds(),
                readers ? snapshots : null);
        RunRates rates = new RunRates(perSecond(ops()), perSecond(reads()), perSecond(updates()),
                readers ? perSecond(snapshots) : null);
        return new BenchmarkRun(benchmark, sync, p, counters, rates, Math.round(measuredMs()),
                new SizeCheck(actualSize, expectedSize()), jvmSource(), RunStatus.COMPLETE, command, null);
    }

    /** @return the source of a JVM run on this machine */
    public static RunSource jvmSource() {
        return new RunSource(SourceKind.JVM, Machine.describe(), Runtime.getRuntime().availableProcessors(), null, null);
    }
}
