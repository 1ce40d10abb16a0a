package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.DomainConfig;
import dev.khronos.mvrlu.ReclaimMode;

/**
 * Immutable configuration of an MV-RLU domain. Start from {@link #defaults()} and change options
 * with the {@code with...} methods, each returning a new instance.
 *
 * <table>
 *   <caption>Options and defaults (C constant in brackets)</caption>
 *   <tr><td>reclaimMode</td><td>BACKGROUND: one daemon detector thread per domain</td></tr>
 *   <tr><td>logCapacity</td><td>8192 versions per handle [{@code MVRLU_LOG_SIZE} 512 KiB
 *       holds about 8192 64-byte node copies]</td></tr>
 *   <tr><td>lowMark</td><td>0.5 of the capacity: ask for reclamation at section exit
 *       [{@code MVRLU_LOG_LOW_MARK}]</td></tr>
 *   <tr><td>highMark</td><td>0.75: block at section entry until below
 *       [{@code MVRLU_LOG_HIGH_MARK}]</td></tr>
 *   <tr><td>derefMark / derefMinObjects</td><td>3 / 50: ask for reclamation when a section made at
 *       least 50 derefs and more than a third of them walked a version chain; derefMark 0 turns it
 *       off [{@code MVRLU_DEREF_MARK}, {@code MVRLU_DEREF_MIN_ACT_OBJ}]</td></tr>
 *   <tr><td>qpIntervalMicros</td><td>500: the detector's nap between grace periods when nothing
 *       is requested [{@code MVRLU_QP_INTERVAL_USEC}]</td></tr>
 *   <tr><td>readYourOwnWrites</td><td>true: {@code deref} of an object this section locked
 *       returns its pending copy (C: off)</td></tr>
 *   <tr><td>nestedLocking</td><td>true: locking an object twice in a section returns the same
 *       copy (C: off, {@code MVRLU_NESTED_LOCKING})</td></tr>
 * </table>
 * {@link #cCompatible()} turns the last two off, to match the C library's semantics exactly.
 *
 * <p>Thread-safety: immutable.
 */
public final class MvRluConfig implements DomainConfig {
    private final ReclaimMode reclaimMode;
    private final int logCapacity;
    private final double lowMark;
    private final double highMark;
    private final int derefMark;
    private final int derefMinObjects;
    private final long qpIntervalMicros;
    private final boolean readYourOwnWrites;
    private final boolean nestedLocking;

    private MvRluConfig(ReclaimMode reclaimMode, int logCapacity, double lowMark, double highMark, int derefMark,
                        int derefMinObjects, long qpIntervalMicros, boolean readYourOwnWrites, boolean nestedLocking) {
        if (reclaimMode == null) {
            throw new IllegalArgumentException("reclaimMode must not be null");
        }
        if (logCapacity < 1) {
            throw new IllegalArgumentException("logCapacity must be at least 1 version, got " + logCapacity);
        }
        if (!(lowMark > 0 && lowMark <= highMark && highMark <= 1)) {
            throw new IllegalArgumentException("watermarks must satisfy 0 < lowMark <= highMark <= 1, got low="
                    + lowMark + " high=" + highMark);
        }
        if (derefMark < 0 || derefMinObjects < 0) {
            throw new IllegalArgumentException("derefMark and derefMinObjects must be >= 0");
        }
        if (qpIntervalMicros < 0) {
            throw new IllegalArgumentException("qpIntervalMicros must be >= 0, got " + qpIntervalMicros);
        }
        this.reclaimMode = reclaimMode;
        this.logCapacity = logCapacity;
        this.lowMark = lowMark;
        this.highMark = highMark;
        this.derefMark = derefMark;
        this.derefMinObjects = derefMinObjects;
        this.qpIntervalMicros = qpIntervalMicros;
        this.readYourOwnWrites = readYourOwnWrites;
        this.nestedLocking = nestedLocking;
    }

    /** @return the defaults listed in the class comment */
    public static MvRluConfig defaults() {
        return new MvRluConfig(ReclaimMode.BACKGROUND, 8192, 0.5, 0.75, 3, 50, 500, true, true);
    }

    /** @return the defaults with the C library's semantics: no read-your-own-writes, no nested locking */
    public static MvRluConfig cCompatible() {
        return defaults().withReadYourOwnWrites(false).withNestedLocking(false);
    }

    /**
     * @param v who detects grace periods and reclaims
     * @return a copy with this option changed
     */
    public MvRluConfig withReclaimMode(ReclaimMode v) {
        return new MvRluConfig(v, logCapacity, lowMark, highMark, derefMark, derefMinObjects, qpIntervalMicros, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v versions per handle's log, at least 1
     * @return a copy with this option changed
     */
    public MvRluConfig withLogCapacity(int v) {
        return new MvRluConfig(reclaimMode, v, lowMark, highMark, derefMark, derefMinObjects, qpIntervalMicros, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param low fraction of the log at which reclamation is requested at section exit
     * @param high fraction of the log at which section entry blocks; {@code 0 < low <= high <= 1}
     * @return a copy with these options changed
     */
    public MvRluConfig withWatermarks(double low, double high) {
        return new MvRluConfig(reclaimMode, logCapacity, low, high, derefMark, derefMinObjects, qpIntervalMicros, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param mark request reclamation when more than 1/{@code mark} of a section's derefs walked a
     *        version chain; 0 turns it off
     * @param minObjects only in sections with at least this many derefs
     * @return a copy with these options changed
     */
    public MvRluConfig withDerefMark(int mark, int minObjects) {
        return new MvRluConfig(reclaimMode, logCapacity, lowMark, highMark, mark, minObjects, qpIntervalMicros, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v the detector's nap between grace periods, in microseconds
     * @return a copy with this option changed
     */
    public MvRluConfig withQpIntervalMicros(long v) {
        return new MvRluConfig(reclaimMode, logCapacity, lowMark, highMark, derefMark, derefMinObjects, v, readYourOwnWrites, nestedLocking);
    }

    /**
     * @param v whether {@code deref} returns the section's own pending copy
     * @return a copy with this option changed
     */
    public MvRluConfig withReadYourOwnWrites(boolean v) {
        return new MvRluConfig(reclaimMode, logCapacity, lowMark, highMark, derefMark, derefMinObjects, qpIntervalMicros, v, nestedLocking);
    }

    /**
     * @param v whether locking an object twice in a section returns the same copy
     * @return a copy with this option changed
     */
    public MvRluConfig withNestedLocking(boolean v) {
        return new MvRluConfig(reclaimMode, logCapacity, lowMark, highMark, derefMark, derefMinObjects, qpIntervalMicros, readYourOwnWrites, v);
    }

    @Override
    public ReclaimMode reclaimMode() {
        return reclaimMode;
    }

    /** @return versions per handle's log */
    public int logCapacity() {
        return logCapacity;
    }

    /** @return the low watermark, as a fraction of the log capacity */
    public double lowMark() {
        return lowMark;
    }

    /** @return the high watermark, as a fraction of the log capacity */
    public double highMark() {
        return highMark;
    }

    /** @return the low watermark in versions (at least 1) */
    public int lowMarkVersions() {
        return Math.max(1, (int) Math.ceil(logCapacity * lowMark));
    }

    /** @return the high watermark in versions (at least 1) */
    public int highMarkVersions() {
        return Math.max(1, (int) Math.ceil(logCapacity * highMark));
    }

    /** @return the deref watermark (0: off) */
    public int derefMark() {
        return derefMark;
    }

    /** @return the derefs a section needs before the deref watermark applies */
    public int derefMinObjects() {
        return derefMinObjects;
    }

    /** @return the detector's nap between grace periods, in microseconds */
    public long qpIntervalMicros() {
        return qpIntervalMicros;
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
        return "mvrlu reclaim=" + reclaimMode + " logCapacity=" + logCapacity + " lowMark=" + lowMark
                + " highMark=" + highMark + " derefMark=" + derefMark + "/" + derefMinObjects
                + " qpIntervalMicros=" + qpIntervalMicros + " readYourOwnWrites=" + readYourOwnWrites
                + " nestedLocking=" + nestedLocking + " clock=logical";
    }

    @Override
    public String toString() {
        return describe();
    }
}
