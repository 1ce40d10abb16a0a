package dev.khronos.structures.guide;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.engine.MvRlu;
import dev.khronos.mvrlu.engine.MvRluConfig;
import dev.khronos.rlu.Rlu;
import dev.khronos.rlu.RluConfig;
import dev.khronos.structures.RluChainHashMap;
import dev.khronos.structures.RluHashIntSet;
import dev.khronos.structures.RluIntSet;
import dev.khronos.structures.RluListIntSet;
import dev.khronos.structures.RluTreeIntSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every code sample of the user guide (mvrlu-core's {@code src/main/javadoc/overview.html}), run
 * on both engines where it applies. Each sample is the region between a {@code // guide:ID} and a
 * {@code // end:ID} line; {@link UserGuideTextTest} checks that the guide shows exactly these
 * regions, so a sample cannot drift from code that compiles and passes.
 */
class UserGuideSamplesTest {
    private static final long DEADLINE_SECONDS = 60;

    // guide:sample-node
    static final class Node extends RluObject<Node> {
        final int key;      // final fields never change, in any version
        Node next;          // pointer fields always hold masters (Section.ref)

        Node(int key, Node next) {
            this.key = key;
            this.next = next;
        }

        protected void copyStateFrom(Node source) {
            next = source.next;     // every non-final field
        }

        static Node newList() {
            return new Node(Integer.MIN_VALUE, new Node(Integer.MAX_VALUE, null));
        }
    }
    // end:sample-node

    // guide:sample-read
    static boolean contains(RluHandle handle, Node head, int key) {
        try (Section s = handle.readLock()) {
            Node n = s.deref(head);
            while (n.key < key) {
                n = s.deref(n.next);
            }
            return n.key == key;    // a value leaves the section, never a node
        }
    }
    // end:sample-read

    // guide:sample-update
    static boolean add(RluHandle handle, Node head, int key) {
        return handle.execute(key, (s, k) -> {
            Node prev = s.deref(head);
            Node next = s.deref(prev.next);
            while (next.key < k) {
                prev = next;
                next = s.deref(next.next);
            }
            if (next.key == k) {
                return false;
            }
            Node p = s.lock(prev);      // the private copy; a conflict restarts the lambda
            s.lockConst(next);          // the decision depends on next: lock it without a copy
            p.next = Section.ref(new Node(k, Section.ref(next)));
            return true;
        });
    }

    static boolean remove(RluHandle handle, Node head, int key) {
        return handle.execute(key, (s, k) -> {
            Node prev = s.deref(head);
            Node victim = s.deref(prev.next);
            while (victim.key < k) {
                prev = victim;
                victim = s.deref(victim.next);
            }
            if (victim.key != k) {
                return false;
            }
            Node p = s.lock(prev);
            s.lockConst(victim);
            p.next = victim.next;       // already a master
            s.free(victim);             // a writer still holding it from an older snapshot now fails to lock it
            return true;
        });
    }
    // end:sample-update

    // guide:sample-optimistic
    static boolean containsOptimistic(RluHandle handle, Node head, int key) {
        return handle.executeOptimistic(key, (s, k) -> {
            Node n = s.deref(head);
            while (n.key < k) {         // keys are final and ascend: a zombie read cannot loop
                n = s.deref(n.next);
            }
            return n.key == k;
        });
    }
    // end:sample-optimistic

    // guide:sample-compose
    static boolean moveKey(RluHandle handle, RluIntSet from, RluIntSet to, int key) {
        return handle.execute(s -> {
            if (!from.contains(s, key) || to.contains(s, key)) {
                return false;           // nothing locked: nothing to commit
            }
            from.remove(s, key);        // section-level updates: they commit together
            to.add(s, key);
            return true;
        });
    }
    // end:sample-compose

    static RluDomain engine(String name) {
        return name.equals("rlu") ? Rlu.create(RluConfig.defaults()) : MvRlu.create(MvRluConfig.defaults());
    }

    /** The raw-API samples (node, read, update, optimistic read) on each engine. */
    static void useList(RluDomain domain) {
        Node head = Node.newList();
        try (RluHandle h = domain.register()) {
            assertTrue(add(h, head, 5));
            assertTrue(add(h, head, 2));
            assertFalse(add(h, head, 5));
            assertTrue(contains(h, head, 2));
            assertTrue(containsOptimistic(h, head, 5));
            assertTrue(remove(h, head, 5));
            assertFalse(remove(h, head, 5));
            assertFalse(contains(h, head, 5));
            assertFalse(containsOptimistic(h, head, 5));
            assertTrue(containsOptimistic(h, head, 2));
        }
    }

    @Test
    void chooseAnEngine() {
        // guide:sample-engines
        try (MvRlu domain = MvRlu.create(MvRluConfig.defaults())) {
            useList(domain);    // multi-version: readers and writers never wait for each other
        }
        try (Rlu domain = Rlu.create(RluConfig.defaults())) {
            useList(domain);    // classic RLU: a commit waits for the readers older than it
        }
        // end:sample-engines
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvrlu", "rlu"})
    void concurrentUpdatesOfTheRawListLoseNothing(String engine) throws Exception {
        Node head = Node.newList();
        try (RluDomain domain = engine(engine)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int base = t * 200;
                    tasks.add(() -> {
                        try (RluHandle h = domain.register()) {
                            for (int k = base; k < base + 200; k++) {
                                assertTrue(add(h, head, k));
                            }
                            for (int k = base; k < base + 200; k += 2) {
                                assertTrue(remove(h, head, k));
                            }
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(tasks, DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
            try (RluHandle h = domain.register()) {
                for (int k = 0; k < 800; k++) {
                    assertEquals(k % 2 == 1, contains(h, head, k), "key " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvrlu", "rlu"})
    void composeSeveralUpdatesInOneCommit(String engine) {
        try (RluDomain domain = engine(engine); RluHandle h = domain.register()) {
            RluHashIntSet from = new RluHashIntSet(domain, 8);
            RluListIntSet to = new RluListIntSet(domain);
            from.add(h, 7);
            assertTrue(moveKey(h, from, to, 7));
            assertFalse(moveKey(h, from, to, 7));
            assertFalse(from.contains(h, 7));
            assertTrue(to.contains(h, 7));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvrlu", "rlu"})
    void structuresAndTheirViews(String engine) throws Exception {
        try (RluDomain domain = engine(engine)) {
            // guide:sample-views
            RluChainHashMap<String, Integer> map = new RluChainHashMap<>(domain, 256);
            ConcurrentMap<String, Integer> counts = map.asMap();    // any thread; each call finds its handle
            counts.merge("apples", 1, Integer::sum);
            counts.putIfAbsent("pears", 0);
            int entries = counts.size();                             // counted in one snapshot

            Set<Integer> seen = new RluHashIntSet(domain, 64).asSet();
            seen.add(42);
            // end:sample-views
            assertEquals(2, entries);
            assertEquals(1, counts.get("apples"));
            assertTrue(seen.contains(42));

            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    tasks.add(() -> {
                        for (int i = 0; i < 300; i++) {
                            counts.merge("apples", 1, Integer::sum);
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(tasks, DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
            assertEquals(901, counts.get("apples"));

            // guide:sample-structures
            RluTreeIntSet tree = new RluTreeIntSet(domain);
            int[] keys;
            int size;
            try (RluHandle h = domain.register()) {
                tree.add(h, 3);
                tree.add(h, 1);
                tree.replace(h, 3, 2);              // remove 3 and add 2 in one commit
                keys = tree.range(h, 0, 10);        // {1, 2}: one snapshot
                size = tree.size(h);                // linearizable, unlike ConcurrentSkipListSet's
                map.replaceFrom(h, "plums", null, map, "pears", 0);    // a rename, in one commit
            }
            // end:sample-structures
            assertArrayEquals(new int[] {1, 2}, keys);
            assertEquals(2, size);
            assertNull(counts.get("pears"));
            assertEquals(0, counts.get("plums"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvrlu", "rlu"})
    void statistics(String engine) {
        try (RluDomain domain = engine(engine)) {
            useList(domain);
            // guide:sample-stats
            RluStats stats = domain.stats();
            long sections = stats.get("n_starts");      // the C library's counter names
            long aborts = stats.get("n_aborts");
            String report = stats.toString();           // its mvrlu_print_stats layout
            // end:sample-stats
            assertTrue(sections >= 10, "n_starts " + sections);
            assertTrue(aborts >= 0);
            assertTrue(report.contains("n_starts"), report);
            assertThrows(IllegalArgumentException.class, () -> stats.get("no_such_counter"));
        }
    }

    // guide:sample-deep-copy
    static final class Account extends RluObject<Account> {
        final String owner;
        List<String> history = new ArrayList<>();   // mutable: every version needs its own

        Account(String owner) {
            this.owner = owner;
        }

        protected Account duplicate() {
            Account copy = super.duplicate();
            copy.history = new ArrayList<>(history);
            return copy;
        }

        protected void copyStateFrom(Account source) {
            history = source.history;   // a committed version's list is never changed again
        }
    }
    // end:sample-deep-copy

    /** An old snapshot keeps its history while a writer commits a new entry (MV-RLU readers never wait). */
    @Test
    void deepCopiesKeepOldSnapshotsIntact() throws Exception {
        Account account = new Account("ada");
        try (MvRlu domain = MvRlu.create(MvRluConfig.defaults()); RluHandle reader = domain.register()) {
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            CountDownLatch committed = new CountDownLatch(1);
            try (Section old = reader.readLock()) {
                Thread writer = new Thread(() -> {
                    try (RluHandle h = domain.register()) {
                        h.execute(s -> s.lock(account).history.add("deposit"));
                        committed.countDown();
                    } catch (Throwable t) {
                        writerFailure.set(t);
                    }
                }, "writer");
                writer.start();
                try {
                    assertTrue(committed.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "writer did not commit");
                } finally {
                    writer.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
                }
                assertNull(writerFailure.get());
                assertEquals(List.of(), old.deref(account).history, "the old snapshot changed");
            }
            try (Section now = reader.readLock()) {
                assertEquals(List.of("deposit"), now.deref(account).history);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mvrlu", "rlu"})
    void oneHandlePerThread(String engine) throws Exception {
        try (RluDomain domain = engine(engine)) {
            RluHashIntSet set = new RluHashIntSet(domain, 128);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            int total = 0;
            try {
                // guide:sample-threads
                List<Callable<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t * 1000;
                    workers.add(() -> {
                        try (RluHandle h = domain.register()) {     // this thread's own handle
                            int added = 0;
                            for (int k = first; k < first + 1000; k++) {
                                added += set.add(h, k) ? 1 : 0;
                            }
                            return added;
                        }
                    });
                }
                for (Future<Integer> f : pool.invokeAll(workers, 60, TimeUnit.SECONDS)) {
                    total += f.get();
                }
                // end:sample-threads
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
            assertEquals(4000, total);
            assertEquals(4000, set.size());
        }
    }
}
