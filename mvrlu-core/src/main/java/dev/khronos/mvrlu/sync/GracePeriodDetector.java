package dev.khronos.mvrlu.sync;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.VarHandle;
import java.util.function.BooleanSupplier;

/**
 * Grace-period detection (the C {@code qp_detect}), shared by the RLU-family engines.
 *
 * <p>Implementation notes. {@link #awaitGracePeriod} reads the clock's
 * {@link CommitClock#lowestFutureSnapshot() lowest future snapshot} ({@code qp}), then every
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

    /** Returned by an abandoned {@link #awaitGracePeriod(IdleStrategy, BooleanSupplier)}. */
    public static final long ABANDONED = -1L;
    private static final BooleanSupplier NEVER = () -> false;

    private final CommitClock clock;
    private final ThreadRegistry registry;

    /**
     * @param clock the domain's commit clock
     * @param registry the participants whose sections grace periods wait for
     */
    public GracePeriodDetector(CommitClock clock, ThreadRegistry registry) {
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
        return awaitGracePeriod(idle, NEVER);
    }

    /**
     * Waits for a grace period unless {@code abandon} turns true first (checked between back-off
     * rounds): lets a background thread stop promptly while a section it waits for stays open.
     *
     * @param idle the caller's back-off strategy (not shared between threads)
     * @param abandon checked between back-off rounds; true ends the wait
     * @return {@code qp} as {@link #awaitGracePeriod(IdleStrategy)}, or {@link #ABANDONED} if the
     *         wait was abandoned (then nothing may be concluded)
     */
    public long awaitGracePeriod(IdleStrategy idle, BooleanSupplier abandon) {
        final long qp = start();
        return awaitParticipants(qp, idle, abandon) ? qp : ABANDONED;
    }

    /**
     * The one wait of both grace periods: for every participant found inside a section, wait
     * until that section ends or its snapshot reaches {@code below} ({@code Long.MAX_VALUE}: until
     * it ends), recovering the section instead if its owner thread died.
     *
     * @return false if {@code abandon} turned true first
     */
    private boolean awaitParticipants(long below, IdleStrategy idle, BooleanSupplier abandon) {
        for (Participant p : registry.snapshot()) {
            final long rc = p.lvRunCount();
            if ((rc & 1L) == 0) {
                continue;
            }
            idle.reset();
            int rounds = 0;
            while (p.lvRunCount() == rc && p.lvLocalClock() < below) {
                if (++rounds % OWNER_CHECK_PERIOD == 0 && p.recoverIfOwnerDied()) {
                    break;
                }
                if (abandon.getAsBoolean()) {
                    return false;
                }
                idle.idle();
            }
        }
        return true;
    }

    /** Takes a detection's bound from the clock, before the participants are read. */
    private long start() {
        return clock.lowestFutureSnapshot();
    }

    /**
     * RCU's grace period ({@code synchronize_rcu}), for {@code RluDomain.synchronize()}: returns
     * once every section that was open when it was called has ended, whatever its snapshot.
     * Unlike {@link #awaitGracePeriod}, which waits only for sections older than the clock it
     * reads (and so, with no commit since, for none), this takes no clock value into account.
     *
     * <p>A full fence first orders the caller's earlier writes (typically the unlink of a node,
     * by a release store) before the reads of the run counters: a section found outside, or
     * opened afterwards, announced itself with a full fence too, so it reads those writes. Each
     * participant found inside a section (odd run counter {@code rc}) is then waited for until its
     * counter differs from {@code rc}, whose volatile read makes everything the section read
     * happen before this method returns. A participant whose owner thread died inside the section
     * is recovered instead of waited for. Participants registered after the scan began can only
     * hold sections opened after the call. Allocation-free.
     *
     * @param idle the caller's back-off strategy (not shared between threads)
     * @throws IllegalStateException if the calling thread has a section open in this domain (it
     *         would wait for itself forever); checked before waiting for anything
     */
    public void awaitSectionsOpenNow(IdleStrategy idle) {
        if (callerHasSectionOpen()) {
            throw new IllegalStateException("synchronize() called inside a section of the same domain: it would wait "
                    + "forever for that section; close the section first");
        }
        VarHandle.fullFence();
        awaitParticipants(Long.MAX_VALUE, idle, NEVER);
    }

    /**
     * Whether the calling thread has an announced section open on some handle of this domain: a
     * participant in a section whose owner ({@link Participant#owner()}, set by the opening
     * thread before it makes the run counter odd) is this thread. The run counter is read first:
     * a count made odd by another thread then comes with that thread as the owner, so a handle
     * handed from this thread to another is never mistaken for one of ours. Optimistic sections
     * that never announced themselves are not seen (nothing waits for them either).
     *
     * @return true if a grace-period wait by the calling thread would wait for itself
     */
    public boolean callerHasSectionOpen() {
        final Thread me = Thread.currentThread();
        for (Participant p : registry.snapshot()) {
            if ((p.lvRunCount() & 1L) != 0 && p.owner() == me) {
                return true;
            }
        }
        return false;
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
        long bound = start();
        for (Participant p : registry.snapshot()) {
            if ((p.lvRunCount() & 1L) != 0) {
                bound = Math.min(bound, p.lvLocalClock());
            }
        }
        return bound;
    }
}
