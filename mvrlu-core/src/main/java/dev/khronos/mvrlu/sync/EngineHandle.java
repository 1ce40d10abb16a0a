package dev.khronos.mvrlu.sync;

import dev.khronos.mvrlu.RluHandle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What every RLU-family engine's thread handle keeps the same way: its grace-period
 * {@link Participant}, its statistics, and whether it is closed or closes itself once its thread
 * dies ({@code current()} handles). Engines add the section and the log.
 *
 * <p><b>Internal API</b> for the engines. Thread-safety: as {@link RluHandle}, used by one thread
 * at a time; {@link #markClosed()} and the accessors are thread-safe (a domain closes the handles
 * of dead threads from another thread).
 *
 * @param <E> the engine's statistics enum
 */
public abstract class EngineHandle<E extends Enum<E>> extends RluHandle {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(EngineHandle.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Participant participant;
    private final StatCounters<E> counters;
    private volatile boolean closed;
    private volatile boolean autoClose;

    /** @param stats every constant of the engine's statistics enum */
    protected EngineHandle(E[] stats) {
        this.participant = new Participant(this::recoverAbandonedSection);
        this.counters = new StatCounters<>(stats);
    }

    /**
     * Detector-side: the owner thread died inside a section; release what the section holds (its
     * run counter is ended by the caller).
     */
    protected abstract void recoverAbandonedSection();

    /** @return this handle's grace-period state */
    public final Participant participant() {
        return participant;
    }

    /** @return this handle's statistics (single writer: the thread using the handle) */
    public final StatCounters<E> counters() {
        return counters;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    /** @return true for exactly one caller, the one that closed the handle */
    protected final boolean markClosed() {
        return CLOSED.compareAndSet(this, false, true);
    }

    /** Marks a {@code current()} handle: its domain closes it once its thread has died. */
    final void markAutoClose() {
        autoClose = true;
    }

    /** @return whether the domain closes this handle once its thread has died */
    public final boolean isAutoClose() {
        return autoClose;
    }
}
