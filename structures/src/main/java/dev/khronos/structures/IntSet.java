package dev.khronos.structures;

/**
 * The one interface a benchmark knows a set of {@code int} keys by: the RLU-family structures of
 * this package and every baseline of {@link dev.khronos.structures.baseline} implement it. No
 * boxing: keys are primitive and results are {@code boolean}/{@code int}.
 *
 * <h2>Per-thread context</h2>
 * Structures that need per-thread state (an RLU handle, an RCU retire list) keep it in a
 * {@link Session}: a worker thread obtains one with {@link #session()} <em>once</em>, runs its
 * whole loop through it, and closes it. The methods on the set itself are conveniences that find
 * the calling thread's context on every call (a {@code ThreadLocal} lookup for the RLU family);
 * hot loops use a session.
 *
 * <pre>{@code
 * try (IntSet.Session s = set.session()) {
 *     while (running) { if (s.contains(k)) ...; s.add(k2); s.remove(k3); }
 * }
 * }</pre>
 *
 * <h2>Keys</h2>
 * Every {@code int} except {@link Integer#MIN_VALUE} and {@link Integer#MAX_VALUE}, which the sorted
 * structures use as sentinels. Every implementation rejects these two with
 * {@link IllegalArgumentException}, so a benchmark's results never depend on which one it runs.
 *
 * <h2>Thread-safety</h2>
 * Implementations are thread-safe: {@link #add}, {@link #remove}, {@link #contains} and
 * {@link #session()} may be called by any thread at any time. {@link #size()} is exact when the set
 * is quiescent; whether it is a consistent snapshot under concurrent updates depends on the
 * implementation (it is, for the RLU family; see {@link #snapshotSize()}). A {@link Session} is
 * used by one thread at a time.
 */
public interface IntSet extends AutoCloseable {
    /** The smallest key a set accepts. */
    int MIN_KEY = Integer.MIN_VALUE + 1;
    /** The largest key a set accepts. */
    int MAX_KEY = Integer.MAX_VALUE - 1;

    /**
     * @param key a key in [{@link #MIN_KEY}, {@link #MAX_KEY}]
     * @return true if {@code key} was absent and has been added
     */
    boolean add(int key);

    /**
     * @param key a key in [{@link #MIN_KEY}, {@link #MAX_KEY}]
     * @return true if {@code key} was present and has been removed
     */
    boolean remove(int key);

    /**
     * @param key a key in [{@link #MIN_KEY}, {@link #MAX_KEY}]
     * @return true if {@code key} is present
     */
    boolean contains(int key);

    /** @return the number of keys (see the class comment for its consistency) */
    int size();

    /**
     * @return true if {@link #size()} is a linearizable snapshot even under concurrent updates
     *         (the RLU family counts in one section); false if it is a sum of parts
     */
    default boolean snapshotSize() {
        return false;
    }

    /**
     * Opens the calling thread's context for a loop of operations. The caller closes it (from the
     * same thread, with no operation running).
     *
     * @return a new session, owned by the calling thread
     */
    Session session();

    /** @return a short name for reports, e.g. {@code "mvrlu-hash(1024)"} */
    String name();

    /**
     * Releases what this set owns: the RLU domain when the set was made by
     * {@link StructureRegistry}, nothing otherwise. Quiescent-only; idempotent.
     */
    @Override
    default void close() {
    }

    /**
     * A worker thread's context for one set: the same operations with no per-call lookup.
     *
     * <p>Thread-safety: not thread-safe; owned by one thread at a time (it may move between threads
     * with a happens-before hand-off, while no operation runs).
     */
    interface Session extends AutoCloseable {
        /**
         * @param key a key in [{@link #MIN_KEY}, {@link #MAX_KEY}]
         * @return as {@link IntSet#add}
         */
        boolean add(int key);

        /**
         * @param key a key in [{@link #MIN_KEY}, {@link #MAX_KEY}]
         * @return as {@link IntSet#remove}
         */
        boolean remove(int key);

        /**
         * @param key a key in [{@link #MIN_KEY}, {@link #MAX_KEY}]
         * @return as {@link IntSet#contains}
         */
        boolean contains(int key);

        /** @return as {@link IntSet#size()} */
        int size();

        /** Releases the context (an RLU handle, an RCU retire list). Idempotent. */
        @Override
        void close();
    }

    /**
     * Rejects the two sentinel keys.
     *
     * @param key a key
     * @return {@code key}
     * @throws IllegalArgumentException if {@code key} is {@link Integer#MIN_VALUE} or {@link Integer#MAX_VALUE}
     */
    static int checkKey(int key) {
        if (key == Integer.MIN_VALUE || key == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("key " + key
                    + " is reserved: int sets accept keys in [Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1]");
        }
        return key;
    }
}
