package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.EngineFactory;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

/**
 * Linearizability of every RLU-family structure, on every engine of {@link TestEngines#all()}, by
 * model checking (inline reclamation) and by stress (hyperactive reclaimer). Scenarios include the
 * snapshot queries and the atomic multi-key operations, checked against the sequential behaviour.
 */
public class RluLincheckTest {

    static List<EngineFactory> engines() {
        return TestEngines.all();
    }

    /** add/remove/contains/size on one int set; subclasses choose the structure. */
    @Param(name = "key", gen = IntGen.class, conf = "1:5")
    public abstract static class SetModel {
        protected final RluDomain domain = LincheckSupport.scenarioDomain();
        protected final RluIntSet set = create(domain);

        protected abstract RluIntSet create(RluDomain d);

        @Operation
        public boolean add(@Param(name = "key") int key) {
            return set.add(domain.current(), key);
        }

        @Operation
        public boolean remove(@Param(name = "key") int key) {
            return set.remove(domain.current(), key);
        }

        @Operation
        public boolean contains(@Param(name = "key") int key) {
            return set.contains(domain.current(), key);
        }

        @Operation
        public int size() {
            return set.size(domain.current());
        }
    }

    public static final class ListModel extends SetModel {
        @Override
        protected RluIntSet create(RluDomain d) {
            return new RluListIntSet(d);
        }
    }

    public static final class HashModel extends SetModel {
        @Override
        protected RluIntSet create(RluDomain d) {
            return new RluHashIntSet(d, 2);
        }
    }

    /** The tree, with a snapshot range query (two children deletes need >= 3 keys: key range 1..5). */
    public static final class TreeModel extends SetModel {
        @Override
        protected RluIntSet create(RluDomain d) {
            RluTreeIntSet t = new RluTreeIntSet(d);
            RluHandle h = d.register();
            t.add(h, 3);  // a root with room for two-children deletes below it
            h.close();
            return t;
        }

        @Operation
        public String range(@Param(name = "key") int lo) {
            return Arrays.toString(((RluTreeIntSet) set).range(domain.current(), lo, lo + 2));
        }
    }

    /** Moves between a hash set and a list, renames within the hash set, and a two-set snapshot. */
    @Param(name = "key", gen = IntGen.class, conf = "1:4")
    public static final class MoveModel {
        private final RluDomain domain = LincheckSupport.scenarioDomain();
        private final RluHashIntSet a = new RluHashIntSet(domain, 2);
        private final RluListIntSet b = new RluListIntSet(domain);

        @Operation
        public boolean addA(@Param(name = "key") int key) {
            return a.add(domain.current(), key);
        }

        @Operation
        public boolean removeB(@Param(name = "key") int key) {
            return b.remove(domain.current(), key);
        }

        @Operation
        public boolean moveAtoB(@Param(name = "key") int key) {
            return RluIntSet.move(domain.current(), a, b, key);
        }

        @Operation
        public boolean renameInA(@Param(name = "key") int from, @Param(name = "key") int to) {
            return a.replace(domain.current(), from, to);
        }

        @Operation
        public String snapshot() {
            try (Section s = domain.current().readLock()) {
                int[] x = a.toArray(s);
                Arrays.sort(x);
                return Arrays.toString(x) + Arrays.toString(b.toArray(s));
            }
        }
    }

    /** The chain hash map: sv6 operations, replaceFrom within one map and across two, snapshot size. */
    @Param(name = "key", gen = IntGen.class, conf = "1:4")
    @Param(name = "value", gen = IntGen.class, conf = "1:2")
    public static final class MapModel {
        private final RluDomain domain = LincheckSupport.scenarioDomain();
        private final RluChainHashMap<Integer, Integer> m1 = new RluChainHashMap<>(domain, 2);
        private final RluChainHashMap<Integer, Integer> m2 = new RluChainHashMap<>(domain, 1);

        @Operation
        public boolean insert(@Param(name = "key") int k, @Param(name = "value") int v) {
            return m1.insert(domain.current(), k, v);
        }

        @Operation
        public Integer get(@Param(name = "key") int k) {
            return m1.get(domain.current(), k);
        }

        @Operation
        public Integer remove(@Param(name = "key") int k) {
            return m1.remove(domain.current(), k);
        }

        @Operation
        public Integer put2(@Param(name = "key") int k, @Param(name = "value") int v) {
            return m2.put(domain.current(), k, v);
        }

        @Operation
        public boolean rename(@Param(name = "key") int dst, @Param(name = "key") int src, @Param(name = "value") int v) {
            return m1.replaceFrom(domain.current(), dst, null, m1, src, v);
        }

        @Operation
        public boolean moveTo2(@Param(name = "key") int k, @Param(name = "value") int v) {
            return m2.replaceFrom(domain.current(), k, null, m1, k, v);
        }

        @Operation
        public String snapshot() {
            try (Section s = domain.current().readLock()) {
                return m1.size(s) + "/" + m2.size(s) + "/" + m2.get(s, 1);
            }
        }
    }

    private static void check(EngineFactory engine, Class<?> model, boolean modelChecking) {
        LincheckSupport.use(engine, modelChecking);
        if (modelChecking) {
            LincheckSupport.modelChecking().check(model);
        } else {
            LincheckSupport.stress().check(model);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void listModelChecking(EngineFactory e) {
        check(e, ListModel.class, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void listStress(EngineFactory e) {
        check(e, ListModel.class, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hashModelChecking(EngineFactory e) {
        check(e, HashModel.class, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hashStress(EngineFactory e) {
        check(e, HashModel.class, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void treeModelChecking(EngineFactory e) {
        check(e, TreeModel.class, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void treeStress(EngineFactory e) {
        check(e, TreeModel.class, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void moveModelChecking(EngineFactory e) {
        check(e, MoveModel.class, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void moveStress(EngineFactory e) {
        check(e, MoveModel.class, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mapModelChecking(EngineFactory e) {
        check(e, MapModel.class, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mapStress(EngineFactory e) {
        check(e, MapModel.class, false);
    }
}
