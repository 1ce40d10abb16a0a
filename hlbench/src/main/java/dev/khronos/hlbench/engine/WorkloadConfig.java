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
 */
public record WorkloadConfig(String sync, int threads, int initial, int buckets, long durationMs,
                             int updatePermille, int range, long seed, UpdateMode mode, double zipfTheta) {

    /** Checks the ranges; the CLIs check first and word their own messages. */
    public WorkloadConfig {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(mode, "mode");
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
    }

    /** @return this configuration with another thread count */
    public WorkloadConfig withThreads(int t) {
        return new WorkloadConfig(sync, t, initial, buckets, durationMs, updatePermille, range, seed, mode, zipfTheta);
    }

    /** @return this configuration with another duration */
    public WorkloadConfig withDurationMs(long d) {
        return new WorkloadConfig(sync, threads, initial, buckets, d, updatePermille, range, seed, mode, zipfTheta);
    }
}
