package dev.khronos.mvrlu;

import java.util.concurrent.locks.LockSupport;

/**
 * A thread's registration with a domain (the C {@code mvrlu_thread_struct_t}, made by
 * {@code mvrlu_thread_alloc} + {@code mvrlu_thread_init}): its run counter, snapshot clock, log of
 * committed write sets and statistics. Obtained from {@link RluDomain#register()} (explicit, for
 * thread pools, JMH and benchmark workers) or {@link RluDomain#current()} (a {@code ThreadLocal}
 * convenience). {@link #close()} deregisters it; versions still pending in its log are handed to
 * the domain's reclaimer, never lost.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: a handle is used by one thread at a time. It may move between threads (an
 * executor task may take it from a pool) while no section is open, with a happens-before edge
 * between the two uses (as any hand-off through a concurrent collection provides). Nothing is
 * keyed on the {@code Thread} object or its class. {@link #readLock()}, {@link #execute} and
 * {@link #flushLog()} are <em>quiescent-side</em> (called with no section open);
 * {@link #close()} too.
 */
public abstract class RluHandle implements AutoCloseable {

    /** For engine implementations. */
    protected RluHandle() {
    }

    /**
     * Opens this handle's section (the C {@code mvrlu_reader_lock}): takes the snapshot. May block
     * first while this handle's log is above the high watermark.
     *
     * @return this handle's reusable section object
     * @throws IllegalStateException if a section is already open (sections do not nest), or the
     *         handle is closed, or the domain is shut down
     */
    public abstract Section readLock();

    /**
     * Opens this handle's section as an <em>optimistic reader</em> (engine permitting; otherwise
     * this is {@link #readLock()}). An optimistic section does not announce itself to grace-period
     * detection, so opening and closing it write nothing shared and need no memory fence: the
     * cheapest way to run a short read-only operation. The price is validation, like
     * {@link java.util.concurrent.locks.StampedLock#tryOptimisticRead()}:
     * <ul>
     *   <li>{@link Section#close()} and {@link Section#deref} (engine permitting, not every
     *       call: MV-RLU checks on every deref that meets a version and on every eighth one)
     *       check that reclamation has not overtaken the snapshot, and throw {@link RluAbort} if
     *       it has (after a failed
     *       {@code deref} the section is still open and the caller aborts it; a failed
     *       {@code close()} ends it as {@code abort()} would);</li>
     *   <li>between two checks, fields of objects already dereferenced may show a newer state
     *       than the snapshot (a <em>zombie</em> read): code in an optimistic section must not
     *       loop or index arrays on such values without dereferencing again, and must treat an
     *       exception as meaningful only if {@link Section#validate()} still holds;</li>
     *   <li>it may lock ({@code tryLock}, {@code tryLockConst}, {@code free}) and commit: it stays
     *       unannounced, each lock and the commit validate first (a failed one throws
     *       {@link RluAbort}: abort and retry), so an update that finds nothing to do never pays
     *       the fence and one that does pays no more than a normal section. Engines that cannot
     *       lock in this mode open normal sections instead.</li>
     * </ul>
     * Callers retry with {@link #readLock()} after a failure, so the retry cannot fail again for
     * the same reason; {@link #executeOptimistic} does all of this.
     *
     * @return this handle's reusable section object
     * @throws IllegalStateException as {@link #readLock()}
     */
    public Section optimisticReadLock() {
        return readLock();
    }

    /**
     * Blocks until every version this handle committed has been reclaimed (written back into its
     * master), like the C {@code mvrlu_flush_log}. Benchmarks call it after populating a structure.
     */
    public abstract void flushLog();

    /** @return the domain this handle is registered with */
    public abstract RluDomain domain();

    /** @return true once {@link #close()} has run */
    public abstract boolean isClosed();

    /**
     * Deregisters the handle. Idempotent.
     *
     * @throws IllegalStateException if a section is open
     */
    @Override
    public abstract void close();

    /**
     * Runs {@code body} in a section until it commits: on {@link RluAbort} (a failed
     * {@link Section#lock}, or {@link Section#retry}) the section is aborted and the body runs
     * again after a short back-off. Any other exception aborts the section and propagates. If the
     * body ends the section itself (by {@code abort()}), its result is returned as is.
     *
     * @param <R> the body's result type
     * @param body the operation; may run several times, see {@link SectionFunction}
     * @return the body's result from the attempt that committed
     */
    @SuppressWarnings("unchecked")
    public final <R> R execute(SectionFunction<R> body) {
        return (R) execute(body, APPLY_BODY);
    }

    /** Adapts the one-argument form, without capturing (so without allocating). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final SectionBiFunction APPLY_BODY = (s, body) -> ((SectionFunction) body).apply(s);

    /**
     * {@link #execute(SectionFunction)} with an argument, for allocation-free non-capturing lambdas.
     *
     * @param <A> the argument's type
     * @param <R> the body's result type
     * @param argument passed to every attempt of {@code body}
     * @param body the operation; may run several times
     * @return the body's result from the attempt that committed
     */
    public final <A, R> R execute(A argument, SectionBiFunction<A, R> body) {
        return run(argument, body, false);
    }

    /**
     * {@link #execute(SectionFunction)} whose first attempt runs in an
     * {@linkplain #optimisticReadLock() optimistic section}: fence-free when the body only reads
     * and reclamation does not overtake it; an attempt that fails validation (at a lock, a deref
     * check or the commit) is retried in a normal section. An exception thrown by the body
     * propagates only if the section's reads were still valid; otherwise the body runs again. The
     * body must tolerate zombie reads as {@link #optimisticReadLock()} describes.
     *
     * @param <R> the body's result type
     * @param body the operation; may run several times
     * @return the body's result from the attempt that committed
     */
    @SuppressWarnings("unchecked")
    public final <R> R executeOptimistic(SectionFunction<R> body) {
        return (R) executeOptimistic(body, APPLY_BODY);
    }

    /**
     * {@link #executeOptimistic(SectionFunction)} with an argument, for allocation-free lambdas.
     *
     * @param <A> the argument's type
     * @param <R> the body's result type
     * @param argument passed to every attempt of {@code body}
     * @param body the operation; may run several times
     * @return the body's result from the attempt that committed
     */
    public final <A, R> R executeOptimistic(A argument, SectionBiFunction<A, R> body) {
        return run(argument, body, true);
    }

    /** The one retry loop of both execute forms. */
    private <A, R> R run(A argument, SectionBiFunction<A, R> body, boolean optimisticFirst) {
        for (int attempt = 0; ; attempt++) {
            Section s = optimisticFirst && attempt == 0 ? optimisticReadLock() : readLock();
            try {
                R result = body.apply(s, argument);
                if (s.isOpen()) {
                    s.close();
                }
                return result;
            } catch (RluAbort abort) {
                if (s.isOpen()) {
                    s.abort();
                }
            } catch (Throwable t) {
                // From an optimistic section whose reads were overtaken, the exception may come
                // from a zombie read: discard it and run the body again.
                boolean real = !s.isOptimistic() || s.validate();
                if (s.isOpen()) {
                    s.abort();
                }
                if (real) {
                    throw t;
                }
            }
            backOff(attempt);
        }
    }

    /**
     * Back-off between attempts: spin a little, then yield, then park, so that on an
     * oversubscribed machine the conflicting writer gets the CPU it needs to finish.
     */
    private static void backOff(int attempt) {
        if (attempt < 4) {
            Thread.onSpinWait();
        } else if (attempt < 16) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000L << Math.min(attempt - 16, 10), 1_000_000L));
        }
    }
}
