package dev.khronos.mvrlu.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * ORDO timestamps (Kashyap et al., EuroSys 2018; the C library's default build): the machine's
 * invariant time source, {@link System#nanoTime()}, read by every thread on its own core, with a
 * global uncertainty bound {@code B} instead of a shared counter. No cache line is written per
 * commit, which is what pays on machines with many cores, where the shared counter's line
 * bouncing between them limits commits; on a few cores the counter costs less than the bound.
 *
 * <p>Implementation notes (nanoseconds since the clock was made, so always positive).
 * <ul>
 *   <li>{@code B} bounds the offset between two threads' readings: an event that happens after
 *       another, on any cores, reads a time more than {@code B} below the other's at most. It is
 *       measured once per JVM ({@link #measuredBound()}), by the ORDO paper's method.</li>
 *   <li>Commit timestamp = {@code now + B}, read after the links and a full fence that makes them
 *       visible everywhere: a reader that missed the links took its snapshot earlier, so below
 *       {@code now + B}, and does not take the version. {@code B} also covers a reader's own time
 *       reading being executed a little after the loads that follow it.</li>
 *   <li>Commit wait: the committer returns only once its own clock reads {@code ts + B}, so that
 *       every section that starts afterwards anywhere has a snapshot {@code >= ts} and sees the
 *       commit (real-time order, which linearizable structures need and the C code lacks: its
 *       defect D2). This costs {@code 2B} per commit: the price of the option on few cores.</li>
 *   <li>Grace periods publish {@code now - B}: sections that start later read at least that.</li>
 * </ul>
 * This relies on the time source being invariant and consistent across cores to within the
 * measured bound, which the Java specification does not promise ({@code nanoTime} is only
 * monotonic per thread) and the hardware and OS usually give (Linux's {@code CLOCK_MONOTONIC} on
 * an invariant TSC). A bound smaller than the real offset shows up as torn snapshots; the
 * engine's stress tests detect it with a deliberately skewed clock.
 *
 * <p>Thread-safety: thread-safe and immutable.
 */
public final class OrdoClock extends CommitClock {
    private static final int ROUND_TRIPS = 2_000;
    private static final long PAIR_TIME_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int MAX_CALIBRATION_THREADS = 8;
    private static final int PAIR_RUNS = 3;

    private final LongSupplier timeSource;
    private final long origin;
    private final long bound;

    /**
     * @param boundNanos the uncertainty bound {@code B}, at least 0 ({@link #measuredBound()} for the
     *        measured one)
     * @param timeSource nanoseconds, e.g. {@code System::nanoTime} (tests inject skewed sources)
     */
    public OrdoClock(long boundNanos, LongSupplier timeSource) {
        if (boundNanos < 0) {
            throw new IllegalArgumentException("the ORDO bound must be >= 0 ns, got " + boundNanos);
        }
        this.timeSource = timeSource;
        this.bound = boundNanos;
        // Timestamps stay positive (0 is "always visible", Long.MAX_VALUE "pending") for about
        // 292 years, whatever the skew of a thread's source within the bound.
        this.origin = timeSource.getAsLong() - boundNanos - 1_000_000_000L;
    }

    /** @return an ORDO clock over {@link System#nanoTime()} with the measured bound */
    public static OrdoClock measured() {
        return new OrdoClock(measuredBound(), System::nanoTime);
    }

    @Override
    public long lvNow() {
        return timeSource.getAsLong() - origin;
    }

    /**
     * A full fence first: the commit's links must be visible to every core before the time is read
     * (a link still in this core's store buffer when the time is taken would let a reader that
     * missed it take the commit's other versions: a torn snapshot, seen by the bank stress test
     * without the fence). The counter's atomic increment is such a fence by itself.
     */
    @Override
    public long newTimestamp() {
        VarHandle.fullFence();
        return lvNow() + bound;
    }

    @Override
    public void awaitVisibleToAll(long ts) {
        final long until = ts + bound;
        for (int spins = 0; lvNow() < until; spins++) {
            if (spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();                 // a bound of microseconds on a loaded machine
            }
        }
    }

    /** The fence keeps the participants' run counters from being read before the time. */
    @Override
    public long lowestFutureSnapshot() {
        long t = lvNow() - bound;
        VarHandle.fullFence();
        return t;
    }

    @Override
    public long bound() {
        return bound;
    }

    @Override
    public String kind() {
        return "ordo";
    }

    /**
     * The uncertainty bound of {@link System#nanoTime()} on this machine, measured on first use
     * (a few milliseconds) and kept for the JVM's life.
     *
     * @return nanoseconds, at least 1
     */
    public static long measuredBound() {
        return Calibration.BOUND;
    }

    private static final class Calibration {
        static final long BOUND = measure(Math.min(MAX_CALIBRATION_THREADS,
                Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * The ORDO paper's calibration: for every pair of threads (which the OS spreads over the
     * cores), many round trips in which one thread publishes its clock reading and the other,
     * having seen it, reads its own; the smallest difference observed in each direction is the
     * one-way delay minus the offset between the two clocks (or plus it), so the larger of the
     * two minima bounds the offset. The bound is the largest over all pairs, at least 1 ns.
     */
    static long measure(int threads) {
        long bound = 1;
        for (int i = 0; i < threads; i++) {
            for (int j = i + 1; j < threads; j++) {
                bound = Math.max(bound, measurePair(System::nanoTime));
            }
        }
        return bound;
    }

    /**
     * @return the larger of the two directions' smallest observed (reader time - writer time), over
     *         {@value #PAIR_RUNS} runs: every sample is at least the true offset, so more samples
     *         only tighten the bound, and a run that a loaded machine slowed down does not inflate it
     */
    static long measurePair(LongSupplier time) {
        long[] minDelay = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int run = 0; run < PAIR_RUNS; run++) {
            PingPong pp = new PingPong();
            Thread partner = new Thread(() -> pp.play(time, 1), "ordo-calibration");
            partner.setDaemon(true);
            partner.start();
            pp.play(time, 0);
            try {
                partner.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (int d = 0; d < 2; d++) {
                minDelay[d] = Math.min(minDelay[d], pp.minDelay[d]);
            }
        }
        long bound = 0;
        for (long d : minDelay) {
            if (d != Long.MAX_VALUE) {          // a direction without a sample (abandoned) says nothing
                bound = Math.max(bound, d);
            }
        }
        return bound;
    }

    /**
     * Two players take turns: the player whose turn it is reads the other's published time
     * together with its own clock, then publishes a fresh reading and passes the turn.
     */
    private static final class PingPong {
        private static final VarHandle TURN;
        private static final VarHandle STAMP;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                TURN = l.findVarHandle(PingPong.class, "turn", int.class);
                STAMP = l.findVarHandle(PingPong.class, "stamp", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private int turn;
        private long stamp;
        private volatile boolean abandoned;
        /** minDelay[p]: smallest (p's reading - the other's published reading) seen by player p. */
        final long[] minDelay = {Long.MAX_VALUE, Long.MAX_VALUE};

        void play(LongSupplier time, int me) {
            final long deadline = System.nanoTime() + PAIR_TIME_LIMIT_NANOS;
            for (int trip = 0; trip < ROUND_TRIPS; trip++) {
                int spins = 0;
                while ((int) TURN.getVolatile(this) != me) {
                    if (abandoned) {
                        return;
                    }
                    if (++spins > 1_000) {
                        Thread.yield();         // the partner may be waiting for a CPU
                        if (System.nanoTime() > deadline) {
                            abandoned = true;   // enough samples for a minimum on a loaded machine
                            return;
                        }
                    } else {
                        Thread.onSpinWait();
                    }
                }
                long theirs = (long) STAMP.getVolatile(this);
                long mine = time.getAsLong();
                if (trip > 0 || me == 1) {
                    minDelay[me] = Math.min(minDelay[me], mine - theirs);
                }
                STAMP.setVolatile(this, time.getAsLong());
                TURN.setVolatile(this, 1 - me);
            }
            abandoned = true;
        }
    }
}
