package dev.khronos.mvrlu;

import dev.khronos.mvrlu.sync.CommitClock;
import dev.khronos.mvrlu.sync.ThreadRegistry;

/**
 * An engine instance (the C library's global state after {@code mvrlu_init}): configuration,
 * clock, thread registry, reclaimer and statistics. Several independent domains may live in one
 * JVM; objects must only ever be used under the domain whose sections created their versions.
 *
 * <h2>Two kinds of waiting: {@link #quiesce()} and {@link #synchronize()}</h2>
 * {@link #quiesce()} is the engine's grace period plus reclamation: it reads the commit clock and
 * waits only for the sections whose snapshot is older than that clock (the ones that might still
 * read a version it is about to write back), then writes back what it can. A section that opened
 * after the last commit is not waited for, so with no commits in between it may return while
 * readers are still inside. {@link #synchronize()} is RCU's {@code synchronize_rcu()}: it waits for
 * every section that was open when it was called, whatever its snapshot, and reclaims nothing.
 * Use it when something irrevocable must follow the unpublishing of an object that readers may
 * still hold (reusing it, closing a resource, reporting that no reader can see the old state).
 *
 * <h2>Thread-safety</h2>
 * Thread-safe: {@link #register()}, {@link #current()}, {@link #stats()} and the accessors may be
 * called from any thread at any time. {@link #quiesce()}, {@link #synchronize()} and
 * {@link #shutdown()} are <em>quiescent-only</em>: the calling thread must not have a section open
 * in this domain (they wait for every open section to end; {@code synchronize()} detects the
 * mistake and throws).
 */
public abstract class RluDomain implements AutoCloseable {
    private final ThreadLocal<RluHandle> current = new ThreadLocal<>();

    /** For engine implementations. */
    protected RluDomain() {
    }

    /**
     * Registers a new handle. The caller owns it and must {@link RluHandle#close() close} it.
     *
     * @return the new handle, to be used by one thread at a time
     * @throws IllegalStateException if the domain is shut down
     */
    public abstract RluHandle register();

    /**
     * The calling thread's handle, registered on first use and kept in a {@code ThreadLocal}
     * (re-registered if it was closed). Convenient, but each call is a {@code ThreadLocal} lookup:
     * hot loops and virtual threads should hold an explicit handle from {@link #register()}.
     * Handles made here are closed by the reclaimer once their thread has died.
     *
     * @return the calling thread's handle
     */
    public final RluHandle current() {
        RluHandle h = current.get();
        if (h == null || h.isClosed()) {
            h = registerForCurrentThread();
            current.set(h);
        }
        return h;
    }

    /**
     * Registers a handle owned by the calling thread for {@link #current()}; engines may mark it
     * so that it is closed automatically after its thread dies.
     *
     * @return the new handle
     */
    protected RluHandle registerForCurrentThread() {
        return register();
    }

    /** @return this domain's configuration */
    public abstract DomainConfig config();

    /** @return the clock snapshots and commit timestamps come from */
    public abstract CommitClock clock();

    /** @return the registry of handles taking part in grace periods */
    public abstract ThreadRegistry registry();

    /** @return a snapshot of the merged statistics (counters named as in the C library) */
    public abstract RluStats stats();

    /**
     * Waits for a grace period and reclaims every log as far as it then allows (every version
     * committed before the call is written back unless a writer holds its object).
     * Quiescent-only.
     */
    public abstract void quiesce();

    /**
     * RCU's grace period ({@code synchronize_rcu()}): returns once every section that was open in
     * this domain when it was called has ended (committed, aborted or closed); sections opened
     * meanwhile may or may not be waited for. A section that is not waited for sees every write
     * the caller made before the call, and everything the waited-for sections did happens before
     * the return. Reclaims nothing and commits nothing (see the class comment for
     * how it differs from {@link #quiesce()}).
     *
     * <p>Waiting backs off (spin, yield, park) and depends on no other thread than the readers
     * waited for: a section whose thread died inside it is recovered rather than waited for, so
     * a dead reader never blocks it forever; a live reader that stays inside does, as in RCU.
     * Optimistic sections ({@link RluHandle#optimisticReadLock()}, on engines where they do not
     * announce themselves) are neither waited for nor detected: readers that a grace period must
     * cover use {@link RluHandle#readLock()}.
     *
     * @throws IllegalStateException if the calling thread has a section open in this domain, on any
     *         of its handles (it would wait for itself forever); nothing is waited for then
     */
    public abstract void synchronize();

    /**
     * Stops the reclaimer and reclaims what is left (the C {@code mvrlu_finish}). Afterwards no
     * section can be opened. Idempotent. Quiescent-only.
     */
    public abstract void shutdown();

    /** @return true once {@link #shutdown()} has been called */
    public abstract boolean isShutdown();

    /** Same as {@link #shutdown()}. */
    @Override
    public final void close() {
        shutdown();
    }
}
