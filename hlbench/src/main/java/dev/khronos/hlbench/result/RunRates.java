package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Throughput of a run in operations per second, as the run reported it (KhronOS divides by the
 * nominal duration). Immutable and thread-safe.
 *
 * @param opsPerSec     all operations per second
 * @param readsPerSec   lookups per second
 * @param updatesPerSec update attempts per second
 * @param snapshotsPerSec whole-set snapshots per second of the snapshot readers, or {@code null}
 *                      for a run without them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRates(
        @JsonProperty("ops_per_s") double opsPerSec,
        @JsonProperty("reads_per_s") double readsPerSec,
        @JsonProperty("updates_per_s") double updatesPerSec,
        @JsonProperty("snapshots_per_s") Double snapshotsPerSec) {

    /** Rejects negative and non-finite rates. */
    public RunRates {
        check(opsPerSec, "ops_per_s");
        check(readsPerSec, "reads_per_s");
        check(updatesPerSec, "updates_per_s");
        if (snapshotsPerSec != null) {
            check(snapshotsPerSec, "snapshots_per_s");
        }
    }

    /**
     * Rates of a run without snapshot readers.
     *
     * @param opsPerSec     all operations per second
     * @param readsPerSec   lookups per second
     * @param updatesPerSec update attempts per second
     */
    public RunRates(double opsPerSec, double readsPerSec, double updatesPerSec) {
        this(opsPerSec, readsPerSec, updatesPerSec, null);
    }

    private static void check(double v, String name) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + v);
        }
    }
}
