package dev.khronos.structures;

import dev.khronos.mvrlu.RluAbort;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.structures.support.BackOff;

import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Base of the int sets written on the RLU-family API. Every operation exists at three levels:
 * <ul>
 *   <li><b>set-level</b> ({@link #add(int)}): finds the calling thread's handle with
 *       {@link RluDomain#current()} (a {@code ThreadLocal} lookup), for convenience;</li>
 *   <li><b>handle-level</b> ({@link #add(RluHandle, int)}): runs in a section of the given handle
 *       and restarts after a lock conflict (abort, back off, retry), like the C benchmarks' restart
 *       loops; what {@link #session()} uses on the hot path;</li>
 *   <li><b>section-level</b> ({@link #add(Section, int)}): runs inside a section the caller opened,
 *       so several operations, on this set and on others of the same domain, commit or abort
 *       together. A lock conflict throws {@link RluAbort}: call them inside
 *       {@link RluHandle#execute}.</li>
 * </ul>
 * Reads inside one section see one snapshot, which is what makes {@link #size(RluHandle)},
 * {@link #toArray(RluHandle)} and {@link #move} consistent where {@code ConcurrentHashMap} and
 * {@code ConcurrentSkipListSet} are only weakly consistent.
 *
 * <p>Implementation notes. Subclasses implement each update once, as a {@code tryAdd} /
 * {@code tryRemove} that returns {@link #DONE}, {@link #NOT_DONE} or {@link #CONFLICT} and leaves the
 * section open; the three levels wrap it. Following design brief §3.1, each update locks
 * (mutably or {@code const}) every node its decision depends on, so the structures are
 * linearizable on engines that only give snapshot isolation. A single update works on any domain.
 * Several updates in one section need {@code readYourOwnWrites} (the second update must traverse
 * the first one's copies) and {@code nestedLocking} (both may lock the same node); the
 * section-level updates and {@link #move} check this and throw {@link IllegalStateException}
 * otherwise, rather than abort forever.
 *
 * <p>Thread-safety: thread-safe. Handles and sections are per-thread, as the API requires.
 */
public abstract class RluIntSet implements IntSet {
    /** {@code tryAdd}/{@code tryRemove}: the update was made (pending commit). */
    protected static final int DONE = 1;
    /** The update is not needed: the key is already present (add) or absent (remove). */
    protected static final int NOT_DONE = 0;
    /** A lock failed: the section must be aborted and the operation restarted. */
    protected static final int CONFLICT = -1;

    /** The domain whose sections this set is used in. */
    protected final RluDomain domain;
    private final boolean composable;
    private volatile boolean ownsDomain;

    /** @param domain the domain whose sections this set is used in */
    protected RluIntSet(RluDomain domain) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.composable = domain.config().readYourOwnWrites() && domain.config().nestedLocking();
    }

    /** @return the domain whose sections this set is used in */
    public final RluDomain domain() {
        return domain;
    }

    // ------------------------------------------------------------------ what subclasses implement

    /**
     * Membership test in the open section (the key is already checked); reads only.
     *
     * @param s the caller's open section
     * @param key the key
     * @return whether the key is in the section's view
     */
    protected abstract boolean lookup(Section s, int key);

    /**
     * Inserts {@code key} in the open section, leaving it open.
     *
     * @param s the caller's open section
     * @param key the key (already checked)
     * @return {@link #DONE}, {@link #NOT_DONE} or {@link #CONFLICT}
     */
    protected abstract int tryAdd(Section s, int key);

    /**
     * Removes {@code key} in the open section, leaving it open.
     *
     * @param s the caller's open section
     * @param key the key (already checked)
     * @return {@link #DONE}, {@link #NOT_DONE} or {@link #CONFLICT}
     */
    protected abstract int tryRemove(Section s, int key);

    /**
     * Calls {@code action} for every key of the section's snapshot (ascending for ordered sets).
     *
     * @param s the caller's open section
     * @param action called once per key
     */
    public abstract void forEach(Section s, IntConsumer action);

    /**
     * @param s the caller's open section
     * @return the number of keys in the section's snapshot
     */
    public int size(Section s) {
        int[] n = new int[1];
        forEach(s, k -> n[0]++);
        return n[0];
    }

    // ------------------------------------------------------------------ section level

    /**
     * @param s the caller's open section
     * @param key the key
     * @return whether {@code key} is in the section's snapshot (with read-your-own-writes: and own updates)
     */
    public final boolean contains(Section s, int key) {
        return lookup(s, IntSet.checkKey(key));
    }

    /**
     * Adds {@code key} inside the caller's section.
     *
     * @param s the caller's open section
     * @param key the key
     * @return true if the key was absent and is now added (pending commit)
     * @throws RluAbort on a lock conflict (use inside {@link RluHandle#execute})
     * @throws IllegalStateException if the domain cannot combine updates in one section
     */
    public final boolean add(Section s, int key) {
        IntSet.checkKey(key);
        checkComposable("add(Section, int)");
        int r = tryAdd(s, key);
        if (r == CONFLICT) {
            throw RluAbort.INSTANCE;
        }
        return r == DONE;
    }

    /**
     * Removes {@code key} inside the caller's section.
     *
     * @param s the caller's open section
     * @param key the key
     * @return true if the key was present and is now removed (pending commit)
     * @throws RluAbort on a lock conflict (use inside {@link RluHandle#execute})
     * @throws IllegalStateException if the domain cannot combine updates in one section
     */
    public final boolean remove(Section s, int key) {
        IntSet.checkKey(key);
        checkComposable("remove(Section, int)");
        int r = tryRemove(s, key);
        if (r == CONFLICT) {
            throw RluAbort.INSTANCE;
        }
        return r == DONE;
    }

    // ------------------------------------------------------------------ handle level

    /**
     * Looks {@code key} up in an {@linkplain RluHandle#optimisticReadLock() optimistic section}
     * (no fence, nothing shared written; the lookups' traversals dereference at every step and
     * every eighth deref validates, so a zombie walk, even over reused nodes, ends within a few
     * steps), falling back to a normal section if reclamation overtook it.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @return whether the key is present
     */
    public final boolean contains(RluHandle h, int key) {
        IntSet.checkKey(key);
        Section s = h.optimisticReadLock();
        try {
            boolean found = lookup(s, key);
            s.close();                            // validates: RluAbort if the snapshot was overtaken
            return found;
        } catch (RluAbort overtaken) {
            if (s.isOpen()) {
                s.abort();
            }
        } catch (RuntimeException | Error e) {
            boolean valid = !s.isOptimistic() || s.validate();
            if (s.isOpen()) {
                s.abort();
            }
            if (valid) {
                throw e;
            }
        }
        try (Section again = h.readLock()) {
            return lookup(again, key);
        }
    }

    /**
     * Adds {@code key} in a section of {@code h}, restarting after a lock conflict. The first attempt
     * runs in an {@linkplain RluHandle#optimisticReadLock() optimistic section}: when the key is
     * already there it ends without having announced anything (validated at close, as a lookup),
     * and otherwise it locks and commits unannounced, validated at each lock and at the commit.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @return true if the key was absent and has been added
     */
    public final boolean add(RluHandle h, int key) {
        IntSet.checkKey(key);
        return update(h, key, true);
    }

    /**
     * Removes {@code key} in a section of {@code h}, as {@link #add(RluHandle, int)} adds.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @return true if the key was present and has been removed
     */
    public final boolean remove(RluHandle h, int key) {
        IntSet.checkKey(key);
        return update(h, key, false);
    }

    /** The one restart loop of the handle-level updates. */
    private boolean update(RluHandle h, int key, boolean add) {
        for (int attempt = 0; ; attempt++) {
            Section s = attempt == 0 ? h.optimisticReadLock() : h.readLock();
            int r;
            try {
                r = add ? tryAdd(s, key) : tryRemove(s, key);
                if (r != CONFLICT) {
                    s.close();                    // an optimistic section validates here
                    return r == DONE;
                }
            } catch (RluAbort overtakenOrUpgradeFailed) {
                r = CONFLICT;
            } catch (RuntimeException | Error e) {
                boolean valid = !s.isOptimistic() || s.validate();
                if (s.isOpen()) {
                    s.abort();
                }
                if (valid) {
                    throw e;
                }
                continue;                         // a zombie read of an overtaken optimistic section
            }
            if (s.isOpen()) {
                s.abort();
            }
            BackOff.pause(attempt);
        }
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @return the number of keys, counted in one snapshot (linearizable)
     */
    public final int size(RluHandle h) {
        try (Section s = h.readLock()) {
            return size(s);
        }
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @return every key of one snapshot (ascending for ordered sets)
     */
    public final int[] toArray(RluHandle h) {
        try (Section s = h.readLock()) {
            return toArray(s);
        }
    }

    /**
     * @param s the caller's open section
     * @return every key of the section's snapshot (ascending for ordered sets)
     */
    public final int[] toArray(Section s) {
        IntArrayBuilder b = new IntArrayBuilder();
        forEach(s, b);
        return b.toArray();
    }

    /**
     * Atomically removes {@code fromKey} from {@code from} and adds {@code toKey} to {@code to}, in
     * one commit: a reader section sees either the state before or the state after, never both keys
     * nor neither. The sets may be the same set (a key "rename") and of different kinds, but must
     * share one domain, which must allow several updates per section.
     *
     * @param h the calling thread's handle (no section open)
     * @param from the set to remove {@code fromKey} from
     * @param fromKey the key removed
     * @param to the set to add {@code toKey} to (may be {@code from})
     * @param toKey the key added
     * @return true if moved; false, changing nothing, if {@code fromKey} is absent from {@code from}
     *         or {@code toKey} is already in {@code to} (moving a present key onto itself returns true)
     * @throws IllegalArgumentException if the sets or the handle belong to different domains
     * @throws IllegalStateException if the domain cannot combine updates in one section
     */
    public static boolean move(RluHandle h, RluIntSet from, int fromKey, RluIntSet to, int toKey) {
        IntSet.checkKey(fromKey);
        IntSet.checkKey(toKey);
        if (from.domain != to.domain || h.domain() != from.domain) {
            throw new IllegalArgumentException("move() needs both sets and the handle in one RLU domain");
        }
        from.checkComposable("move");
        if (from == to && fromKey == toKey) {
            return from.contains(h, fromKey);
        }
        for (int attempt = 0; ; attempt++) {
            Section s = h.readLock();
            boolean conflict;
            try {
                if (!from.lookup(s, fromKey) || to.lookup(s, toKey)) {
                    s.close();
                    return false;
                }
                conflict = from.tryRemove(s, fromKey) == CONFLICT || to.tryAdd(s, toKey) == CONFLICT;
            } catch (RuntimeException | Error e) {
                s.abort();
                throw e;
            }
            if (!conflict) {
                s.close();
                return true;
            }
            s.abort();
            BackOff.pause(attempt);
        }
    }

    /**
     * {@link #move(RluHandle, RluIntSet, int, RluIntSet, int)} of one key between two sets.
     *
     * @param h the calling thread's handle (no section open)
     * @param from the set to remove {@code key} from
     * @param to the set to add it to
     * @param key the key
     * @return true if moved
     */
    public static boolean move(RluHandle h, RluIntSet from, RluIntSet to, int key) {
        return move(h, from, key, to, key);
    }

    /**
     * {@link #move(RluHandle, RluIntSet, int, RluIntSet, int)} within this set: atomically
     * replaces {@code oldKey} by {@code newKey}.
     *
     * @param h the calling thread's handle (no section open)
     * @param oldKey the key removed
     * @param newKey the key added
     * @return true if replaced
     */
    public final boolean replace(RluHandle h, int oldKey, int newKey) {
        return move(h, this, oldKey, this, newKey);
    }

    // ------------------------------------------------------------------ IntSet

    @Override
    public boolean add(int key) {
        return add(domain.current(), key);
    }

    @Override
    public boolean remove(int key) {
        return remove(domain.current(), key);
    }

    @Override
    public boolean contains(int key) {
        return contains(domain.current(), key);
    }

    /** Counts in one section: a linearizable snapshot. */
    @Override
    public int size() {
        return size(domain.current());
    }

    @Override
    public boolean snapshotSize() {
        return true;
    }

    /** Registers a new handle for the calling worker thread; closing the session closes it. */
    @Override
    public IntSet.Session session() {
        return new Session(this, domain.register());
    }

    /** @return a {@link Set} view for drop-in use (boxes; iteration is over one snapshot) */
    public Set<Integer> asSet() {
        return new IntSetView(this);
    }

    /** Makes {@link #close()} shut the domain down (used by {@link StructureRegistry}). */
    final void ownDomain() {
        ownsDomain = true;
    }

    /** Shuts the domain down if this set owns it (see {@link #ownDomain()}); else does nothing. */
    @Override
    public void close() {
        if (ownsDomain) {
            domain.shutdown();
        }
    }

    /** @return whether the domain lets several updates share one section */
    public final boolean composable() {
        return composable;
    }

    final void checkComposable(String operation) {
        if (!composable) {
            throw new IllegalStateException(operation + " combines several updates in one section, which needs a domain "
                    + "with readYourOwnWrites and nestedLocking (this one has: " + domain.config().describe() + ")");
        }
    }

    /** A worker's context: one handle, no per-call lookup. */
    private static final class Session implements IntSet.Session {
        private final RluIntSet set;
        private final RluHandle handle;

        Session(RluIntSet set, RluHandle handle) {
            this.set = set;
            this.handle = handle;
        }

        @Override
        public boolean add(int key) {
            return set.add(handle, key);
        }

        @Override
        public boolean remove(int key) {
            return set.remove(handle, key);
        }

        @Override
        public boolean contains(int key) {
            return set.contains(handle, key);
        }

        @Override
        public int size() {
            return set.size(handle);
        }

        @Override
        public void close() {
            handle.close();
        }
    }
}
