package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The RLU-family sets' own API: moves, section-level composition, range queries, views, tree deletes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RluIntSetTest {
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
    void moveChangesNothingWhenItCannotMove(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluHashIntSet a = new RluHashIntSet(d, 3);
        RluListIntSet b = new RluListIntSet(d);
        try (RluHandle h = d.register()) {
            a.add(h, 1);
            b.add(h, 1);
            assertFalse(RluIntSet.move(h, a, b, 1), "already in the target");
            assertTrue(a.contains(h, 1));
            assertFalse(RluIntSet.move(h, a, b, 2), "absent from the source");
            assertTrue(RluIntSet.move(h, a, 1, b, 7));
            assertArrayEquals(new int[0], a.toArray(h));
            assertArrayEquals(new int[] {1, 7}, b.toArray(h));
            assertTrue(b.replace(h, 7, 3));
            assertArrayEquals(new int[] {1, 3}, b.toArray(h));
            assertTrue(b.replace(h, 3, 3), "onto itself when present");
            assertFalse(b.replace(h, 4, 4));
            RluDomain other = domain(f, DomainSpec.defaults());
            RluListIntSet foreign = new RluListIntSet(other);
            assertThrows(IllegalArgumentException.class, () -> RluIntSet.move(h, a, foreign, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void sectionLevelUpdatesComposeInOneCommit(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluTreeIntSet t = new RluTreeIntSet(d);
        try (RluHandle h = d.register(); RluHandle reader = d.register()) {
            for (int k : new int[] {50, 30, 70, 20, 40, 60, 80}) {
                t.add(h, k);
            }
            // An older snapshot held across the commit (not on engines whose writers wait for readers:
            // this thread would wait for itself).
            Section old = f.writersWaitForReaders() ? null : reader.readLock();
            // Several updates touching the same nodes, one commit.
            h.execute(s -> {
                assertTrue(t.remove(s, 50));          // two children: replaced by 60
                assertTrue(t.add(s, 55));
                assertTrue(t.remove(s, 60));
                assertFalse(t.add(s, 55));
                assertTrue(t.contains(s, 55), "read-your-own-writes across operations");
                return null;
            });
            if (old != null) {
                assertArrayEquals(new int[] {20, 30, 40, 50, 60, 70, 80}, t.toArray(old), "older snapshot unchanged");
                old.close();
            }
            assertArrayEquals(new int[] {20, 30, 40, 55, 70, 80}, t.toArray(h));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void compositionIsRefusedClearlyWithCSemantics(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults().withFlags(false, false));
        RluListIntSet l = new RluListIntSet(d);
        try (RluHandle h = d.register()) {
            assertTrue(l.add(h, 1), "single operations work with C semantics");
            assertFalse(l.composable());
            Section s = h.readLock();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.add(s, 2));
            assertTrue(e.getMessage().contains("readYourOwnWrites"), e.getMessage());
            s.abort();
            assertThrows(IllegalStateException.class, () -> l.replace(h, 1, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void treeDeletesCoverEveryShapeAgainstATreeSet(EngineFactory f) {
        for (DomainSpec spec : TestEngines.specs()) {
            RluDomain d = domain(f, spec);
            RluTreeIntSet t = new RluTreeIntSet(d);
            TreeSet<Integer> ref = new TreeSet<>();
            SplittableRandom rnd = new SplittableRandom(3);
            try (RluHandle h = d.register()) {
                for (int round = 0; round < 4000; round++) {
                    int k = rnd.nextInt(200);
                    if (rnd.nextInt(3) == 0) {
                        assertEquals(ref.remove(k), t.remove(h, k));
                    } else {
                        assertEquals(ref.add(k), t.add(h, k));
                    }
                }
                int[] expected = ref.stream().mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, t.toArray(h));
                assertArrayEquals(ref.subSet(50, true, 120, true).stream().mapToInt(Integer::intValue).toArray(),
                        t.range(h, 50, 120));
                assertEquals(ref.subSet(-5, true, 10, true).size(), t.rangeCount(h, -5, 10));
                try (Section s = h.readLock()) {
                    int height = t.height(s);
                    assertTrue(height >= 8 && height < ref.size(), "random inserts give a bushy tree: " + height);
                }
                // the successor is the victim's right child (prevSucc == cur) and deeper (prevSucc != cur)
                RluTreeIntSet small = new RluTreeIntSet(d);
                for (int k : new int[] {10, 5, 15, 12, 20, 11}) {
                    small.add(h, k);
                }
                assertTrue(small.remove(h, 10));       // successor 11, two levels down
                assertArrayEquals(new int[] {5, 11, 12, 15, 20}, small.toArray(h));
                assertTrue(small.remove(h, 15));       // successor 20 is the right child
                assertArrayEquals(new int[] {5, 11, 12, 20}, small.toArray(h));
                assertTrue(small.remove(h, 11));
                assertTrue(small.remove(h, 5));
                assertArrayEquals(new int[] {12, 20}, small.toArray(h));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void setViewIsASnapshotAndSupportsRemoval(EngineFactory f) {
        RluDomain d = domain(f, DomainSpec.defaults());
        RluHashIntSet set = new RluHashIntSet(d, 4);
        Set<Integer> view = set.asSet();
        assertTrue(view.add(3));
        assertTrue(view.addAll(List.of(1, 2, 9)));
        assertFalse(view.add(3));
        assertTrue(view.contains(9));
        assertFalse(view.contains("9"));
        assertFalse(view.contains(Integer.MIN_VALUE));
        assertEquals(4, view.size());
        Iterator<Integer> it = view.iterator();
        view.add(100);                 // after the iterator's snapshot: not seen by it
        List<Integer> seen = new ArrayList<>();
        while (it.hasNext()) {
            int k = it.next();
            seen.add(k);
            if (k == 2) {
                it.remove();
            }
        }
        seen.sort(null);
        assertEquals(List.of(1, 2, 3, 9), seen);
        assertEquals(Set.of(1, 3, 9, 100), Set.copyOf(view));
        assertThrows(IllegalArgumentException.class, () -> view.add(Integer.MAX_VALUE));
        assertThrows(NullPointerException.class, () -> view.add(null));
        view.clear();
        assertTrue(view.isEmpty());
        assertEquals("[]", Arrays.toString(set.toArray(d.current())));
    }
}
