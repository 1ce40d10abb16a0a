package dev.khronos.structures;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.structures.baseline.ConcurrentHashMapIntSet;
import dev.khronos.structures.baseline.HarrisMichaelHashSet;
import dev.khronos.structures.baseline.NonBlockingHashMapLongIntSet;
import dev.khronos.structures.baseline.NonBlockingSetIntAdapter;
import dev.khronos.structures.baseline.RcuHashSet;
import dev.khronos.structures.baseline.ReadWriteLockIntSet;
import dev.khronos.structures.baseline.SkipListIntSet;
import dev.khronos.structures.baseline.SpinChainHashSet;
import dev.khronos.structures.baseline.SpinLockHashSet;
import dev.khronos.structures.spi.RluEngines;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every int set a benchmark can run, by name (the kbench/hlbench sync names and a few more):
 *
 * <table>
 *   <caption>Names</caption>
 *   <tr><td>{@code mvrlu}, {@code rlu}</td><td>hash list ({@link RluHashIntSet}) on MV-RLU / RLU</td></tr>
 *   <tr><td>{@code mvrlu-list}, {@code rlu-list}, {@code list}</td><td>one sorted list ({@link RluListIntSet}); {@code list} = MV-RLU</td></tr>
 *   <tr><td>{@code mvrlu-tree}, {@code rlu-tree}, {@code tree}</td><td>BST ({@link RluTreeIntSet}); {@code tree} = MV-RLU</td></tr>
 *   <tr><td>{@code rcu}</td><td>{@link RcuHashSet}, grace periods from an MV-RLU domain</td></tr>
 *   <tr><td>{@code spin}, {@code spinchain}, {@code harris}</td><td>{@link SpinLockHashSet}, {@link SpinChainHashSet}, {@link HarrisMichaelHashSet}</td></tr>
 *   <tr><td>{@code chm}, {@code cslm}, {@code nbhm}, {@code nbsi}, {@code rwlock}</td><td>the library adapters</td></tr>
 * </table>
 * The {@code rlu*} entries find the classic RLU engine at run time ({@link RluEngines}) and fail
 * with a clear message when module {@code mvrlu-rlu} is not on the class path.
 *
 * <p>A set made here owns the domain it was given or made: {@link IntSet#close()} shuts it down.
 *
 * <p>Thread-safety: thread-safe (immutable table).
 */
public final class StructureRegistry {
    /**
     * What a structure is built with. Immutable.
     *
     * @param buckets hash buckets (hash structures; kbench {@code -b})
     * @param keyRange the benchmark's key range (a sizing hint for the library adapters)
     * @param domain makes the RLU-family domain; null for the engine's defaults
     */
    public record Config(int buckets, int keyRange, Supplier<RluDomain> domain) {
        /**
         * Checks the sizes.
         *
         * @param buckets hash buckets, at least 1
         * @param keyRange the key range, at least 1
         * @param domain makes the RLU-family domain; null for the engine's defaults
         * @throws IllegalArgumentException if {@code buckets} or {@code keyRange} is below 1
         */
        public Config {
            if (buckets < 1) {
                throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
            }
            if (keyRange < 1) {
                throw new IllegalArgumentException("keyRange must be at least 1, got " + keyRange);
            }
        }

        /** @return 1000 buckets (kbench's default), key range 10000, engine-default domains */
        public static Config defaults() {
            return new Config(1000, 10_000, null);
        }

        /**
         * @param b hash buckets, at least 1
         * @return a copy with this option changed
         */
        public Config withBuckets(int b) {
            return new Config(b, keyRange, domain);
        }

        /**
         * @param r the key range, at least 1
         * @return a copy with this option changed
         */
        public Config withKeyRange(int r) {
            return new Config(buckets, r, domain);
        }

        /**
         * @param d makes the domain every RLU-family structure (and rcu) runs in, whatever its engine
         * @return a copy with this option changed
         */
        public Config withDomain(Supplier<RluDomain> d) {
            return new Config(buckets, keyRange, d);
        }

        RluDomain domainFor(String engine) {
            return domain != null ? domain.get() : RluEngines.createDomain(engine);
        }
    }

    /**
     * One registered structure. Immutable.
     *
     * @param name the sync name
     * @param description one line for {@code --help}
     * @param rluFamily true if written on the RLU-family API
     * @param factory makes a new, empty set from a configuration
     */
    public record Entry(String name, String description, boolean rluFamily, Function<Config, IntSet> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        for (String engine : new String[] {"mvrlu", "rlu"}) {
            rlu(engine, engine + " hash list (sorted RLU lists per bucket, kbench -s 1/4)",
                    (d, c) -> new RluHashIntSet(d, c.buckets()));
            rlu(engine + "-list", "one sorted " + engine + " list with sentinels", (d, c) -> new RluListIntSet(d));
            rlu(engine + "-tree", "unbalanced " + engine + " BST, Citrus-style delete", (d, c) -> new RluTreeIntSet(d));
        }
        rlu("list", "alias of mvrlu-list", "mvrlu", (d, c) -> new RluListIntSet(d));
        rlu("tree", "alias of mvrlu-tree", "mvrlu", (d, c) -> new RluTreeIntSet(d));
        add("rcu", "RCU hash list: bucket spinlocks for writers, lock-free readers, grace periods (kbench -s 2)", false,
                c -> new RcuHashSet(c.domainFor("mvrlu"), c.buckets(), true, RcuHashSet.RETIRE_BATCH));
        add("spin", "per-bucket spinlock sorted lists, lookups lock too (kbench -s 0)", false,
                c -> new SpinLockHashSet(c.buckets()));
        add("spinchain", "per-bucket spinlock unsorted chains, push-front (kbench -s 3)", false,
                c -> new SpinChainHashSet(c.buckets()));
        add("harris", "Harris-Michael lock-free sorted lists per bucket", false,
                c -> new HarrisMichaelHashSet(c.buckets()));
        add("chm", "ConcurrentHashMap.newKeySet() (boxes)", false, c -> new ConcurrentHashMapIntSet(c.keyRange()));
        add("cslm", "ConcurrentSkipListSet (boxes)", false, c -> new SkipListIntSet());
        add("nbhm", "JCTools NonBlockingHashMapLong as a set (no boxing)", false,
                c -> new NonBlockingHashMapLongIntSet(c.keyRange()));
        add("nbsi", "JCTools NonBlockingSetInt bit set (keys >= 0 only)", false, c -> new NonBlockingSetIntAdapter());
        add("rwlock", "one ReentrantReadWriteLock around a primitive hash set", false,
                c -> new ReadWriteLockIntSet(c.keyRange()));
    }

    private interface RluFactory {
        RluIntSet create(RluDomain domain, Config config);
    }

    private static void rlu(String name, String description, RluFactory f) {
        rlu(name, description, name.startsWith("rlu") ? "rlu" : "mvrlu", f);
    }

    private static void rlu(String name, String description, String engine, RluFactory f) {
        add(name, description, true, c -> {
            RluDomain d = c.domainFor(engine);
            RluIntSet set = f.create(d, c);
            set.ownDomain();
            return set;
        });
    }

    private static void add(String name, String description, boolean rluFamily, Function<Config, IntSet> factory) {
        ENTRIES.put(name, new Entry(name, description, rluFamily, factory));
    }

    private StructureRegistry() {
    }

    /** @return every registered name, in registration order */
    public static Set<String> names() {
        return Collections.unmodifiableSet(ENTRIES.keySet());
    }

    /**
     * @param name a registered name
     * @return the entry registered under {@code name}
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Entry entry(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown structure '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }

    /**
     * @param name a registered name
     * @param config sizes and the domain to use
     * @return a new, empty set; the caller closes it
     * @throws IllegalArgumentException if the name is unknown
     * @throws IllegalStateException if it needs an engine or a library that is not on the class
     *         path, or (on the module path) a library module that is not resolved
     */
    public static IntSet create(String name, Config config) {
        Entry e = entry(name);
        try {
            return e.factory().apply(config);
        } catch (NoClassDefFoundError missing) {
            // On the module path this module is automatic and cannot require JCTools (an explicit
            // module whose own jdk.unsupported dependency is static), so neither is resolved unless
            // the application asks for it.
            String type = String.valueOf(missing.getMessage()).replace('/', '.');
            throw new IllegalStateException("structure '" + name + "' needs " + type + ", which is not available: "
                    + "put its library on the class path (JCTools: org.jctools:jctools-core), or on the module path "
                    + "resolve its modules (java --add-modules org.jctools.core,jdk.unsupported)", missing);
        }
    }

    /** @return one line per name, for {@code --help} */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        for (Entry e : ENTRIES.values()) {
            b.append(String.format("  %-11s %s%n", e.name(), e.description()));
        }
        return b.toString();
    }
}
