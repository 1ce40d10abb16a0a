package dev.khronos.structures;

import dev.khronos.mvrlu.RluAbort;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.structures.support.BackOff;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A key/value chain hash map on the RLU-family API with the operations of sv6's {@code chainhash}
 * ({@code insert}, {@code remove}, {@code lookup}, {@code enumerate}, {@code replace_from},
 * {@code remove_and_kill}, {@code killed}) plus a snapshot {@code size}, the {@code Map}-style
 * updates a {@link ConcurrentMap} needs, and a {@link ConcurrentMap} view ({@link #asMap()}).
 * {@code replaceFrom} and {@code removeAndKill} are the two operations KhronOS could not port to
 * MV-RLU, which kept scalefs directories on RCU; here they are one RLU commit each.
 *
 * <h2>Values and copies</h2>
 * An update of an entry locks it, which copies it <em>shallowly</em> (the rule of
 * {@link RluObject}): the copy and every older version share the value object. That is correct as
 * long as values are <b>never mutated in place</b>: immutable values (strings, records, boxed
 * numbers) and replacement through {@link #put}/{@link #replace} are always safe. For mutable
 * values there are two correct ways:
 * <ul>
 *   <li>give the map a {@code copier} (a deep copy function): every new version of an entry then
 *       gets its own copy of the value, and {@link #mutate} hands the updater the private copy, so
 *       readers in older snapshots keep seeing the old state;</li>
 *   <li>make the value itself an {@link RluObject} of the same domain: the entry stores its master,
 *       readers {@code deref} it, writers {@code lock} it; it is then versioned on its own.</li>
 * </ul>
 * Mutating a value obtained from {@link #get} in place bypasses both and is visible in every
 * snapshot at once (the KhronOS lesson); {@link #mutate} without a copier is therefore refused.
 *
 * <p>Implementation notes. {@code floorMod(spread(hashCode), buckets)} selects a bucket: an RLU
 * object (the head, also holding the bucket's copy of the map-wide {@code killed} flag) followed by
 * an unsorted chain of entries, new entries pushed at the front. Decisions lock what they depend on
 * (design brief §3.1): an insert locks the head (every insert of the bucket does, so the key's
 * absence cannot change before commit), a remove locks the predecessor and const-locks the victim
 * (its value decided the result), a value change locks the entry, {@code removeAndKill} locks every
 * head (no insert can slip in) and the victim. Operations spanning two buckets ({@code replaceFrom})
 * unlink first and insert second, re-reading the head through the section's own copy, so they
 * need nested locking and read-your-own-writes only when both keys fall in one bucket; they check
 * this and throw {@link IllegalStateException} rather than abort forever. Keys and values must not be
 * null; equality is {@code equals}.
 *
 * <p>Thread-safety: thread-safe; handle- and section-level methods follow the API's per-thread rules
 * (see {@link RluIntSet} for the three call levels).
 *
 * @param <K> keys (immutable, with consistent {@code equals}/{@code hashCode})
 * @param <V> values (immutable, or copied by the copier; see above)
 */
public final class RluChainHashMap<K, V> {
    private static final int DONE = 1;
    private static final int NOT_DONE = 0;
    private static final int CONFLICT = -1;

    /** A bucket head (key null) or an entry of a chain. */
    static class Entry<K, V> extends RluObject<Entry<K, V>> {
        final K key;
        V value;
        Entry<K, V> next;
        /** Heads only: the map was killed by {@code removeAndKill}. */
        boolean killed;

        Entry(K key, V value, Entry<K, V> next) {
            this.key = key;
            this.value = value;
            this.next = next;
        }

        @Override
        protected void copyStateFrom(Entry<K, V> source) {
            value = source.value;
            next = source.next;
            killed = source.killed;
        }
    }

    /** An entry whose versions deep-copy their value with the map's copier. */
    static final class CopyingEntry<K, V> extends Entry<K, V> {
        final UnaryOperator<V> copier;

        CopyingEntry(K key, V value, Entry<K, V> next, UnaryOperator<V> copier) {
            super(key, value, next);
            this.copier = copier;
        }

        @Override
        protected Entry<K, V> duplicate() {
            Entry<K, V> copy = super.duplicate();
            V v = copier.apply(value);
            if (v == null) {
                throw new NullPointerException("the value copier returned null");
            }
            copy.value = v;
            return copy;
        }
    }

    private final RluDomain domain;
    private final Entry<K, V>[] heads;
    private final UnaryOperator<V> copier;
    private final boolean composable;

    /**
     * A map whose values are immutable (or are RLU objects themselves); see the class comment.
     *
     * @param domain the domain whose sections the map is used in
     * @param buckets number of buckets (fixed), at least 1
     * @throws IllegalArgumentException if {@code buckets < 1}
     */
    public RluChainHashMap(RluDomain domain, int buckets) {
        this(domain, buckets, null);
    }

    /**
     * A map whose values are deep-copied into every new version of an entry.
     *
     * @param domain the domain whose sections the map is used in
     * @param buckets number of buckets (fixed), at least 1
     * @param copier deep copy of a value, applied to every new version of an entry; null if values
     *        are immutable
     * @throws IllegalArgumentException if {@code buckets < 1}
     */
    @SuppressWarnings("unchecked")
    public RluChainHashMap(RluDomain domain, int buckets, UnaryOperator<V> copier) {
        this.domain = Objects.requireNonNull(domain, "domain");
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        this.heads = (Entry<K, V>[]) new Entry<?, ?>[buckets];
        for (int i = 0; i < buckets; i++) {
            heads[i] = new Entry<>(null, null, null);
        }
        this.copier = copier;
        this.composable = domain.config().readYourOwnWrites() && domain.config().nestedLocking();
    }

    /** @return the domain whose sections this map is used in */
    public RluDomain domain() {
        return domain;
    }

    /** @return the number of buckets */
    public int buckets() {
        return heads.length;
    }

    private int index(Object key) {
        int h = key.hashCode();
        return Math.floorMod(h ^ (h >>> 16), heads.length);
    }

    private Entry<K, V> newEntry(K key, V value, Entry<K, V> next) {
        return copier == null ? new Entry<>(key, value, next) : new CopyingEntry<>(key, value, next, copier);
    }

    private static <T> T nonNull(T o, String what) {
        if (o == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return o;
    }

    // ================================================================== section level: reads

    /** @return the entry for {@code key} in the snapshot (a version; read only), or null */
    private Entry<K, V> find(Section s, Entry<K, V> head, Object key) {
        for (Entry<K, V> e = s.deref(s.deref(head).next); e != null; e = s.deref(e.next)) {
            if (e.key.equals(key)) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param s the caller's open section
     * @param key the key
     * @return the value of {@code key} in the section's snapshot, or null (sv6 {@code lookup})
     */
    public V get(Section s, Object key) {
        Entry<K, V> e = find(s, heads[index(nonNull(key, "key"))], key);
        return e == null ? null : e.value;
    }

    /**
     * @param s the caller's open section
     * @return whether the map was killed by {@link #removeAndKill}, in the section's snapshot
     */
    public boolean killed(Section s) {
        return s.deref(heads[0]).killed;
    }

    /**
     * @param s the caller's open section
     * @return the number of entries in the section's snapshot
     */
    public int size(Section s) {
        int n = 0;
        for (Entry<K, V> head : heads) {
            for (Entry<K, V> e = s.deref(s.deref(head).next); e != null; e = s.deref(e.next)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Visits the entries of the section's snapshot, bucket by bucket (sv6 {@code enumerate}).
     *
     * @param s the caller's open section
     * @param visitor returns false to stop
     * @return false if the visitor stopped the enumeration
     */
    public boolean enumerate(Section s, BiPredicate<? super K, ? super V> visitor) {
        for (Entry<K, V> head : heads) {
            for (Entry<K, V> e = s.deref(s.deref(head).next); e != null; e = s.deref(e.next)) {
                if (!visitor.test(e.key, e.value)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ================================================================== section level: update steps

    /** Inserts key -> value if absent and not killed; {@code NOT_DONE} if present or killed. */
    private int tryInsert(Section s, K key, V value) {
        Entry<K, V> head = heads[index(key)];
        Entry<K, V> h = s.deref(head);
        if (h.killed || find(s, head, key) != null) {
            return NOT_DONE;
        }
        Entry<K, V> hc = s.tryLock(head);
        if (hc == null) {
            return CONFLICT;
        }
        hc.next = newEntry(key, value, hc.next);
        return DONE;
    }

    /**
     * Unlinks the entry of {@code key} if its value equals {@code expected} (any value if null).
     * On DONE, {@code removed[0]} holds the old value.
     */
    private int tryRemove(Section s, Object key, Object expected, Object[] removed) {
        Entry<K, V> prev = s.deref(heads[index(key)]);
        Entry<K, V> cur = s.deref(prev.next);
        while (cur != null && !cur.key.equals(key)) {
            prev = cur;
            cur = s.deref(cur.next);
        }
        if (cur == null || (expected != null && !expected.equals(cur.value))) {
            return NOT_DONE;
        }
        Entry<K, V> p = s.tryLock(prev);
        if (p == null || !s.tryLockConst(cur)) {
            return CONFLICT;
        }
        p.next = cur.next;
        s.free(cur);
        if (removed != null) {
            removed[0] = cur.value;
        }
        return DONE;
    }

    /** Sets the value of an existing entry if it equals {@code expected} (any if null); old value in {@code old[0]}. */
    private int trySet(Section s, K key, Object expected, V value, Object[] old) {
        Entry<K, V> cur = find(s, heads[index(key)], key);
        if (cur == null || (expected != null && !expected.equals(cur.value))) {
            return NOT_DONE;
        }
        Entry<K, V> c = s.tryLock(cur);
        if (c == null) {
            return CONFLICT;
        }
        if (old != null) {
            old[0] = cur.value;
        }
        c.value = value;
        return DONE;
    }

    private static boolean check(int r) {
        if (r == CONFLICT) {
            throw RluAbort.INSTANCE;
        }
        return r == DONE;
    }

    /**
     * sv6 {@code insert} inside the caller's section.
     *
     * @param s the caller's open section
     * @param key the key
     * @param value its value
     * @return false if the key is present or the map is killed
     * @throws RluAbort on a lock conflict (use inside {@link RluHandle#execute})
     */
    public boolean insert(Section s, K key, V value) {
        return check(tryInsert(s, nonNull(key, "key"), nonNull(value, "value")));
    }

    /**
     * sv6 {@code remove} inside the caller's section.
     *
     * @param s the caller's open section
     * @param key the key
     * @return the removed value, or null if the key was absent
     * @throws RluAbort on a lock conflict (use inside {@link RluHandle#execute})
     */
    public V remove(Section s, Object key) {
        Object[] old = new Object[1];
        return check(tryRemove(s, nonNull(key, "key"), null, old)) ? castValue(old[0]) : null;
    }

    @SuppressWarnings("unchecked")
    private V castValue(Object o) {
        return (V) o;
    }

    // ================================================================== handle level

    /** Runs a one-section update, restarting after conflicts; {@code op} returns DONE/NOT_DONE/CONFLICT. */
    private interface Step<A, B, C> {
        int run(Section s, A a, B b, C c);
    }

    private <A, B, C> boolean update(RluHandle h, Step<A, B, C> op, A a, B b, C c) {
        for (int attempt = 0; ; attempt++) {
            Section s = h.readLock();
            int r;
            try {
                r = op.run(s, a, b, c);
            } catch (RuntimeException | Error e) {
                s.abort();
                throw e;
            }
            if (r != CONFLICT) {
                s.close();
                return r == DONE;
            }
            s.abort();
            BackOff.pause(attempt);
        }
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @return the value of {@code key} in one snapshot, or null (sv6 {@code lookup})
     */
    public V get(RluHandle h, Object key) {
        try (Section s = h.readLock()) {
            return get(s, key);
        }
    }

    /**
     * sv6 {@code insert}: adds {@code key -> value} if the key is absent.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param value its value
     * @return false if the key is present or the map is killed
     */
    public boolean insert(RluHandle h, K key, V value) {
        nonNull(key, "key");
        nonNull(value, "value");
        return update(h, (s, k, v, unused) -> tryInsert(s, k, v), key, value, null);
    }

    /**
     * sv6 {@code remove(k, v)}: removes {@code key} if it maps to {@code value}.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param value the value it must map to
     * @return true if removed
     */
    public boolean remove(RluHandle h, Object key, Object value) {
        nonNull(key, "key");
        nonNull(value, "value");
        return update(h, (s, k, v, unused) -> tryRemove(s, k, v, null), key, value, null);
    }

    /**
     * Removes {@code key}.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @return the removed value, or null if the key was absent
     */
    public V remove(RluHandle h, Object key) {
        nonNull(key, "key");
        Object[] old = new Object[1];
        return update(h, (s, k, unused, o) -> tryRemove(s, k, null, o), key, null, old) ? castValue(old[0]) : null;
    }

    /**
     * Sets {@code key -> value}, inserting or replacing.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param value its new value
     * @return the previous value, or null if there was none
     * @throws IllegalStateException if the key is absent and the map is killed
     */
    public V put(RluHandle h, K key, V value) {
        nonNull(key, "key");
        nonNull(value, "value");
        Object[] old = new Object[1];
        update(h, (s, k, v, o) -> {
            o[0] = null;
            int r = trySet(s, k, null, v, o);
            if (r != NOT_DONE) {
                return r;
            }
            // killed is permanent, so the snapshot's flag is the current one
            if (s.deref(heads[index(k)]).killed) {
                throw new IllegalStateException("put() into a killed map (removeAndKill) of an absent key " + k);
            }
            return tryInsert(s, k, v);
        }, key, value, old);
        return castValue(old[0]);
    }

    /**
     * Inserts {@code key -> value} if the key is absent.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param value the value to insert
     * @return the current value if present (unchanged), else null after inserting {@code value}
     * @throws IllegalStateException if the key is absent and the map is killed
     */
    public V putIfAbsent(RluHandle h, K key, V value) {
        nonNull(key, "key");
        nonNull(value, "value");
        Object[] cur = new Object[1];
        update(h, (s, k, v, c) -> {
            Entry<K, V> head = heads[index(k)];
            Entry<K, V> e = find(s, head, k);
            if (e != null) {
                c[0] = e.value;
                return NOT_DONE;
            }
            if (s.deref(head).killed) {
                throw new IllegalStateException("putIfAbsent() into a killed map (removeAndKill) of an absent key " + k);
            }
            c[0] = null;
            return tryInsert(s, k, v);
        }, key, value, cur);
        return castValue(cur[0]);
    }

    /**
     * Replaces the value of {@code key} if the key is present.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param value its new value
     * @return the previous value if {@code key} was present (and now maps to {@code value}), else null
     */
    public V replace(RluHandle h, K key, V value) {
        nonNull(key, "key");
        nonNull(value, "value");
        Object[] old = new Object[1];
        return update(h, (s, k, v, o) -> trySet(s, k, null, v, o), key, value, old) ? castValue(old[0]) : null;
    }

    /**
     * Replaces the value of {@code key} if it is {@code expected}.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param expected the value it must map to
     * @param value its new value
     * @return true if {@code key} mapped to {@code expected} and now maps to {@code value}
     */
    public boolean replace(RluHandle h, K key, V expected, V value) {
        nonNull(key, "key");
        nonNull(expected, "expected value");
        nonNull(value, "value");
        return update(h, (s, k, e, v) -> trySet(s, k, e, v, null), key, expected, value);
    }

    /**
     * Updates the value of {@code key} in place, safely: {@code mutator} receives the private deep
     * copy of the value that belongs to the new version, so readers of older snapshots never see the
     * change and a reader of the new snapshot sees all of it. May run more than once (on conflict).
     *
     * @param h the calling thread's handle (no section open)
     * @param key the key
     * @param mutator changes the private copy of the value; no other side effects
     * @return false if the key is absent
     * @throws IllegalStateException if the map has no copier (values are shared between versions)
     */
    public boolean mutate(RluHandle h, K key, Consumer<? super V> mutator) {
        nonNull(key, "key");
        nonNull(mutator, "mutator");
        if (copier == null) {
            throw new IllegalStateException("mutate() needs a map created with a value copier: without one every "
                    + "version shares the value object, and an in-place change would show in every snapshot at once");
        }
        return update(h, (s, k, m, unused) -> {
            Entry<K, V> cur = find(s, heads[index(k)], k);
            if (cur == null) {
                return NOT_DONE;
            }
            Entry<K, V> c = s.tryLock(cur);
            if (c == null) {
                return CONFLICT;
            }
            m.accept(c.value);
            return DONE;
        }, key, mutator, null);
    }

    /**
     * sv6 {@code replace_from} (used by {@code rename}): atomically, in one commit,
     * <ul>
     *   <li>checks that {@code src} maps {@code srcKey} to {@code srcValue};</li>
     *   <li>if {@code expectedDst} is null, checks that this map has no {@code dstKey}; otherwise
     *       that it maps {@code dstKey} to {@code expectedDst};</li>
     *   <li>removes {@code srcKey} from {@code src} and sets {@code dstKey -> srcValue} here.</li>
     * </ul>
     * {@code src} may be this map (a rename within one directory). Unlike sv6, it also fails when
     * this map is killed (a rename into a removed directory). Renaming a key onto itself changes
     * nothing and returns whether the checks hold.
     *
     * @param h the calling thread's handle (no section open)
     * @param dstKey the key to set in this map
     * @param expectedDst the value {@code dstKey} must have, or null if it must be absent
     * @param src the map to remove {@code srcKey} from (may be this one)
     * @param srcKey the key to remove from {@code src}
     * @param srcValue the value {@code srcKey} must have; {@code dstKey} gets it
     * @return false, changing nothing, if a check fails
     * @throws IllegalArgumentException if the maps belong to different domains
     * @throws IllegalStateException if both keys fall in one bucket and the domain lacks nested
     *         locking or read-your-own-writes
     */
    public boolean replaceFrom(RluHandle h, K dstKey, V expectedDst, RluChainHashMap<K, V> src, K srcKey, V srcValue) {
        nonNull(dstKey, "dstKey");
        nonNull(src, "src");
        nonNull(srcKey, "srcKey");
        nonNull(srcValue, "srcValue");
        if (src.domain != domain || h.domain() != domain) {
            throw new IllegalArgumentException("replaceFrom() needs both maps and the handle in one RLU domain");
        }
        if (src == this && index(dstKey) == index(srcKey) && !composable) {
            throw new IllegalStateException("replaceFrom() within one bucket needs a domain with readYourOwnWrites and "
                    + "nestedLocking (this one has: " + domain.config().describe() + ")");
        }
        for (int attempt = 0; ; attempt++) {
            Section s = h.readLock();
            int r;
            try {
                r = tryReplaceFrom(s, dstKey, expectedDst, src, srcKey, srcValue);
            } catch (RuntimeException | Error e) {
                s.abort();
                throw e;
            }
            if (r == DONE) {
                s.close();
                return true;
            }
            s.abort();  // nothing to commit on NOT_DONE either: the checks failed in this snapshot
            if (r == NOT_DONE) {
                return false;
            }
            BackOff.pause(attempt);
        }
    }

    /**
     * {@link #replaceFrom(RluHandle, Object, Object, RluChainHashMap, Object, Object)} inside the
     * caller's section, so that it commits together with the section's other updates.
     *
     * @param s the caller's open section
     * @param dstKey the key to set in this map
     * @param expectedDst the value {@code dstKey} must have, or null if it must be absent
     * @param src the map to remove {@code srcKey} from (may be this one)
     * @param srcKey the key to remove from {@code src}
     * @param srcValue the value {@code srcKey} must have; {@code dstKey} gets it
     * @return false, changing nothing, if a check fails
     * @throws RluAbort on a lock conflict (use inside {@link RluHandle#execute})
     * @throws IllegalStateException if the domain lacks nested locking or read-your-own-writes
     */
    public boolean replaceFrom(Section s, K dstKey, V expectedDst, RluChainHashMap<K, V> src, K srcKey, V srcValue) {
        if (!composable) {
            throw new IllegalStateException("section-level replaceFrom() needs a domain with readYourOwnWrites and "
                    + "nestedLocking (this one has: " + domain.config().describe() + ")");
        }
        return check(tryReplaceFrom(s, nonNull(dstKey, "dstKey"), expectedDst, nonNull(src, "src"),
                nonNull(srcKey, "srcKey"), nonNull(srcValue, "srcValue")));
    }

    private int tryReplaceFrom(Section s, K dstKey, V expectedDst, RluChainHashMap<K, V> src, K srcKey, V srcValue) {
        // The checks, all in this snapshot.
        Entry<K, V> srcEntry = src.find(s, src.heads[src.index(srcKey)], srcKey);
        if (srcEntry == null || !srcValue.equals(srcEntry.value)) {
            return NOT_DONE;
        }
        Entry<K, V> dstHead = heads[index(dstKey)];
        if (s.deref(dstHead).killed) {
            return NOT_DONE;
        }
        Entry<K, V> dstEntry = find(s, dstHead, dstKey);
        if (dstEntry == null ? expectedDst != null : expectedDst == null || !expectedDst.equals(dstEntry.value)) {
            return NOT_DONE;
        }
        if (src == this && dstKey.equals(srcKey)) {
            return DONE;  // onto itself: the checks held (dst exists and holds the expected value); nothing to change
        }
        // Unlink the source first (locks its predecessor, const-locks it: its value decided)...
        int r = src.tryRemove(s, srcKey, srcValue, null);
        if (r == CONFLICT) {
            return CONFLICT;
        }
        if (r != DONE) {
            throw new AssertionError("replaceFrom: the source entry vanished within one snapshot");
        }
        // ...then set or insert the destination, through tryLock (the same copy if already locked).
        if (dstEntry != null) {
            Entry<K, V> c = s.tryLock(dstEntry);
            if (c == null) {
                return CONFLICT;
            }
            c.value = srcValue;
        } else {
            Entry<K, V> hc = s.tryLock(dstHead);
            if (hc == null) {
                return CONFLICT;
            }
            hc.next = newEntry(dstKey, srcValue, hc.next);
        }
        return DONE;
    }

    /**
     * sv6 {@code remove_and_kill} (used by {@code rmdir} on a directory holding only "..."):
     * if the map is not killed and {@code key -> value} is its only entry, removes it and marks the
     * map killed, in one commit; afterwards {@link #insert} and {@link #replaceFrom} into it fail.
     * Locks every bucket head, so it costs one version per bucket.
     *
     * @param h the calling thread's handle (no section open)
     * @param key the only key the map may hold
     * @param value the value it must map to
     * @return true if removed and killed
     */
    public boolean removeAndKill(RluHandle h, K key, V value) {
        nonNull(key, "key");
        nonNull(value, "value");
        return update(h, (s, k, v, unused) -> tryRemoveAndKill(s, k, v), key, value, null);
    }

    private int tryRemoveAndKill(Section s, K key, V value) {
        if (s.deref(heads[0]).killed) {
            return NOT_DONE;
        }
        int found = 0;
        for (Entry<K, V> head : heads) {
            for (Entry<K, V> e = s.deref(s.deref(head).next); e != null; e = s.deref(e.next)) {
                if (!e.key.equals(key) || !e.value.equals(value)) {
                    return NOT_DONE;
                }
                found++;
            }
        }
        if (found != 1) {
            return NOT_DONE;
        }
        final int b = index(key);
        Entry<K, V> bucketCopy = null;
        for (int i = 0; i < heads.length; i++) {
            Entry<K, V> c = s.tryLock(heads[i]);
            if (c == null) {
                return CONFLICT;
            }
            c.killed = true;
            if (i == b) {
                bucketCopy = c;
            }
        }
        // Unlink the victim; its predecessor is the head (already locked: use that copy) or an entry.
        Entry<K, V> prev = s.deref(heads[b]);
        Entry<K, V> cur = s.deref(prev.next);
        boolean prevIsHead = true;
        while (!cur.key.equals(key)) {
            prev = cur;
            prevIsHead = false;
            cur = s.deref(cur.next);
        }
        Entry<K, V> p = prevIsHead ? bucketCopy : s.tryLock(prev);
        if (p == null || !s.tryLockConst(cur)) {
            return CONFLICT;
        }
        p.next = cur.next;
        s.free(cur);
        return DONE;
    }

    // ================================================================== snapshot queries

    /**
     * @param h the calling thread's handle (no section open)
     * @return whether the map is killed (sv6 {@code killed})
     */
    public boolean killed(RluHandle h) {
        try (Section s = h.readLock()) {
            return killed(s);
        }
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @return the number of entries, counted in one snapshot (linearizable)
     */
    public int size(RluHandle h) {
        try (Section s = h.readLock()) {
            return size(s);
        }
    }

    /**
     * sv6 {@code enumerate} over one snapshot.
     *
     * @param h the calling thread's handle (no section open)
     * @param visitor returns false to stop
     * @return false if the visitor stopped the enumeration
     */
    public boolean enumerate(RluHandle h, BiPredicate<? super K, ? super V> visitor) {
        try (Section s = h.readLock()) {
            return enumerate(s, visitor);
        }
    }

    /**
     * @param h the calling thread's handle (no section open)
     * @return the entries of one snapshot, as immutable pairs
     */
    public List<Map.Entry<K, V>> entries(RluHandle h) {
        List<Map.Entry<K, V>> out = new ArrayList<>();
        enumerate(h, (k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        return out;
    }

    /** @return a {@link ConcurrentMap} view for drop-in use (handles found per call with {@code current()}) */
    public ConcurrentMap<K, V> asMap() {
        return new ChainHashMapView<>(this);
    }

    @Override
    public String toString() {
        return "RluChainHashMap[buckets=" + heads.length + ", copier=" + (copier != null) + "]";
    }
}
