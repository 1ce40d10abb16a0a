package dev.khronos.mvrlu.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class ParticipantPadLeft {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

abstract class ParticipantFields extends ParticipantPadLeft {
    /** Odd while a section is open. Written by the owner, read by grace-period detectors. */
    long runCount;
    /** The snapshot clock of the open (or last) section. */
    long localClock;
}

abstract class ParticipantPadRight extends ParticipantFields {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;
}

/**
 * One handle's grace-period state: the run counter (odd inside a section) and the section's
 * snapshot clock, alone on their cache lines because every section writes them and every
 * grace-period detection reads them. Also records the thread that last opened a section, so a
 * detector can tell a section abandoned by a dead thread from a long one.
 *
 * <p>Thread-safety: the {@code so}/{@code sp} methods and {@link #enterSection} are owner-only
 * (the thread using the handle); the {@code lv} methods may be called from any thread.
 * {@link #recoverIfOwnerDied()} is detector-side.
 */
public final class Participant extends ParticipantPadRight {
    private static final VarHandle RUN_COUNT;
    private static final VarHandle LOCAL_CLOCK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUN_COUNT = l.findVarHandle(ParticipantFields.class, "runCount", long.class);
            LOCAL_CLOCK = l.findVarHandle(ParticipantFields.class, "localClock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Thread owner;
    private final Runnable abandonedSectionRecovery;

    /**
     * @param abandonedSectionRecovery run by a detector, on its own thread, when the owner thread
     *        died inside a section: it must release what the section holds and end it (the dead
     *        thread's writes are visible to the detector through {@link Thread#isAlive()})
     */
    public Participant(Runnable abandonedSectionRecovery) {
        this.abandonedSectionRecovery = abandonedSectionRecovery;
    }

    /**
     * Opens a section: makes the run counter odd with a full fence (so the clock read that
     * follows cannot move before it), then reads and publishes the snapshot clock.
     *
     * @param clock the domain's commit clock
     * @return the snapshot clock
     */
    public long enterSection(CommitClock clock) {
        noteOwner();
        RUN_COUNT.getAndAdd(this, 1L);
        long now = clock.lvNow();
        LOCAL_CLOCK.setRelease(this, now);
        return now;
    }

    /**
     * Records the calling thread as the owner without announcing anything: an optimistic
     * section, which no grace period sees, may still lock objects, and a detector can release
     * them only if it can tell that their owner died.
     */
    public void noteOwner() {
        Thread t = Thread.currentThread();
        if (owner != t) {
            owner = t;
        }
    }

    /** Ends the section: run counter even again, with release order after every read in the section. */
    public void exitSection() {
        RUN_COUNT.setRelease(this, (long) RUN_COUNT.get(this) + 1L);
    }

    /** @return whether a section is open (owner-side, plain read) */
    public boolean lpInSection() {
        return ((long) RUN_COUNT.get(this) & 1L) != 0;
    }

    /** @return the run counter (odd while a section is open), volatile load */
    public long lvRunCount() {
        return (long) RUN_COUNT.getVolatile(this);
    }

    /** @return the snapshot clock of the current or last section, volatile load */
    public long lvLocalClock() {
        return (long) LOCAL_CLOCK.getVolatile(this);
    }

    /** @return the thread that last opened a section on this handle, or null */
    public Thread owner() {
        return owner;
    }

    /**
     * Binds the handle to a thread before its first section (for {@code ThreadLocal} handles).
     *
     * @param thread the owner thread
     */
    public void bindOwner(Thread thread) {
        owner = thread;
    }

    /** @return true if the last owner thread is known and has terminated */
    public boolean ownerDied() {
        Thread t = owner;
        return t != null && !t.isAlive();
    }

    /**
     * If the owner thread died with a section open, runs the recovery action and ends the section.
     *
     * @return true if a section was abandoned and has been recovered
     */
    public boolean recoverIfOwnerDied() {
        if (!ownerDied() || (lvRunCount() & 1L) == 0) {
            return false;
        }
        synchronized (this) {
            long rc = lvRunCount();
            if ((rc & 1L) == 0) {
                return false;
            }
            abandonedSectionRecovery.run();
            RUN_COUNT.setRelease(this, rc + 1L);
            return true;
        }
    }
}
