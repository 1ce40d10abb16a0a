package dev.khronos.hlbench.engine;

import dev.khronos.mvrlu.engine.MvRlu;
import dev.khronos.structures.IntSet;
import dev.khronos.structures.StructureRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The sync names a benchmark accepts: {@code seq} ({@link SeqHashIntSet}, defined here) and every
 * name of {@link StructureRegistry}. The benchmark knows structures only through {@link IntSet}.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class SetFactory {
    /** The sync name of the unsynchronised single-thread reference. */
    public static final String SEQ = "seq";

    /** Sets registered at run time ({@link #register}), e.g. a deliberately broken one in tests. */
    private static final Map<String, IntFunction<IntSet>> EXTRA = new ConcurrentHashMap<>();

    private SetFactory() {
    }

    /** @return every accepted sync name: {@code seq} first, then the registry's order, then registered ones */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(SEQ);
        names.addAll(StructureRegistry.names());
        EXTRA.keySet().stream().sorted().forEach(names::add);
        return Collections.unmodifiableList(names);
    }

    /** @return whether {@code sync} is a known name */
    public static boolean isKnown(String sync) {
        return SEQ.equals(sync) || StructureRegistry.names().contains(sync) || EXTRA.containsKey(sync);
    }

    /**
     * Makes another set available under a sync name in this JVM (embedding a custom structure, or
     * a deliberately broken one in tests). The registry's names cannot be replaced.
     *
     * @param sync    the name
     * @param factory makes an empty set from the bucket count
     * @throws IllegalArgumentException if the name is {@code seq} or a registry name
     */
    public static void register(String sync, IntFunction<IntSet> factory) {
        if (SEQ.equals(sync) || StructureRegistry.names().contains(sync)) {
            throw new IllegalArgumentException("sync '" + sync + "' is built in");
        }
        EXTRA.put(sync, factory);
    }

    /** @return whether {@code sync} allows one thread only */
    public static boolean singleThreadOnly(String sync) {
        return SEQ.equals(sync);
    }

    /**
     * @param sync a sync name
     * @return what KhronOS prints as {@code -Set type}: {@code hash-list} for the hash lists,
     *         else the kind of structure ({@code list}, {@code tree}, {@code skip-list}, ...)
     */
    public static String setType(String sync) {
        if (sync.equals("list") || sync.endsWith("-list")) {
            return "list";
        }
        if (sync.equals("tree") || sync.endsWith("-tree")) {
            return "tree";
        }
        switch (sync) {
            case "cslm":
                return "skip-list";
            case "nbsi":
                return "bit-set";
            case "chm":
            case "nbhm":
            case "rwlock":
                return "hash-table";
            default:
                return "hash-list";
        }
    }

    /**
     * Makes a new, empty set; the caller closes it.
     *
     * @param sync     a sync name ({@link #names()})
     * @param buckets  buckets, &gt;= 1
     * @param keyRange the key range (a sizing hint for the library adapters), &gt;= 1
     * @return the set
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     * @throws IllegalStateException    if the structure needs an engine that is not on the class
     *                                  path (e.g. {@code rlu} without module {@code mvrlu-rlu})
     */
    public static IntSet create(String sync, int buckets, int keyRange) {
        if (SEQ.equals(sync)) {
            return new SeqHashIntSet(buckets);
        }
        IntFunction<IntSet> extra = EXTRA.get(sync);
        if (extra != null) {
            return extra.apply(buckets);
        }
        if (!StructureRegistry.names().contains(sync)) {
            throw new IllegalArgumentException("unknown sync '" + sync + "'; known: " + String.join(", ", names()));
        }
        return StructureRegistry.create(sync, new StructureRegistry.Config(buckets, Math.max(1, keyRange), null));
    }

    /**
     * Makes a new, empty set whose MV-RLU domains use the named clock.
     *
     * @param sync     a sync name ({@link #names()})
     * @param buckets  buckets, &gt;= 1
     * @param keyRange the key range, &gt;= 1
     * @param clock    {@code logical} or {@code ordo} for every MV-RLU domain the set makes (the
     *                 RLU-family sets and the RCU baseline), or {@code null} for the engine's
     *                 default (which the system property {@code khronos.mvrlu.clock} may set)
     * @return the set
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException    if the structure needs an engine that is not on the class path
     */
    public static IntSet create(String sync, int buckets, int keyRange, String clock) {
        return withMvRluClock(clock, () -> create(sync, buckets, keyRange));
    }

    /** Serialises the swaps of the JVM-wide clock property between concurrent creations. */
    private static final Object CLOCK_PROPERTY_LOCK = new Object();

    /**
     * Runs {@code make} with the system property {@code MvRlu.CLOCK_PROPERTY} (read by
     * {@code MvRlu.create()}, through which the structures' registry makes its MV-RLU domains) set
     * to {@code clock}, and puts the property back as it was afterwards, so that one benchmark's
     * choice does not leak into the next one made in the same JVM.
     *
     * @param clock {@code logical} or {@code ordo}; {@code null} runs {@code make} unchanged
     * @param make  makes the set or domain
     * @param <T>   what it makes
     * @return what {@code make} returned
     */
    public static <T> T withMvRluClock(String clock, Supplier<T> make) {
        if (clock == null) {
            return make.get();
        }
        synchronized (CLOCK_PROPERTY_LOCK) {
            String before = System.getProperty(MvRlu.CLOCK_PROPERTY);
            System.setProperty(MvRlu.CLOCK_PROPERTY, clock);
            try {
                return make.get();
            } finally {
                if (before == null) {
                    System.clearProperty(MvRlu.CLOCK_PROPERTY);
                } else {
                    System.setProperty(MvRlu.CLOCK_PROPERTY, before);
                }
            }
        }
    }

    /**
     * Turns an engine-missing failure into one line a user can act on.
     *
     * @param sync the sync name
     * @param e    what {@link #create} threw
     * @return the message
     */
    public static String engineMissingMessage(String sync, IllegalStateException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (m.startsWith("RLU engine not found")) {
            return "sync '" + sync + "' needs the classic RLU engine (module mvrlu-rlu), which is not on the class path";
        }
        return "sync '" + sync + "' is not available: " + m;
    }
}
