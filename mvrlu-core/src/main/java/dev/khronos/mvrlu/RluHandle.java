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
     * @return the body's result from the attempt that committed
     */
    @SuppressWarnings("unchecked")
    public final <R> R execute(SectionFunction<R> body) {
        return (R) execute(body, APPLY_BODY);
    }

    /** Adapts the one-argument form, without capturing (so without allocating). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final SectionBiFunction APPLY_BODY = (s, body) -> ((SectionFunction) body).apply(s);

    /** {@link #execute(SectionFunction)} with an argument, for allocation-free non-capturing lambdas. */
    public final <A, R> R execute(A argument, SectionBiFunction<A, R> body) {
        for (int attempt = 0; ; attempt++) {
            Section s = readLock();
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
                if (s.isOpen()) {
                    s.abort();
                }
                throw t;
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
