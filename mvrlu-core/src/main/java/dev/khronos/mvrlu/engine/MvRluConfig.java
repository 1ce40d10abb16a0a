package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.DomainConfig;
import dev.khronos.mvrlu.ReclaimMode;
import dev.khronos.mvrlu.sync.OrdoClock;

import java.util.Locale;
import java.util.function.Consumer;

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
 *   <tr><td>reclaimBatch</td><td>32 versions: a handle scans for a safe timestamp itself, without
 *       waiting, and reclaims its own log every 32 versions, so versions are written back while
 *       they are still in its cache and chains stay short (Java only; 0: as C, the background
 *       thread and the watermarks only)</td></tr>
 *   <tr><td>clock</td><td>{@link Timestamping#LOGICAL}: one shared counter [C: {@code gclk};
 *       {@link Timestamping#ORDO} is {@code MVRLU_ORDO_TIMESTAMPING}, the C default], with the ORDO
 *       bound measured when the domain is made unless {@code ordoBoundNanos} is set</td></tr>
 *   <tr><td>readYourOwnWrites</td><td>true: {@code deref} of an object this section locked
 *       returns its pending copy (C: off)</td></tr>
 *   <tr><td>nestedLocking</td><td>true: locking an object twice in a section returns the same
 *       copy (C: off, {@code MVRLU_NESTED_LOCKING})</td></tr>
 * </table>
 * {@link #cCompatible()} turns the last two off, to match the C library's semantics exactly.
 *
 * <p>Thread-safety: immutable.
 */
public final class MvRluConfig implements DomainConfig, Cloneable {
    // Not final so that each with... method can change one field of a clone; never changed after
    // the clone is returned, so instances are immutable.
    private ReclaimMode reclaimMode = ReclaimMode.BACKGROUND;
    private int logCapacity = 8192;
    private double lowMark = 0.5;
    private double highMark = 0.75;
    private int derefMark = 3;
    private int derefMinObjects = 50;
    private long qpIntervalMicros = 500;
    private int reclaimBatch = 32;
    private Timestamping timestamping = Timestamping.LOGICAL;
    /** The ORDO bound in nanoseconds; -1: measured ({@link OrdoClock#measuredBound()}). */
    private long ordoBoundNanos = -1;
    private boolean readYourOwnWrites = true;
    private boolean nestedLocking = true;

    private MvRluConfig() {
    }

    private MvRluConfig with(Consumer<MvRluConfig> change) {
        MvRluConfig c;
        try {
            c = (MvRluConfig) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        change.accept(c);
        c.validate();
        return c;
    }

    private void validate() {
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
        if (timestamping == null) {
            throw new IllegalArgumentException("timestamping must not be null");
        }
        if (ordoBoundNanos < -1) {
            throw new IllegalArgumentException("the ORDO bound must be >= 0 ns (or -1: measured), got " + ordoBoundNanos);
        }
        if (reclaimBatch < 0) {
            throw new IllegalArgumentException("reclaimBatch must be >= 0, got " + reclaimBatch);
        }
    }

    /** @return the defaults listed in the class comment */
    public static MvRluConfig defaults() {
        return new MvRluConfig();
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
        return with(c -> c.reclaimMode = v);
    }

    /**
     * @param v versions per handle's log, at least 1
     * @return a copy with this option changed
     */
    public MvRluConfig withLogCapacity(int v) {
        return with(c -> c.logCapacity = v);
    }

    /**
     * @param low fraction of the log at which reclamation is requested at section exit
     * @param high fraction of the log at which section entry blocks; {@code 0 < low <= high <= 1}
     * @return a copy with these options changed
     */
    public MvRluConfig withWatermarks(double low, double high) {
        return with(c -> {
            c.lowMark = low;
            c.highMark = high;
        });
    }

    /**
     * @param mark request reclamation when more than 1/{@code mark} of a section's derefs walked a
     *        version chain; 0 turns it off
     * @param minObjects only in sections with at least this many derefs
     * @return a copy with these options changed
     */
    public MvRluConfig withDerefMark(int mark, int minObjects) {
        return with(c -> {
            c.derefMark = mark;
            c.derefMinObjects = minObjects;
        });
    }

    /**
     * @param v the detector's nap between grace periods, in microseconds
     * @return a copy with this option changed
     */
    public MvRluConfig withQpIntervalMicros(long v) {
        return with(c -> c.qpIntervalMicros = v);
    }

    /**
     * @param versions how many versions a handle's log gains between two non-blocking scans for a
     *        safe timestamp made by the handle itself at a section's end (each followed by the
     *        reclamation of its own log); 0 leaves reclamation to the background thread and the
     *        watermarks, as the C library does
     * @return a copy with this option changed
     */
    public MvRluConfig withReclaimBatch(int versions) {
        return with(c -> c.reclaimBatch = versions);
    }

    /**
     * @param v where timestamps come from ({@link Timestamping#ORDO}: the C library's default build)
     * @return a copy with this option changed
     */
    public MvRluConfig withClock(Timestamping v) {
        return with(c -> c.timestamping = v);
    }

    /**
     * @param nanos the ORDO uncertainty bound to use instead of measuring it when the domain is made
     *        (a bound below the machine's real offset breaks snapshots); -1: measure
     * @return a copy with this option changed
     */
    public MvRluConfig withOrdoBoundNanos(long nanos) {
        return with(c -> c.ordoBoundNanos = nanos);
    }

    /**
     * @param v whether {@code deref} returns the section's own pending copy
     * @return a copy with this option changed
     */
    public MvRluConfig withReadYourOwnWrites(boolean v) {
        return with(c -> c.readYourOwnWrites = v);
    }

    /**
     * @param v whether locking an object twice in a section returns the same copy
     * @return a copy with this option changed
     */
    public MvRluConfig withNestedLocking(boolean v) {
        return with(c -> c.nestedLocking = v);
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

    /** @return where timestamps come from */
    public Timestamping clock() {
        return timestamping;
    }

    /** @return the configured ORDO bound in nanoseconds, or -1 for the measured one */
    public long ordoBoundNanos() {
        return ordoBoundNanos;
    }

    /** @return see {@link #withReclaimBatch(int)} */
    public int reclaimBatch() {
        return reclaimBatch;
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
                + " qpIntervalMicros=" + qpIntervalMicros + " reclaimBatch=" + reclaimBatch + " readYourOwnWrites=" + readYourOwnWrites
                + " nestedLocking=" + nestedLocking + " clock=" + timestamping.name().toLowerCase(Locale.ROOT)
                + (timestamping == Timestamping.ORDO ? " ordoBoundNanos=" + (ordoBoundNanos < 0 ? "measured" : ordoBoundNanos) : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
