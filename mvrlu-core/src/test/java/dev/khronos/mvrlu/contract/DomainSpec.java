package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.ReclaimMode;

/**
 * Engine-neutral description of a domain for the contract tests; each {@link EngineFactory} maps
 * it onto its own configuration class.
 *
 * @param logCapacity versions a handle keeps before reclaiming (MV-RLU); classic RLU has no log and ignores
 *        it (the contract needs a commit to be visible once close() returns, so RLU runs without deferral)
 * @param qpIntervalMicros grace-period detector nap; 0 makes the reclaimer hyperactive
 */
public record DomainSpec(ReclaimMode reclaimMode, int logCapacity, long qpIntervalMicros,
                         boolean readYourOwnWrites, boolean nestedLocking) {

    /** The engine's defaults. */
    public static DomainSpec defaults() {
        return new DomainSpec(ReclaimMode.BACKGROUND, -1, -1, true, true);
    }

    /** No background thread: for model checking and deterministic tests. */
    public static DomainSpec inline() {
        return new DomainSpec(ReclaimMode.INLINE, 4, -1, true, true);
    }

    /** A tiny log and a reclaimer that never naps: reclamation races with everything. */
    public static DomainSpec hyperactive() {
        return new DomainSpec(ReclaimMode.BACKGROUND, 2, 0, true, true);
    }

    public DomainSpec withFlags(boolean ryow, boolean nested) {
        return new DomainSpec(reclaimMode, logCapacity, qpIntervalMicros, ryow, nested);
    }

    public DomainSpec withLogCapacity(int capacity) {
        return new DomainSpec(reclaimMode, capacity, qpIntervalMicros, readYourOwnWrites, nestedLocking);
    }
}
