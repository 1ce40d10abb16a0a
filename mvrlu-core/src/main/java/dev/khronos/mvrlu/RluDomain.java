package dev.khronos.mvrlu;

import dev.khronos.mvrlu.sync.LogicalClock;
import dev.khronos.mvrlu.sync.ThreadRegistry;

/**
 * An engine instance (the C library's global state after {@code mvrlu_init}): configuration,
 * clock, thread registry, reclaimer and statistics. Several independent domains may live in one
 * JVM; objects must only ever be used under the domain whose sections created their versions.
 *
 * <h2>Thread-safety</h2>
 * Thread-safe: {@link #register()}, {@link #current()}, {@link #stats()} and the accessors may be
 * called from any thread at any time. {@link #quiesce()} and {@link #shutdown()} are
 * <em>quiescent-only</em>: the calling thread must not have a section open in this domain (they
 * wait for every open section to end).
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

    /** @return the commit clock */
    public abstract LogicalClock clock();

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
