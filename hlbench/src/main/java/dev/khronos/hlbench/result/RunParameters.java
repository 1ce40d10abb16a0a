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
 * <p>The fields after {@code range} were added later and are {@code null} where a source does
 * not know them (a kernel run, a record written before they existed), so older records read the
 * same as before.
 *
 * @param threads         worker threads, &gt; 0 (the updaters: snapshot readers are not counted)
 * @param initial         keys inserted before the run, &gt;= 0
 * @param buckets         hash buckets, &gt;= 1
 * @param durationMs      nominal run length in milliseconds, &gt;= 0
 * @param updatePermille  updates per thousand operations (200 = 20 %), 0..1000
 * @param range           keys are drawn from {@code [0, range)}, &gt; 0
 * @param snapshotReaders extra threads that only took whole-set {@code size()} snapshots
 *                        ({@code hlbench --snapshot-readers}), &gt; 0, or {@code null} for none
 * @param clock           the timestamp source of the run's RLU-family domain, {@code logical} or
 *                        {@code ordo} (read from the domain), or {@code null} when the structure
 *                        has no such domain or the source does not say
 * @param clockBoundNs    the ORDO uncertainty bound of that domain in nanoseconds, or {@code null}
 *                        (a logical clock has none)
 * @param extra           further parameters a source knows (e.g. a JVM engine's options); may be empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RunParameters(
        @JsonProperty("threads") int threads,
        @JsonProperty("initial") long initial,
        @JsonProperty("buckets") int buckets,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("update_permille") int updatePermille,
        @JsonProperty("range") long range,
        @JsonProperty("snapshot_readers") Integer snapshotReaders,
        @JsonProperty("clock") String clock,
        @JsonProperty("clock_bound_ns") Long clockBoundNs,
        @JsonProperty("extra") Map<String, String> extra) {

    /**
     * Checks the ranges KhronOS's benchmarks accept and freezes {@code extra}; a snapshot reader
     * count of 0 is stored as {@code null} (none), so a run without readers has the same record
     * as before the field existed.
     */
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
        if (snapshotReaders != null && snapshotReaders < 0) {
            throw new IllegalArgumentException("snapshot_readers must be >= 0: " + snapshotReaders);
        }
        snapshotReaders = snapshotReaders == null || snapshotReaders == 0 ? null : snapshotReaders;
        if (clock != null && clock.isBlank()) {
            throw new IllegalArgumentException("clock must not be blank");
        }
        if (clockBoundNs != null && clockBoundNs < 0) {
            throw new IllegalArgumentException("clock_bound_ns must be >= 0: " + clockBoundNs);
        }
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
    }

    /**
     * Parameters without snapshot readers and without a known clock.
     *
     * @param threads        worker threads
     * @param initial        initial size
     * @param buckets        buckets
     * @param durationMs     duration in ms
     * @param updatePermille update rate per mille
     * @param range          key range
     * @param extra          further parameters, may be {@code null}
     */
    public RunParameters(int threads, long initial, int buckets, long durationMs, int updatePermille, long range,
                         Map<String, String> extra) {
        this(threads, initial, buckets, durationMs, updatePermille, range, null, null, null, extra);
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

    /** @return the number of snapshot readers, 0 for none */
    public int snapshotReaderCount() {
        return snapshotReaders == null ? 0 : snapshotReaders;
    }
}
