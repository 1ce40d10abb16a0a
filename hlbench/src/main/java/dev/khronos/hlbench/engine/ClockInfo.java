package dev.khronos.hlbench.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.engine.MvRluConfig;
import dev.khronos.mvrlu.engine.Timestamping;
import dev.khronos.structures.IntSet;
import dev.khronos.structures.RluIntSet;
import dev.khronos.structures.baseline.RcuHashSet;

import java.util.Locale;

/**
 * The timestamp source of a set's RLU-family domain, as the domain reports it
 * ({@code RluDomain#clock()}): what the benchmarks print and record, whatever flag or system
 * property chose it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind          {@code logical} (one shared counter) or {@code ordo} (the machine's time
 *                      source with an uncertainty bound)
 * @param boundNanos    the clock's uncertainty bound in nanoseconds (0 for a logical clock)
 * @param boundMeasured whether the bound was measured on this machine ({@code OrdoClock.measuredBound()})
 *                      rather than configured ({@code MvRluConfig.withOrdoBoundNanos})
 */
public record ClockInfo(String kind, long boundNanos, boolean boundMeasured) {
    /** The kind of ORDO clocks. */
    public static final String ORDO = "ordo";
    /** The kind of logical clocks. */
    public static final String LOGICAL = "logical";

    /** @return whether this is an ORDO clock */
    public boolean ordo() {
        return ORDO.equals(kind);
    }

    /**
     * @param set any set
     * @return the clock of the RLU-family domain behind it (the RLU-family structures and the RCU
     *         baseline, whose read side is an MV-RLU domain), or {@code null} for a set without one
     */
    public static ClockInfo of(IntSet set) {
        RluDomain domain = set instanceof RluIntSet ? ((RluIntSet) set).domain()
                : set instanceof RcuHashSet ? ((RcuHashSet) set).domain() : null;
        return domain == null ? null : of(domain);
    }

    /**
     * @param domain a domain
     * @return its clock
     */
    public static ClockInfo of(RluDomain domain) {
        String kind = domain.clock().kind().toLowerCase(Locale.ROOT);
        boolean measured = ORDO.equals(kind) && !(domain.config() instanceof MvRluConfig
                && ((MvRluConfig) domain.config()).ordoBoundNanos() >= 0);
        return new ClockInfo(kind, domain.clock().bound(), measured);
    }

    /**
     * Parses the value of a {@code --clock} option.
     *
     * @param value {@code logical} or {@code ordo}, any case
     * @return the lower-case name, which is also what {@code MvRlu.CLOCK_PROPERTY} takes
     * @throws IllegalArgumentException naming the two values otherwise
     */
    public static String parseOption(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Timestamping t : Timestamping.values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("--clock must be logical or ordo, got '" + value + "'");
    }

    /** @return e.g. {@code ordo, bound 120 ns (measured)} or {@code logical} */
    public String describe() {
        return ordo() ? kind + ", bound " + boundNanos + " ns (" + (boundMeasured ? "measured" : "configured") + ")" : kind;
    }
}
