package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Throughput of a run in operations per second, as the run reported it (KhronOS divides by the
 * nominal duration). Immutable and thread-safe.
 *
 * @param opsPerSec     all operations per second
 * @param readsPerSec   lookups per second
 * @param updatesPerSec update attempts per second
 */
public record RunRates(
        @JsonProperty("ops_per_s") double opsPerSec,
        @JsonProperty("reads_per_s") double readsPerSec,
        @JsonProperty("updates_per_s") double updatesPerSec) {

    /** Rejects negative and non-finite rates. */
    public RunRates {
        check(opsPerSec, "ops_per_s");
        check(readsPerSec, "reads_per_s");
        check(updatesPerSec, "updates_per_s");
    }

    private static void check(double v, String name) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + v);
        }
    }
}
