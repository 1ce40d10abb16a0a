package dev.khronos.hlbench.engine;

import java.util.Objects;

/**
 * What one run of the workload engine does. Immutable and thread-safe.
 *
 * @param sync           sync name ({@link SetFactory#names()}), recorded in results
 * @param threads        worker threads, &gt; 0
 * @param initial        distinct keys inserted before the run, &gt;= 0 and &lt;= range
 * @param buckets        hash buckets, &gt;= 1
 * @param durationMs     nominal duration in milliseconds, &gt;= 0
 * @param updatePermille updates per thousand operations, 0..1000
 * @param range          keys are drawn from {@code [0, range)}, &gt; 0
 * @param seed           base seed of the per-thread generators; 0 = from the clock
 * @param mode           how updates choose insert or delete
 * @param zipfTheta      0 = uniform keys, else Zipf skew in {@code (0, 1)}
 * @param prefill        how the set is filled before the run ({@link Prefill#RANDOM} unless a
 *                       benchmark asks otherwise, e.g. {@code setbench} on a list)
 * @param snapshotReaders extra threads that take whole-set {@code size()} snapshots through their
 *                       own session while the {@code threads} workers run the mix, &gt;= 0
 * @param warmupMs       an untimed warm-up in milliseconds, &gt;= 0: after the start barrier the
 *                       threads run the same mix for this long, then the counters and the
 *                       measured interval start from zero (the set keeps what the warm-up did);
 *                       0, the default, is the KhronOS benchmark's behaviour (no warm-up)
 */
public record WorkloadConfig(String sync, int threads, int initial, int buckets, long durationMs,
                             int updatePermille, int range, long seed, UpdateMode mode, double zipfTheta,
                             Prefill prefill, int snapshotReaders, long warmupMs) {

    /** Checks the ranges; the CLIs check first and word their own messages. */
    public WorkloadConfig {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(prefill, "prefill");
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0: " + threads);
        }
        if (initial < 0 || buckets < 1 || durationMs < 0 || range <= 0 || initial > range) {
            throw new IllegalArgumentException("need initial >= 0, buckets >= 1, duration >= 0, range > 0, range >= initial");
        }
        if (updatePermille < 0 || updatePermille > 1000) {
            throw new IllegalArgumentException("update must be in 0..1000: " + updatePermille);
        }
        if (!(zipfTheta >= 0 && zipfTheta < 1)) {
            throw new IllegalArgumentException("zipf theta must be in [0, 1): " + zipfTheta);
        }
        if (snapshotReaders < 0) {
            throw new IllegalArgumentException("snapshot readers must be >= 0: " + snapshotReaders);
        }
        if (warmupMs < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 ms: " + warmupMs);
        }
    }

    /** The configuration without a warm-up. */
    public WorkloadConfig(String sync, int threads, int initial, int buckets, long durationMs,
                          int updatePermille, int range, long seed, UpdateMode mode, double zipfTheta,
                          Prefill prefill, int snapshotReaders) {
        this(sync, threads, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, prefill,
                snapshotReaders, 0);
    }

    /** The configuration without snapshot readers. */
    public WorkloadConfig(String sync, int threads, int initial, int buckets, long durationMs,
                          int updatePermille, int range, long seed, UpdateMode mode, double zipfTheta,
                          Prefill prefill) {
        this(sync, threads, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, prefill, 0);
    }

    /** The configuration with the {@link Prefill#RANDOM} prefill (hlbench, kbench, the sweep), without snapshot readers. */
    public WorkloadConfig(String sync, int threads, int initial, int buckets, long durationMs,
                          int updatePermille, int range, long seed, UpdateMode mode, double zipfTheta) {
        this(sync, threads, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, Prefill.RANDOM);
    }

    /** @return this configuration with another thread count */
    public WorkloadConfig withThreads(int t) {
        return new WorkloadConfig(sync, t, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, prefill, snapshotReaders,
                warmupMs);
    }

    /** @return this configuration with another duration */
    public WorkloadConfig withDurationMs(long d) {
        return new WorkloadConfig(sync, threads, initial, buckets, d, updatePermille, range, seed, mode, zipfTheta, prefill,
                snapshotReaders, warmupMs);
    }

    /** @return this configuration with another prefill */
    public WorkloadConfig withPrefill(Prefill p) {
        return new WorkloadConfig(sync, threads, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, p,
                snapshotReaders, warmupMs);
    }

    /** @return this configuration with {@code n} snapshot readers */
    public WorkloadConfig withSnapshotReaders(int n) {
        return new WorkloadConfig(sync, threads, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, prefill, n,
                warmupMs);
    }

    /** @return this configuration with an untimed warm-up of {@code ms} milliseconds (0: none) */
    public WorkloadConfig withWarmupMs(long ms) {
        return new WorkloadConfig(sync, threads, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta, prefill,
                snapshotReaders, ms);
    }

    /**
     * @return the distance between prefilled keys for {@link Prefill#STRIDED},
     *         {@code range / initial} (integer division, at least 1 since {@code initial <= range});
     *         0 when {@code initial} is 0
     */
    public int prefillStride() {
        return initial == 0 ? 0 : range / initial;
    }

    /**
     * @return how many keys the prefill inserts: {@code initial} for {@link Prefill#RANDOM};
     *         for {@link Prefill#STRIDED} the number of keys {@code 0, stride, 2*stride, ... < range},
     *         which is {@code initial} when {@code range} is a multiple of {@code initial} and more
     *         otherwise (e.g. initial 64, range 100: stride 1, 100 keys), as in the C benchmark
     */
    public int prefillCount() {
        if (prefill == Prefill.RANDOM || initial == 0) {
            return initial;
        }
        int stride = prefillStride();
        return (range + stride - 1) / stride;
    }
}
