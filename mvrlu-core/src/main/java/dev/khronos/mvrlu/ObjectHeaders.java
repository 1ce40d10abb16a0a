package dev.khronos.mvrlu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Engine-side access to the {@link RluObject} header, named after JCTools' memory-order
 * conventions: {@code lv} load-volatile, {@code la} load-acquire, {@code lp} load-plain,
 * {@code sv} store-volatile, {@code so} store-ordered (release), {@code sp} store-plain,
 * {@code cas} compare-and-set.
 *
 * <p><b>Internal API</b> for RLU-family engines (this module's MV-RLU engine and
 * {@code mvrlu-rlu}); data structures never use it. Thread-safety: every method is a single
 * access with the memory order its name states; correctness comes from the engine protocol.
 */
public final class ObjectHeaders {
    /** Timestamp of a write set that has not been stamped yet (engines' convention). */
    public static final long PENDING = Long.MAX_VALUE;

    private static final VarHandle LOCK;
    private static final VarHandle CHAIN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCK = lookup.findVarHandle(RluObject.class, "lock", Object.class);
            CHAIN = lookup.findVarHandle(RluObject.class, "chain", RluObject.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ObjectHeaders() {
    }

    /**
     * @param o a master or a version
     * @return the master of {@code o}: {@code o} itself if it is a master
     */
    public static RluObject<?> masterOf(RluObject<?> o) {
        RluObject<?> m = o.master;
        return m == null ? o : m;
    }

    /**
     * @param o a master or a version
     * @return the master {@code o} is a version of, or null if {@code o} is a master (plain read: immutable)
     */
    public static RluObject<?> lpMaster(RluObject<?> o) {
        return o.master;
    }

    /**
     * @param master a master object
     * @return its lock word (volatile load)
     */
    public static Object lvLock(RluObject<?> master) {
        return LOCK.getVolatile(master);
    }

    /**
     * @param master a master object
     * @return its lock word (acquire load)
     */
    public static Object laLock(RluObject<?> master) {
        return LOCK.getAcquire(master);
    }

    /**
     * @param master a master object
     * @param expected the lock word expected
     * @param value the new lock word
     * @return whether the lock word was {@code expected} and is now {@code value} (volatile CAS)
     */
    public static boolean casLock(RluObject<?> master, Object expected, Object value) {
        return LOCK.compareAndSet(master, expected, value);
    }

    /**
     * Stores the lock word with release order.
     *
     * @param master a master object
     * @param value the new lock word
     */
    public static void soLock(RluObject<?> master, Object value) {
        LOCK.setRelease(master, value);
    }

    /**
     * Stores the lock word with volatile order.
     *
     * @param master a master object
     * @param value the new lock word
     */
    public static void svLock(RluObject<?> master, Object value) {
        LOCK.setVolatile(master, value);
    }

    /**
     * @param o a master or a version
     * @return its chain pointer (acquire load)
     */
    public static RluObject<?> laChain(RluObject<?> o) {
        return (RluObject<?>) CHAIN.getAcquire(o);
    }

    /**
     * @param o a master or a version
     * @return its chain pointer (plain load)
     */
    public static RluObject<?> lpChain(RluObject<?> o) {
        return o.chain;
    }

    /**
     * Stores the chain pointer with release order.
     *
     * @param o a master or a version
     * @param value the new chain pointer
     */
    public static void soChain(RluObject<?> o, RluObject<?> value) {
        CHAIN.setRelease(o, value);
    }

    /**
     * Stores the chain pointer with a plain write.
     *
     * @param o a master or a version
     * @param value the new chain pointer
     */
    public static void spChain(RluObject<?> o, RluObject<?> value) {
        o.chain = value;
    }

    /**
     * @param o a master or a version
     * @param expected the chain pointer expected
     * @param value the new chain pointer
     * @return whether the chain pointer was {@code expected} and is now {@code value} (volatile CAS)
     */
    public static boolean casChain(RluObject<?> o, RluObject<?> expected, RluObject<?> value) {
        return CHAIN.compareAndSet(o, expected, value);
    }

    /**
     * @param version a version
     * @return the engine's tag of the commit that created {@code version} (its write set, or a stamp
     *         of it), which a version's lock slot holds since versions are never locked; plain read,
     *         the field is set before the version is published
     */
    public static Object writeSetOf(RluObject<?> version) {
        return version.lock;
    }

    /**
     * Makes a new version of {@code master} whose state is copied from {@code source} (the master
     * itself or one of its versions). The header is initialised before the version can be
     * published: master pointer, owning write set, no chain.
     *
     * @param <T> the object's class
     * @param master the master the version belongs to
     * @param source the object whose state is copied ({@link RluObject#duplicate()})
     * @param writeSet the engine's write set that owns the new version
     * @return the new version
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends RluObject<T>> T newVersion(RluObject<?> master, RluObject<?> source, Object writeSet) {
        RluObject c = ((RluObject) source).duplicate();
        if (c == source || c.getClass() != source.getClass()) {
            throw new IllegalStateException(source.getClass().getName()
                    + ".duplicate() must return a new instance of the same class");
        }
        c.lock = writeSet;
        c.chain = null;
        c.master = master;
        return (T) c;
    }

    /**
     * Resets the header of a freed master that is unreachable from every snapshot, for reuse as a
     * new master: no versions, unlocked (release: a stale optimistic writer's CAS either precedes
     * this store or sees the object unlocked, which its validation then rejects).
     *
     * @param master a freed master no section can reach
     */
    public static void resetForReuse(RluObject<?> master) {
        master.chain = null;
        LOCK.setRelease(master, null);
    }

    /**
     * Copies the mutable state of {@code version} into {@code master}, with plain writes.
     *
     * @param master the master written back
     * @param version a committed version of it
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void copyState(RluObject<?> master, RluObject<?> version) {
        ((RluObject) master).copyStateFrom(version);
    }
}
