package dev.khronos.mvrlu;

/**
 * Base class of every object shared under an RLU-family engine (the C {@code mvrlu_alloc}'d
 * object). User node classes extend it and supply {@link #copyStateFrom}; the engine keeps its
 * header (lock word or owning write set, version chain, master pointer: 12 bytes with compressed
 * references) in the fields declared here.
 *
 * <p>An instance is either a <em>master</em> (created with {@code new}, the object that shared
 * pointer fields refer to) or a <em>version</em> (a copy made by {@link Section#tryLock}; after
 * commit it is immutable). {@link Section#deref} returns either, so user code reads fields the
 * same way in both cases.
 *
 * <h2>The shallow-copy rule</h2>
 * A version is made by {@link #duplicate()}, which by default is a field-by-field
 * {@link Object#clone() clone}: fields that point to other RLU objects are copied as pointers
 * (correct: they always hold masters), and so are fields that point to any other object. Such a
 * field must therefore refer to an immutable value (a {@code String}, a record, an immutable
 * list), or the subclass must override {@link #duplicate()} and {@link #copyStateFrom} to deep-copy
 * it; otherwise every version shares, and corrupts, the same mutable sub-object (the lesson of the
 * KhronOS port). Final fields (keys) are copied by the clone and never change afterwards.
 *
 * <h2>Thread-safety</h2>
 * The header is engine-managed and thread-safe. User fields of a master are written only before
 * the object is published (by storing {@link Section#ref(RluObject)} of it into a locked copy) and
 * afterwards only by the engine's writeback; user fields of a version returned by
 * {@code tryLock} may be written by the locking thread until its section commits, and never after.
 *
 * @param <T> the concrete subclass
 */
public abstract class RluObject<T extends RluObject<T>> implements Cloneable {
    // Engine header, kept to three references because every node of every structure carries it
    // (a version's commit timestamp lives in its write set, the unit of publication). Accessed
    // only through ObjectHeaders, with explicit memory order.
    /**
     * Master: null when unlocked, else the lock word (the holder's pending copy, or a token).
     * Version: the engine's tag of the commit that created it (versions are never locked).
     */
    Object lock;
    /** Master: the newest committed version (MV-RLU). Version: the next-older version. */
    RluObject<?> chain;
    /** Version: the master it is a copy of; null on masters. */
    RluObject<?> master;

    /** Creates a master object. */
    protected RluObject() {
    }

    /**
     * Copies the mutable state of {@code source} (another version of the same object) into this
     * object, in place. The engine calls it on the master when it writes the newest version back,
     * under the object's lock. Copy every non-final field that a writer may change, and nothing of
     * the engine header (it is not visible here anyway).
     *
     * @param source a committed version of this object; never modified
     */
    protected abstract void copyStateFrom(T source);

    /**
     * Returns a new instance with the same state as this one: the private copy a writer mutates.
     * The default is a shallow {@link Object#clone()}; override it (calling {@code super}) to
     * deep-copy mutable sub-objects, see the class comment.
     *
     * @return a new instance of the same class; its engine header is reset by the engine
     */
    @SuppressWarnings("unchecked")
    protected T duplicate() {
        try {
            return (T) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("RluObject is Cloneable", e);
        }
    }

    /** @return true if this instance is a version (a copy), false if it is a master */
    public final boolean isVersion() {
        return master != null;
    }
}
