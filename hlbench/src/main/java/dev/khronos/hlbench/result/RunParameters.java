package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parameters of a hash-list run, with the meaning both KhronOS benchmarks give them.
 *
 * <p>Immutable and thread-safe: {@code extra} is copied into an unmodifiable, sorted map.
 *
 * @param threads        worker threads, &gt; 0
 * @param initial        keys inserted before the run, &gt;= 0
 * @param buckets        hash buckets, &gt;= 1
 * @param durationMs     nominal run length in milliseconds, &gt;= 0
 * @param updatePermille updates per thousand operations (200 = 20 %), 0..1000
 * @param range          keys are drawn from {@code [0, range)}, &gt; 0
 * @param extra          further parameters a source knows (e.g. a JVM engine's options); may be empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RunParameters(
        @JsonProperty("threads") int threads,
        @JsonProperty("initial") long initial,
        @JsonProperty("buckets") int buckets,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("update_permille") int updatePermille,
        @JsonProperty("range") long range,
        @JsonProperty("extra") Map<String, String> extra) {

    /** Checks the ranges KhronOS's benchmarks accept and freezes {@code extra}. */
    public RunParameters {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0: " + threads);
        }
        if (initial < 0) {
            throw new IllegalArgumentException("initial must be >= 0: " + initial);
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1: " + buckets);
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("duration_ms must be >= 0: " + durationMs);
        }
        if (updatePermille < 0 || updatePermille > 1000) {
            throw new IllegalArgumentException("update_permille must be in 0..1000: " + updatePermille);
        }
        if (range <= 0) {
            throw new IllegalArgumentException("range must be > 0: " + range);
        }
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
    }

    /**
     * Parameters without extras.
     *
     * @param threads        worker threads
     * @param initial        initial size
     * @param buckets        buckets
     * @param durationMs     duration in ms
     * @param updatePermille update rate per mille
     * @param range          key range
     */
    public RunParameters(int threads, long initial, int buckets, long durationMs, int updatePermille, long range) {
        this(threads, initial, buckets, durationMs, updatePermille, range, Map.of());
    }
}
