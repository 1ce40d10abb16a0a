package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Operation counters summed over all threads of a run.
 *
 * <p>As in KhronOS, {@code reads} counts lookups and {@code updates} counts insert and delete
 * <em>attempts</em> (successful or not); {@code ops = reads + updates}. The split of updates into
 * {@code adds}/{@code removes} and the number of lookups that {@code found} their key are only
 * known where per-thread counters were printed, otherwise {@code null}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ops     all operations
 * @param reads   lookups
 * @param updates insert + delete attempts
 * @param adds    insert attempts, or {@code null}
 * @param removes delete attempts, or {@code null}
 * @param founds  lookups that found their key, or {@code null}
 * @param snapshots whole-set {@code size()} snapshots the snapshot readers completed (not part
 *                of {@code ops}), or {@code null} for a run without snapshot readers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunCounters(
        @JsonProperty("ops") long ops,
        @JsonProperty("reads") long reads,
        @JsonProperty("updates") long updates,
        @JsonProperty("adds") Long adds,
        @JsonProperty("removes") Long removes,
        @JsonProperty("founds") Long founds,
        @JsonProperty("snapshots") Long snapshots) {

    /** Checks that the counters add up. */
    public RunCounters {
        if (ops < 0 || reads < 0 || updates < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
        if (ops != reads + updates) {
            throw new IllegalArgumentException("ops (" + ops + ") != reads (" + reads + ") + updates (" + updates + ")");
        }
        if ((adds == null) != (removes == null)) {
            throw new IllegalArgumentException("adds and removes are known together or not at all");
        }
        if (adds != null && (adds < 0 || removes < 0 || adds + removes != updates)) {
            throw new IllegalArgumentException("adds (" + adds + ") + removes (" + removes + ") != updates (" + updates + ")");
        }
        if (founds != null && (founds < 0 || founds > reads)) {
            throw new IllegalArgumentException("founds (" + founds + ") must be in 0..reads (" + reads + ")");
        }
        if (snapshots != null && snapshots < 0) {
            throw new IllegalArgumentException("snapshots must be >= 0: " + snapshots);
        }
    }

    /**
     * Counters of a run without snapshot readers.
     *
     * @param ops     all operations
     * @param reads   lookups
     * @param updates insert + delete attempts
     * @param adds    insert attempts, or {@code null}
     * @param removes delete attempts, or {@code null}
     * @param founds  lookups that found their key, or {@code null}
     */
    public RunCounters(long ops, long reads, long updates, Long adds, Long removes, Long founds) {
        this(ops, reads, updates, adds, removes, founds, null);
    }

    /**
     * Counters where only reads and updates are known.
     *
     * @param reads   lookups
     * @param updates update attempts
     * @return the counters, with {@code ops = reads + updates}
     */
    public static RunCounters of(long reads, long updates) {
        return new RunCounters(reads + updates, reads, updates, null, null, null, null);
    }
}
