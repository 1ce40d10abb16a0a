package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.EngineFactory;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The negative control for the Lincheck tests: a list whose remove does not lock the victim (it
 * locks only the predecessor) violates design brief §3.1's rule, and under snapshot isolation an
 * insert right after the victim is then lost. Model checking must find that, which shows the
 * scenarios and settings used for the real structures can fail.
 */
public class LincheckCatchesBrokenStructureTest {

    static List<EngineFactory> engines() {
        return TestEngines.all();
    }

    /** {@link RluListIntSet} minus the const lock on the removed node. */
    static final class VictimNotLockedList extends RluIntSet {
        private final IntNode head = IntNode.newList();

        VictimNotLockedList(RluDomain domain) {
            super(domain);
        }

        @Override
        protected boolean lookup(Section s, int key) {
            return SortedLists.contains(s, head, key);
        }

        @Override
        protected int tryAdd(Section s, int key) {
            return SortedLists.tryAdd(s, head, key);
        }

        @Override
        protected int tryRemove(Section s, int key) {
            IntNode prev = s.deref(head);
            IntNode cur = s.deref(prev.next);
            while (cur.key < key) {
                prev = cur;
                cur = s.deref(cur.next);
            }
            if (cur.key != key) {
                return NOT_DONE;
            }
            IntNode p = s.tryLock(prev);
            if (p == null) {
                return CONFLICT;
            }
            p.next = cur.next;     // BUG: cur.next may have changed since the snapshot
            return DONE;
        }

        @Override
        public void forEach(Section s, IntConsumer action) {
            SortedLists.forEachInRange(s, head, Integer.MIN_VALUE, Integer.MAX_VALUE, action);
        }

        @Override
        public String name() {
            return "broken-list";
        }
    }

    @Param(name = "key", gen = IntGen.class, conf = "1:2")
    public static final class Model {
        private final RluDomain domain = LincheckSupport.scenarioDomain();
        private final VictimNotLockedList set = new VictimNotLockedList(domain);

        // Normal (announced) sections: an optimistic first attempt would validate against
        // reclamation and, in these tiny scenarios where every commit is reclaimed at once, abort
        // the stale remove and so hide the bug this control is about.
        @Operation
        public boolean add(@Param(name = "key") int key) {
            return domain.current().execute(key, (s, k) -> set.add(s, k));
        }

        @Operation
        public boolean remove(@Param(name = "key") int key) {
            return domain.current().execute(key, (s, k) -> set.remove(s, k));
        }

        @Operation
        public int size() {
            return set.size(domain.current());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void modelCheckingFindsTheLostInsert(EngineFactory e) {
        LincheckSupport.use(e, true);
        assertThrows(AssertionError.class, () -> LincheckSupport.modelChecking().iterations(60).check(Model.class));
    }
}
