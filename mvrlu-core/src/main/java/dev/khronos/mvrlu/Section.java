package dev.khronos.mvrlu;

/**
 * An RLU section (the C {@code mvrlu_reader_lock} ... {@code mvrlu_reader_unlock} pair): a
 * consistent snapshot for reads, plus the write set of the objects locked in it. Opened by
 * {@link RluHandle#readLock()}, ended by {@link #close()} (which commits the write set) or by
 * {@link #abort()}. Each handle owns one reusable section object, so try-with-resources on it
 * allocates nothing:
 *
 * <pre>{@code
 * try (Section s = handle.readLock()) {
 *     Node n = s.deref(head);
 *     while (n.key < key) n = s.deref(n.next);
 *     return n.key == key;
 * }
 * }</pre>
 *
 * <h2>Rules (the RLU contract)</h2>
 * <ul>
 *   <li>Every pointer loaded from a shared field goes through {@link #deref}; pointers obtained in a
 *       section must not be used after it ends.</li>
 *   <li>Mutate only the private copy returned by {@link #tryLock}; store pointers into it with
 *       {@link #ref} (shared fields hold masters, the C {@code mvrlu_assign_ptr}); compare with
 *       {@link #same} ({@code mvrlu_cmp_ptrs}).</li>
 *   <li>Lock (or {@link #tryLockConst const-lock}) every object your decision depends on: the
 *       engines give snapshot isolation with first-updater-wins, not serializability.</li>
 *   <li>When a lock fails, {@link #abort()} and restart the operation (or use
 *       {@link RluHandle#execute}, which does it for you).</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: a section belongs to its handle and is used by one thread at a time, between
 * {@code readLock()} and {@code close()}/{@code abort()}. Every method here is <em>section-side</em>
 * (valid only while the section is open) except {@link #ref}, {@link #same} and {@link #isOpen}.
 * Using a closed section throws {@link IllegalStateException}.
 */
public abstract class Section implements AutoCloseable {

    /** For engine implementations. */
    protected Section() {
    }

    /**
     * Returns the version of {@code obj} that belongs to this section's snapshot (the C
     * {@code mvrlu_deref}). Accepts a master or a version; returns {@code null} for {@code null}.
     * With read-your-own-writes enabled it returns this section's pending copy of an object it
     * locked.
     *
     * @param <T> the object's class
     * @param obj a master or a version, or null
     * @return the object's state as this section sees it: a master or a version, to be read only
     *         (unless it is this section's own copy)
     */
    public abstract <T extends RluObject<T>> T deref(T obj);

    /**
     * Tries to lock {@code obj} for writing (the C {@code mvrlu_try_lock}).
     *
     * @param <T> the object's class
     * @param obj a master or a version (as returned by {@link #deref})
     * @return the private copy to mutate, or {@code null} if the object is locked by another
     *         section, or its newest version is not in this section's snapshot; the caller must then
     *         {@link #abort()} and retry
     */
    public abstract <T extends RluObject<T>> T tryLock(T obj);

    /**
     * Locks {@code obj} without copying it (the C {@code mvrlu_try_lock_const}): it takes part in
     * conflict detection (a concurrent writer of it aborts) but no new version is created.
     *
     * @param obj a master or a version
     * @return false on the same conditions as {@link #tryLock}
     */
    public abstract boolean tryLockConst(RluObject<?> obj);

    /**
     * Marks {@code obj}, which this section has locked, as removed from the data structure (the C
     * {@code mvrlu_free}). At commit the object is permanently locked, so that a writer still holding
     * a pointer to it from an older snapshot fails to lock it; the memory itself is reclaimed by the
     * JVM when no reader holds it.
     *
     * @param obj an object this section has locked (master, version or its copy)
     * @throws IllegalStateException if this section has not locked {@code obj}
     */
    public abstract void free(RluObject<?> obj);

    /**
     * An object of class {@code type} that an earlier section of this handle {@linkplain #free
     * freed}, taken back for reuse now that no section can reach it any more (the C library's
     * allocator reuses freed memory the same way): reusing removed nodes keeps a structure's nodes
     * where the caches and TLBs already have them, instead of spreading new ones over the heap.
     * The object is a master with a reset engine header; its own fields still hold their old
     * values, so the caller re-initialises every one of them before publishing it (final fields
     * cannot be re-initialised: give reusable classes none that change). Engines that cannot tell
     * when a freed object is unreachable return null.
     *
     * @param <T> the object's class
     * @param type the class wanted (exactly; subclasses are not returned)
     * @return a reusable object of that class, or null (then allocate one)
     */
    public <T extends RluObject<T>> T recycled(Class<T> type) {
        return null;
    }

    /**
     * Ends the section without committing (the C {@code mvrlu_abort}): releases every lock and
     * discards every copy. A later {@link #close()} of the ended section is a no-op, so aborting
     * inside try-with-resources is allowed.
     */
    public abstract void abort();

    /**
     * Ends the section and commits its write set, if any (the C {@code mvrlu_reader_unlock}).
     *
     * @throws IllegalStateException if the section is not open (closing twice)
     */
    @Override
    public abstract void close();

    /** @return true between {@code readLock()} and the section's end */
    public abstract boolean isOpen();

    /**
     * @return true while this section is an unannounced optimistic section opened by
     *         {@link RluHandle#optimisticReadLock()} (whether or not it has locked objects); false
     *         for every other section
     */
    public boolean isOptimistic() {
        return false;
    }

    /**
     * Whether everything this section has read so far belongs to its snapshot. Always true for a
     * section opened by {@link RluHandle#readLock()}; an {@linkplain #isOptimistic() optimistic}
     * section turns invalid when reclamation overtakes its snapshot, and then its results (and
     * any exception its reads led to) must be discarded. Cheap (one load and compare).
     *
     * @return true if the section is open and its reads so far are consistent
     */
    public boolean validate() {
        return isOpen();
    }

    /** @return the handle this section belongs to */
    public abstract RluHandle handle();

    /**
     * {@link #tryLock} that throws the preallocated {@link RluAbort} on failure, for use inside
     * {@link RluHandle#execute}.
     *
     * @param <T> the object's class
     * @param obj a master or a version
     * @return the private copy to mutate
     * @throws RluAbort if the lock fails
     */
    public final <T extends RluObject<T>> T lock(T obj) {
        T copy = tryLock(obj);
        if (copy == null) {
            throw RluAbort.INSTANCE;
        }
        return copy;
    }

    /**
     * {@link #tryLockConst} that throws the preallocated {@link RluAbort} on failure.
     *
     * @param obj a master or a version
     * @throws RluAbort if the lock fails
     */
    public final void lockConst(RluObject<?> obj) {
        if (!tryLockConst(obj)) {
            throw RluAbort.INSTANCE;
        }
    }

    /**
     * Requests a restart of the current {@link RluHandle#execute} attempt.
     *
     * @return never returns; declared so callers can write {@code throw s.retry()}
     */
    public final RluAbort retry() {
        throw RluAbort.INSTANCE;
    }

    /**
     * The value to store into a pointer field (the C {@code mvrlu_assign_ptr}): the master of
     * {@code obj}, so shared fields never point to versions.
     *
     * @param <T> the object's class
     * @param obj a master, a version or a copy, or null
     * @return its master, or null
     */
    @SuppressWarnings("unchecked")
    public static <T extends RluObject<T>> T ref(T obj) {
        return obj == null ? null : (T) ObjectHeaders.masterOf(obj);
    }

    /**
     * Pointer equality modulo versions (the C {@code mvrlu_cmp_ptrs}).
     *
     * @param a an RLU object (master, version or copy), or null
     * @param b another, or null
     * @return whether both are null or belong to the same master
     */
    public static boolean same(RluObject<?> a, RluObject<?> b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return ObjectHeaders.masterOf(a) == ObjectHeaders.masterOf(b);
    }
}
