package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The chain hash map's sv6 semantics, its ConcurrentMap view, and how mutable values stay correct. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RluChainHashMapTest {
    private final List<RluDomain> domains = new ArrayList<>();

    static List<EngineFactory> engines() {
        return TestEngines.all();
    }

    private RluDomain domain(EngineFactory f, DomainSpec spec) {
        RluDomain d = f.create(spec);
        domains.add(d);
        return d;
    }

    @AfterEach
    void shutdown() {
        domains.forEach(RluDomain::shutdown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void sv6InsertRemoveLookupEnumerate(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluChainHashMap<String, Integer> m = new RluChainHashMap<>(d, 3);
        try (RluHandle h = d.register()) {
            assertTrue(m.insert(h, "x", 1));
            assertFalse(m.insert(h, "x", 2), "insert fails on a present key");
            assertEquals(1, m.get(h, "x"));
            assertNull(m.get(h, "y"));
            assertFalse(m.remove(h, "x", 2), "remove(k, v) needs the value to match");
            assertTrue(m.remove(h, "x", 1));
            assertNull(m.get(h, "x"));
            for (int i = 0; i < 50; i++) {
                m.insert(h, "k" + i, i);
            }
            assertEquals(50, m.size(h));
            Map<String, Integer> seen = new HashMap<>();
            assertTrue(m.enumerate(h, (k, v) -> seen.put(k, v) == null));
            assertEquals(50, seen.size());
            assertEquals(7, seen.get("k7"));
            int[] visited = new int[1];
            assertFalse(m.enumerate(h, (k, v) -> ++visited[0] < 5), "the visitor stops enumeration");
            assertEquals(5, visited[0]);
            assertEquals(50, m.entries(h).size());
            assertEquals(7, m.put(h, "k7", 70));
            assertEquals(70, m.replace(h, "k7", 71));
            assertFalse(m.replace(h, "k7", 70, 72));
            assertTrue(m.replace(h, "k7", 71, 72));
            assertEquals(72, m.remove(h, "k7"));
            assertNull(m.replace(h, "k7", 1), "replace of an absent key");
            assertThrows(NullPointerException.class, () -> m.insert(h, null, 1));
            assertThrows(NullPointerException.class, () -> m.insert(h, "n", null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void replaceFromFollowsSv6(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluChainHashMap<String, Integer> src = new RluChainHashMap<>(d, 2);
        RluChainHashMap<String, Integer> dst = new RluChainHashMap<>(d, 2);
        try (RluHandle h = d.register()) {
            src.insert(h, "f", 10);
            assertFalse(dst.replaceFrom(h, "g", null, src, "f", 11), "source value must match");
            assertFalse(dst.replaceFrom(h, "g", 5, src, "f", 10), "expected destination must exist");
            assertTrue(dst.replaceFrom(h, "g", null, src, "f", 10));
            assertNull(src.get(h, "f"));
            assertEquals(10, dst.get(h, "g"));
            // overwrite an existing destination only when it holds the expected value
            src.insert(h, "f2", 20);
            assertFalse(dst.replaceFrom(h, "g", null, src, "f2", 20), "absent destination required");
            assertFalse(dst.replaceFrom(h, "g", 99, src, "f2", 20));
            assertTrue(dst.replaceFrom(h, "g", 10, src, "f2", 20));
            assertEquals(20, dst.get(h, "g"));
            assertEquals(0, src.size(h));
            assertEquals(1, dst.size(h));
            // within one map, every pair of keys (same and different buckets)
            for (int i = 0; i < 20; i++) {
                assertTrue(dst.replaceFrom(h, "n" + i, null, dst, i == 0 ? "g" : "n" + (i - 1), 20));
                assertEquals(1, dst.size(h));
            }
            assertTrue(dst.replaceFrom(h, "n19", 20, dst, "n19", 20), "onto itself: checks hold, no change");
            assertEquals(20, dst.get(h, "n19"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void replaceFromWithinOneBucketNeedsNestedLockingAndSaysSo(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults().withFlags(false, false));
        RluChainHashMap<Integer, Integer> one = new RluChainHashMap<>(d, 1);
        RluChainHashMap<Integer, Integer> other = new RluChainHashMap<>(d, 1);
        try (RluHandle h = d.register()) {
            one.insert(h, 1, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> one.replaceFrom(h, 2, null, one, 1, 1));
            assertTrue(e.getMessage().contains("nestedLocking"), e.getMessage());
            assertTrue(other.replaceFrom(h, 2, null, one, 1, 1), "different maps work with C semantics");
            assertEquals(1, other.get(h, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void removeAndKillLikeRmdir(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluChainHashMap<String, Integer> dir = new RluChainHashMap<>(d, 4);
        try (RluHandle h = d.register()) {
            dir.insert(h, "..", 1);
            dir.insert(h, "file", 2);
            assertFalse(dir.removeAndKill(h, "..", 1), "not empty");
            assertFalse(dir.killed(h));
            dir.remove(h, "file");
            assertFalse(dir.removeAndKill(h, "..", 7), "value must match");
            assertTrue(dir.removeAndKill(h, "..", 1));
            assertTrue(dir.killed(h));
            assertEquals(0, dir.size(h));
            assertFalse(dir.insert(h, "late", 3), "a killed map refuses inserts");
            assertFalse(dir.removeAndKill(h, "..", 1));
            RluChainHashMap<String, Integer> src = new RluChainHashMap<>(d, 1);
            src.insert(h, "x", 5);
            assertFalse(dir.replaceFrom(h, "x", null, src, "x", 5), "no rename into a killed map");
            assertEquals(5, src.get(h, "x"));
            assertThrows(IllegalStateException.class, () -> dir.put(h, "late", 3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void removeAndKillOfAWideMapFitsATinyInlineLog(EngineFactory f) {
        // One commit with a version per bucket (64) in a domain whose log holds 4: the commit must
        // still go through and be reclaimed, not block forever at the high watermark.
        RluDomain d = domain(f, DomainSpec.inline());
        RluChainHashMap<Integer, Integer> dir = new RluChainHashMap<>(d, 64);
        try (RluHandle h = d.register()) {
            for (int round = 0; round < 3; round++) {
                RluChainHashMap<Integer, Integer> m = round == 0 ? dir : new RluChainHashMap<>(d, 64);
                m.insert(h, 1, 1);
                assertTrue(m.removeAndKill(h, 1, 1));
                assertTrue(m.killed(h));
                assertFalse(m.insert(h, 2, 2));
            }
            h.flushLog();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void concurrentMapView(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        ConcurrentMap<String, Integer> m = new RluChainHashMap<String, Integer>(d, 8).asMap();
        assertNull(m.put("a", 1));
        assertEquals(1, m.put("a", 2));
        assertEquals(2, m.putIfAbsent("a", 3));
        assertNull(m.putIfAbsent("b", 3));
        assertEquals(2, m.size());
        assertTrue(m.containsKey("b"));
        assertEquals(5, m.merge("b", 2, Integer::sum));
        assertEquals(10, m.compute("b", (k, v) -> v * 2));
        assertEquals(1, m.computeIfAbsent("c", k -> 1));
        assertTrue(m.remove("c", 1));
        assertFalse(m.remove("c", 1));
        assertEquals(Map.of("a", 2, "b", 10), new HashMap<>(m));
        m.entrySet().removeIf(e -> e.getKey().equals("a"));
        assertEquals(Map.of("b", 10), new HashMap<>(m));
        assertThrows(NullPointerException.class, () -> m.put(null, 1));
        assertThrows(NullPointerException.class, () -> m.put("z", null));
        m.clear();
        assertTrue(m.isEmpty());
    }

    /** A mutable value: two fields that every writer keeps equal. */
    static final class Pair {
        int x;
        int y;

        Pair(int x, int y) {
            this.x = x;
            this.y = y;
        }

        Pair copy() {
            return new Pair(x, y);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mutableValuesWithACopierAreVersionedWithTheEntry(EngineFactory f) throws Exception {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluChainHashMap<String, Pair> m = new RluChainHashMap<>(d, 2, Pair::copy);
        try (RluHandle h = d.register(); RluHandle reader = d.register()) {
            m.insert(h, "p", new Pair(0, 0));
            // The value object of an older version (held past its section: on engines whose writers
            // wait for readers, an open reader would block the mutate below on this same thread).
            Pair before = m.get(reader, "p");
            assertTrue(m.mutate(h, "p", p -> {
                p.x = 1;
                p.y = 1;
            }));
            assertEquals(0, before.x, "the older version's value object is untouched: the update got a copy");
            assertEquals(0, before.y);
            if (!f.writersWaitForReaders()) {
                Section old = reader.readLock();
                Pair inOld = m.get(old, "p");
                m.mutate(h, "p", p -> p.x = p.y = 2);
                assertEquals(1, inOld.x, "a snapshot open across the update keeps seeing its own value");
                assertEquals(1, m.get(old, "p").y);
                old.close();
                m.mutate(h, "p", p -> p.x = p.y = 1);
            }
            assertEquals(1, m.get(h, "p").x);
            assertFalse(m.mutate(h, "absent", p -> p.x = 9));
            // many concurrent mutators: every committed state has x == y, and no increment is lost
            int threads = 3;
            int per = 300;
            List<Thread> ts = new ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                ts.add(new Thread(() -> {
                    try (RluHandle w = d.register()) {
                        for (int i = 0; i < per; i++) {
                            m.mutate(w, "p", p -> {
                                p.x++;
                                p.y++;
                            });
                            Pair seen = m.get(w, "p");
                            assertEquals(seen.x, seen.y, "torn value");
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            ts.forEach(Thread::start);
            Await.join(Await.GENEROUS, ts);
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            Pair end = m.get(h, "p");
            assertEquals(1 + threads * per, end.x);
            assertEquals(end.x, end.y);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void withoutACopierMutateIsRefusedBecauseVersionsShareTheValue(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluChainHashMap<String, Pair> m = new RluChainHashMap<>(d, 2);
        try (RluHandle h = d.register(); RluHandle reader = d.register()) {
            m.insert(h, "p", new Pair(0, 0));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.mutate(h, "p", p -> p.x = 1));
            assertTrue(e.getMessage().contains("copier"), e.getMessage());
            // The hazard the rule prevents: a version made by any update shares the value object, so
            // an in-place change made behind the map's back shows in an older snapshot too.
            Pair inOldVersion = m.get(reader, "p");
            m.put(h, "p", m.get(h, "p"));        // a new version of the entry, same value object
            m.get(h, "p").x = 5;                 // the misuse: mutating a shared value in place
            assertEquals(5, inOldVersion.x, "shallow copies share mutable values (documented hazard)");
        }
    }

    /** An account whose balance is versioned by the engine itself: the value is an RLU object. */
    static final class Account extends RluObject<Account> {
        long balance;

        Account(long balance) {
            this.balance = balance;
        }

        @Override
        protected void copyStateFrom(Account source) {
            balance = source.balance;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void valuesThatAreRluObjectsAreVersionedOnTheirOwn(EngineFactory f) throws Exception {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluChainHashMap<String, Account> bank = new RluChainHashMap<>(d, 4);
        try (RluHandle h = d.register()) {
            bank.insert(h, "alice", new Account(100));
            bank.insert(h, "bob", new Account(100));
        }
        List<Thread> ts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < 3; t++) {
            final boolean writer = t < 2;
            ts.add(new Thread(() -> {
                try (RluHandle h = d.register()) {
                    for (int i = 0; i < 500; i++) {
                        if (writer) {
                            h.execute(s -> {
                                Account a = s.lock(bank.get(s, "alice"));
                                Account b = s.lock(bank.get(s, "bob"));
                                a.balance -= 1;
                                b.balance += 1;
                                return null;
                            });
                        } else {
                            try (Section s = h.readLock()) {
                                long sum = s.deref(bank.get(s, "alice")).balance + s.deref(bank.get(s, "bob")).balance;
                                assertEquals(200, sum, "a transfer is seen whole or not at all");
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        ts.forEach(Thread::start);
        Await.join(Await.GENEROUS, ts);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        try (RluHandle h = d.register(); Section s = h.readLock()) {
            assertEquals(100 - 1000, s.deref(bank.get(s, "alice")).balance, "no transfer lost");
            assertEquals(100 + 1000, s.deref(bank.get(s, "bob")).balance);
        }
    }
}
