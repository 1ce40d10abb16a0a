package dev.khronos.rlu;

import dev.khronos.mvrlu.DomainConfig;
import dev.khronos.mvrlu.ReclaimMode;

/**
 * Immutable configuration of an RLU domain. Start from {@link #defaults()} and change options with
 * the {@code with...} methods, each returning a new instance.
 *
 * <table>
 *   <caption>Options and defaults (C name in brackets)</caption>
 *   <tr><td>reclaimMode</td><td>BACKGROUND: one daemon thread per domain flushes the deferred write
 *       sets of idle handles and releases what dead threads hold. INLINE: no thread; every
 *       synchronize runs on the committing (or helping) thread, as in C.</td></tr>
 *   <tr><td>maxWriteSets</td><td>1: write sets a handle keeps committed-but-locked before one
 *       synchronize-plus-writeback; 1 means no deferral [{@code max_write_sets}, the bench's
 *       {@code -w}; {@code RLU_NUM_WS} is 1 in the C benchmarks]</td></tr>
 *   <tr><td>flushIntervalMicros</td><td>500: BACKGROUND only; a deferred write set older than this
 *       on a handle is flushed by the domain thread</td></tr>
 *   <tr><td>helpIdleHolders</td><td>true: a writer whose lock request failed on another handle's
 *       deferred write set performs that handle's synchronize-plus-writeback itself, when it can take
 *       the holder's sync lock, instead of waiting for the holder's next checkpoint (C: only the
 *       request is sent)</td></tr>
 *   <tr><td>readYourOwnWrites</td><td>true: {@code deref} of an object the section locked returns its
 *       copy (C RLU: always)</td></tr>
 *   <tr><td>nestedLocking</td><td>true: locking an object twice in a section returns the same copy
 *       (C RLU: always)</td></tr>
 * </table>
 * {@link #cCompatible()} sets INLINE and turns helping off, to match the C library.
 *
 * <p>Thread-safety: immutable.
 */
public final class RluConfig implements DomainConfig {
    private final ReclaimMode reclaimMode;
    private final int maxWriteSets;
    private final long flushIntervalMicros;
    private final boolean helpIdleHolders;
    private final boolean readYourOwnWrites;
    private final boolean nestedLocking;

    private RluConfig(ReclaimMode reclaimMode, int maxWriteSets, long flushIntervalMicros, boolean helpIdleHolders,
                      boolean readYourOwnWrites, boolean nestedLocking) {
        if (reclaimMode == null) {
            throw new IllegalArgumentException("reclaimMode must not be null");
        }
        if (maxWriteSets < 1) {
            throw new IllegalArgumentException("maxWriteSets must be at least 1 (1 = no deferral), got " + maxWriteSets);
        }
        if (flushIntervalMicros < 0) {
            throw new IllegalArgumentException("flushIntervalMicros must be >= 0, got " + flushIntervalMicros);
        }
        this.reclaimMode = reclaimMode;
        this.maxWriteSets = maxWriteSets;
        this.flushIntervalMicros = flushIntervalMicros;
        this.helpIdleHolders = helpIdleHolders;
        this.readYourOwnWrites = readYourOwnWrites;
        this.nestedLocking = nestedLocking;
    }

    /** @return the defaults listed in the class comment */
    public static RluConfig defaults() {
        return new RluConfig(ReclaimMode.BACKGROUND, 1, 500, true, true, true);
    }

    /** @return the C library's behaviour: no domain thread, no helping (deferral still configurable) */
    public static RluConfig cCompatible() {
        return defaults().withReclaimMode(ReclaimMode.INLINE).withHelpIdleHolders(false);
    }

    /**
     * @param v whether a domain thread flushes idle handles' deferred write sets
     * @return a copy with this option changed
     */
    public RluConfig withReclaimMode(ReclaimMode v) {
        return new RluConfig(v, maxWriteSets, flushIntervalMicros, helpIdleHolders, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v write sets kept committed-but-locked before one synchronize, at least 1
     * @return a copy with this option changed
     */
    public RluConfig withMaxWriteSets(int v) {
        return new RluConfig(reclaimMode, v, flushIntervalMicros, helpIdleHolders, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v age in microseconds after which the domain thread flushes a deferred write set
     * @return a copy with this option changed
     */
    public RluConfig withFlushIntervalMicros(long v) {
        return new RluConfig(reclaimMode, maxWriteSets, v, helpIdleHolders, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v whether a blocked writer flushes the holder's deferred write sets itself
     * @return a copy with this option changed
     */
    public RluConfig withHelpIdleHolders(boolean v) {
        return new RluConfig(reclaimMode, maxWriteSets, flushIntervalMicros, v, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v whether {@code deref} returns the section's own pending copy
     * @return a copy with this option changed
     */
    public RluConfig withReadYourOwnWrites(boolean v) {
        return new RluConfig(reclaimMode, maxWriteSets, flushIntervalMicros, helpIdleHolders, v, nestedLocking);
    }

    /**
     * @param v whether locking an object twice in a section returns the same copy
     * @return a copy with this option changed
     */
    public RluConfig withNestedLocking(boolean v) {
        return new RluConfig(reclaimMode, maxWriteSets, flushIntervalMicros, helpIdleHolders, readYourOwnWrites, v);
    }

    @Override
    public ReclaimMode reclaimMode() {
        return reclaimMode;
    }

    /** @return write sets kept committed-but-locked before one synchronize (1 = no deferral) */
    public int maxWriteSets() {
        return maxWriteSets;
    }

    /** @return age in microseconds after which the domain thread flushes a deferred write set */
    public long flushIntervalMicros() {
        return flushIntervalMicros;
    }

    /** @return whether a blocked writer flushes the holder's deferred write sets itself */
    public boolean helpIdleHolders() {
        return helpIdleHolders;
    }

    @Override
    public boolean readYourOwnWrites() {
        return readYourOwnWrites;
    }

    @Override
    public boolean nestedLocking() {
        return nestedLocking;
    }

    @Override
    public String describe() {
        return "rlu reclaim=" + reclaimMode + " maxWriteSets=" + maxWriteSets + " flushIntervalMicros="
                + flushIntervalMicros + " helpIdleHolders=" + helpIdleHolders + " readYourOwnWrites="
                + readYourOwnWrites + " nestedLocking=" + nestedLocking + " clock=logical";
    }

    @Override
    public String toString() {
        return describe();
    }
}
