package dev.khronos.mvrlu.sync;

import org.agrona.concurrent.IdleStrategy;

/**
 * Grace-period detection (the C {@code qp_detect}), shared by the RLU-family engines.
 *
 * <p>Implementation notes. {@link #awaitGracePeriod} reads the clock ({@code qp}), then every
 * participant's run counter, and waits for each participant found inside a section until that
 * section ends or its snapshot clock is at least {@code qp}. Afterwards every section that is
 * open, or will open, has a snapshot clock of at least {@code qp}: a participant whose counter was
 * read even opens its next section with a clock read that follows ours in the synchronization
 * order, and registrations are published through the registry's atomic array in the same way.
 * Waiting backs off (spin, yield, park) through the caller's {@link IdleStrategy}; a participant
 * whose owner thread has died is recovered instead of waited for, so it never blocks a grace period.
 *
 * <p>Thread-safety: thread-safe; several threads may detect concurrently (each with its own idle
 * strategy). Must not be called by a thread with a section open in the same domain (it would wait
 * for itself).
 */
public final class GracePeriodDetector {
    /** How many idle rounds on one participant between checks that its owner is still alive. */
    private static final int OWNER_CHECK_PERIOD = 64;

    private final LogicalClock clock;
    private final ThreadRegistry registry;

    /**
     * @param clock the domain's commit clock
     * @param registry the participants whose sections grace periods wait for
     */
    public GracePeriodDetector(LogicalClock clock, ThreadRegistry registry) {
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Waits for a grace period.
     *
     * @param idle the caller's back-off strategy (not shared between threads)
     * @return {@code qp}: every section open now or later has a snapshot clock {@code >= qp}
     */
    public long awaitGracePeriod(IdleStrategy idle) {
        final long qp = clock.lvNow();
        for (Participant p : registry.snapshot()) {
            final long rc = p.lvRunCount();
            if ((rc & 1L) == 0) {
                continue;
            }
            idle.reset();
            int rounds = 0;
            while (p.lvRunCount() == rc && p.lvLocalClock() < qp) {
                if (++rounds % OWNER_CHECK_PERIOD == 0 && p.recoverIfOwnerDied()) {
                    break;
                }
                idle.idle();
            }
        }
        return qp;
    }

    /**
     * A safe bound without waiting: the clock, lowered to the snapshot clock of every participant
     * found inside a section. Every section open now or later has a snapshot at least this (a
     * participant found outside opens its next section with a clock read that follows ours, and
     * a snapshot clock read stale from an earlier section is only lower). Lets a thread whose log
     * fills up reclaim without waiting for the background detector, which on an oversubscribed
     * machine may not get a CPU for milliseconds.
     *
     * @return a timestamp {@code <= } the clock that every open and future section's snapshot reaches
     */
    public long safeBoundNow() {
        long bound = clock.lvNow();
        for (Participant p : registry.snapshot()) {
            if ((p.lvRunCount() & 1L) != 0) {
                bound = Math.min(bound, p.lvLocalClock());
            }
        }
        return bound;
    }
}
