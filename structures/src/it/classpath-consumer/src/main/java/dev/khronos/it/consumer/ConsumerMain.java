package dev.khronos.it.consumer;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.engine.MvRlu;
import dev.khronos.rlu.Rlu;
import dev.khronos.structures.IntSet;
import dev.khronos.structures.RluChainHashMap;
import dev.khronos.structures.RluHashIntSet;
import dev.khronos.structures.RluIntSet;
import dev.khronos.structures.StructureRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a user of the published artifacts does, on each engine: a {@code ConcurrentMap} from
 * {@code RluChainHashMap.asMap()} updated by several threads, an atomic move between two sets
 * watched by a reader counting both sets in one snapshot, a rename in the map, the statistics, and
 * the structure registry (engines found by name; JCTools and Agrona came along). Any failed check
 * throws, so the JVM exits non-zero and the invoker build fails.
 *
 * <p>Argument: {@code class-path} or {@code module-path}, the way this run was launched; checked
 * against where the library classes were actually loaded from.
 */
public final class ConsumerMain {
    private static final int THREADS = 4;
    private static final int KEYS_PER_THREAD = 300;
    private static final int MOVED_KEYS = 50;
    private static final int MOVE_ROUNDS = 20;
    private static final long DEADLINE_SECONDS = 120;

    private ConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = String.join(" ", args);
        checkLaunchMode(mode);
        try (MvRlu mvrlu = MvRlu.create()) {
            exercise("mvrlu", mvrlu);
        }
        try (Rlu rlu = Rlu.create()) {
            exercise("rlu", rlu);
        }
        for (String name : List.of("mvrlu", "rlu", "rwlock", "nbhm")) {
            if (name.equals("nbhm") && !jctoolsReadable()) {
                // module path without --add-modules org.jctools.core,jdk.unsupported: a clear error
                try {
                    StructureRegistry.create(name, StructureRegistry.Config.defaults()).close();
                    throw new IllegalStateException("check failed: nbhm created without JCTools resolved");
                } catch (IllegalStateException expected) {
                    check(expected.getMessage().contains("--add-modules org.jctools.core,jdk.unsupported"), expected.getMessage());
                    System.out.println("registry nbhm without JCTools resolved: " + expected.getMessage());
                }
                continue;
            }
            try (IntSet set = StructureRegistry.create(name, StructureRegistry.Config.defaults())) {
                check(set.add(42) && set.contains(42) && !set.add(42) && set.size() == 1, name + " from the registry");
                System.out.println("registry " + name + ": " + set.name());
            }
        }
        System.out.println("consumer OK on the " + mode);
    }

    /** On the module path, JCTools (an explicit module nobody requires here) is resolved only on request. */
    private static boolean jctoolsReadable() {
        return !ConsumerMain.class.getModule().isNamed() || ModuleLayer.boot().findModule("org.jctools.core").isPresent();
    }

    private static void checkLaunchMode(String mode) {
        Module library = RluChainHashMap.class.getModule();
        Module self = ConsumerMain.class.getModule();
        switch (mode) {
            case "class-path":
                check(!library.isNamed() && !self.isNamed(), "expected the class path, got " + library + " / " + self);
                break;
            case "module-path":
                check("dev.khronos.structures".equals(library.getName()), "structures' module: " + library);
                check("dev.khronos.mvrlu".equals(RluDomain.class.getModule().getName()), "mvrlu-core's module");
                check("dev.khronos.rlu".equals(Rlu.class.getModule().getName()), "mvrlu-rlu's module");
                check("dev.khronos.it.consumer".equals(self.getName()), "consumer's module: " + self);
                break;
            default:
                throw new IllegalArgumentException("usage: ConsumerMain class-path|module-path, got '" + mode + "'");
        }
        System.out.println("launched on the " + mode + ": structures in " + library);
    }

    private static void exercise(String engine, RluDomain domain) throws Exception {
        RluChainHashMap<String, Integer> map = new RluChainHashMap<>(domain, 64);
        ConcurrentMap<String, Integer> view = map.asMap();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < KEYS_PER_THREAD; i++) {
                        view.put("k" + thread + "-" + i, i);
                        view.merge("total", 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            check(pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS), "pool did not stop");
        }
        check(view.get("total") == THREADS * KEYS_PER_THREAD, "merge lost updates: " + view.get("total"));
        check(view.size() == THREADS * KEYS_PER_THREAD + 1, "size " + view.size());

        try (RluHandle h = domain.register()) {
            check(map.replaceFrom(h, "renamed", null, map, "k0-0", 0), "rename");
            check(map.get(h, "k0-0") == null && map.get(h, "renamed") == 0, "rename result");
            check(map.size(h) == THREADS * KEYS_PER_THREAD + 1, "size after rename " + map.size(h));
            atomicMoves(domain, h);
            long starts = domain.stats().get("n_starts");
            check(starts > 0, "statistics: n_starts " + starts);
            System.out.println(engine + ": map of " + map.size(h) + " entries, n_starts=" + starts);
        }
    }

    /** Moves keys back and forth between two sets while this thread counts both in one snapshot. */
    private static void atomicMoves(RluDomain domain, RluHandle reader) throws Exception {
        RluHashIntSet left = new RluHashIntSet(domain, 16);
        RluHashIntSet right = new RluHashIntSet(domain, 16);
        for (int k = 1; k <= MOVED_KEYS; k++) {
            left.add(reader, k);
        }
        AtomicBoolean moving = new AtomicBoolean(true);
        Thread mover = new Thread(() -> {
            try (RluHandle h = domain.register()) {
                for (int round = 0; round < MOVE_ROUNDS; round++) {
                    for (int k = 1; k <= MOVED_KEYS; k++) {
                        check(RluIntSet.move(h, left, right, k), "move " + k + " right");
                    }
                    for (int k = 1; k <= MOVED_KEYS; k++) {
                        check(RluIntSet.move(h, right, left, k), "move " + k + " left");
                    }
                }
            } finally {
                moving.set(false);
            }
        }, "mover");
        List<Throwable> moverFailure = new ArrayList<>();
        mover.setUncaughtExceptionHandler((t, e) -> {
            synchronized (moverFailure) {
                moverFailure.add(e);
            }
        });
        mover.start();
        long snapshots = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        try {
            while (moving.get()) {
                check(System.nanoTime() < deadline, "the mover did not finish in time");
                try (Section s = reader.readLock()) {
                    int total = left.size(s) + right.size(s);
                    check(total == MOVED_KEYS, "a snapshot saw " + total + " keys in the two sets");
                }
                snapshots++;
            }
        } finally {
            mover.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        }
        synchronized (moverFailure) {
            if (!moverFailure.isEmpty()) {
                throw new IllegalStateException("mover failed", moverFailure.get(0));
            }
        }
        check(!mover.isAlive(), "mover still running");
        check(left.size(reader) == MOVED_KEYS && right.size(reader) == 0, "keys after the moves");
        System.out.println("atomic moves: " + (2 * MOVE_ROUNDS * MOVED_KEYS) + " moves, " + snapshots
                + " snapshots all of " + MOVED_KEYS + " keys");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
