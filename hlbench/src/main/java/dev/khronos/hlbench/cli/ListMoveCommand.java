package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.ClockInfo;
import dev.khronos.hlbench.engine.EngineStats;
import dev.khronos.hlbench.engine.SeqHashIntSet;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.engine.StepDeadline;
import dev.khronos.hlbench.engine.Workload;
import dev.khronos.hlbench.engine.XorShift;
import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.structures.RluIntSet;
import dev.khronos.structures.StructureRegistry;
import dev.khronos.structures.spi.RluEngines;
import dev.khronos.structures.support.SpinLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code hlbench listmove}: the list-move benchmark ({@code benchmark_list_move.c}). Two sorted
 * lists start with the keys {@code 0..initial-1} interleaved (even keys in list 0, odd in list 1).
 * Each operation draws {@code op = rand % 1000}, a list and a key; below {@code update} it moves the
 * key from that list to the other one atomically (only if present there and absent in the
 * destination), else it looks the key up in that list.
 *
 * <p>Syncs: {@code mvrlu} and {@code rlu} move inside one RLU section over two RLU lists of one
 * domain ({@link RluIntSet#move}); {@code spin} is two plain lists under one global spinlock (the C
 * build's spinlock variant). Reported: ops/s, the engine's sections ({@code n_starts}), aborts
 * ({@code n_aborts}) and abort ratio = aborts / sections; for mvrlu and rlu a {@code Clock} line
 * after the header names the domain's clock ({@code --clock} chooses MV-RLU's). The check: the two lists together hold
 * exactly the initial keys, none twice (ASSERT FAILURE line and exit 1 otherwise).
 *
 * <p>Thread-safety: one invocation per object.
 */
@Command(name = "listmove", mixinStandardHelpOptions = true,
        description = "The list-move benchmark: move keys atomically between two lists; ops/s and abort ratio.")
public final class ListMoveCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Hlbench parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SYNC", description = "mvrlu (default), rlu or spin")
    String sync = "mvrlu";
    @Option(names = {"-n", "-t", "--threads"}, description = "threads (default 1)")
    int threads = 1;
    @Option(names = {"-d", "--duration"}, description = "duration in ms (default 1000)")
    long duration = 1000;
    @Option(names = {"-i", "--initial-size"}, description = "keys in both lists together (default 256)")
    int initial = 256;
    @Option(names = {"-r", "--range"}, description = "keys drawn from [0, range) (default = initial)")
    Integer range;
    @Option(names = {"-u", "--update-rate"}, description = "moves per mille, the rest are lookups (default 200)")
    int update = 200;
    @Option(names = {"-s", "--seed"}, description = "seed; 0 = from the clock")
    long seed;
    @Option(names = "--clock", paramLabel = "logical|ordo", description = "timestamps of the mvrlu domain (default: the engine's, logical)")
    String clock;

    /** The two lists and how a thread works on them. */
    private interface Lists extends AutoCloseable {
        Ops open();

        boolean quiescentContains(int list, int key);

        RluStats stats();

        /** @return the domain's clock, or {@code null} without a domain */
        ClockInfo clock();

        @Override
        void close();
    }

    private interface Ops extends AutoCloseable {
        boolean move(int from, int key);

        boolean contains(int list, int key);

        @Override
        void close();
    }

    @Override
    public Integer call() throws InterruptedException {
        int r = range == null ? Math.max(1, initial) : range;
        Cli.check(sync.equals("mvrlu") || sync.equals("rlu") || sync.equals("spin"),
                "listmove syncs are mvrlu, rlu and spin, got '" + sync + "'");
        Cli.check(threads > 0, "-n (threads) must be > 0, got " + threads);
        Cli.check(duration >= 0, "-d (duration, ms) must be >= 0, got " + duration);
        Cli.check(initial >= 0, "-i (initial size) must be >= 0, got " + initial);
        Cli.check(r > 0 && r >= initial, "-r (range) must be > 0 and >= -i (" + initial + "), got " + r);
        Cli.check(update >= 0 && update <= 1000, "-u (update rate, per mille) must be in 0..1000, got " + update);
        PrintStream out = parent.out;
        long s0 = Workload.effectiveSeed(seed);
        String clockName = Cli.clockOption(clock);
        Lists lists = sync.equals("spin") ? spinLists() : rluLists(sync, r, clockName);
        try (StepDeadline.Closing closing = StepDeadline.closing("shutting the lists down", lists)) {
            try (Ops o = lists.open()) {
                for (int k = 0; k < initial; k++) {
                    o.move(-1 - (k & 1), k);
                }
            }
            out.println("List move benchmark: " + sync + ", " + threads + " threads, " + duration + " ms, initial "
                    + initial + ", range " + r + ", update " + update);
            if (lists.clock() != null) {
                out.println("Clock        : " + lists.clock().describe());
            }
            AtomicBoolean stop = new AtomicBoolean();
            CyclicBarrier barrier = new CyclicBarrier(threads + 1);
            long[][] counts = new long[threads][];
            Throwable[] failure = new Throwable[1];
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int id = t;
                Thread th = new Thread(() -> {
                    XorShift rng = new XorShift(s0 + 1 + id);
                    long moves = 0, moved = 0, lookups = 0, found = 0;
                    try (Ops o = lists.open()) {
                        barrier.await();
                        while (!stop.get()) {
                            int op = rng.nextInt(1000);
                            int list = rng.nextInt(2);
                            int key = rng.nextInt(r);
                            if (op < update) {
                                moves++;
                                if (o.move(list, key)) {
                                    moved++;
                                }
                            } else {
                                lookups++;
                                if (o.contains(list, key)) {
                                    found++;
                                }
                            }
                        }
                    } catch (InterruptedException | BrokenBarrierException | RuntimeException | Error e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                        stop.set(true);
                    }
                    counts[id] = new long[] {moves, moved, lookups, found};
                }, "listmove-" + t);
                th.setDaemon(true);
                ts.add(th);
                th.start();
            }
            try {
                barrier.await(StepDeadline.limit().toNanos(), TimeUnit.NANOSECONDS);
            } catch (BrokenBarrierException e) {
                stop.set(true);
            } catch (TimeoutException e) {
                stop.set(true);
                throw new Workload.WorkloadFailure("the threads did not all reach the start barrier within "
                        + StepDeadline.limit().toSeconds() + " s", null);
            }
            RluStats before = lists.stats();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(duration);
            for (long left; !stop.get() && (left = deadline - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            stop.set(true);
            StepDeadline.join(ts);
            long elapsed = System.nanoTime() - start;
            synchronized (failure) {
                if (failure[0] != null) {
                    throw new Workload.WorkloadFailure("a thread failed: " + failure[0], failure[0]);
                }
            }
            RluStats after = lists.stats();
            long ops = 0, movesTotal = 0;
            for (int t = 0; t < threads; t++) {
                long[] c = counts[t];
                out.println("Thread " + t + ": " + c[0] + " moves (" + c[1] + " moved), " + c[2] + " lookups (" + c[3] + " found)");
                ops += c[0] + c[2];
                movesTotal += c[0];
            }
            long txn = EngineStats.counter(after, "n_starts") - EngineStats.counter(before, "n_starts");
            long aborts = EngineStats.counter(after, "n_aborts") - EngineStats.counter(before, "n_aborts");
            double perSec = elapsed <= 0 ? 0 : ops * 1e9 / elapsed;
            out.println("List move benchmark ends:");
            out.println("Duration     : " + duration + " (ms), measured " + String.format(Locale.ROOT, "%.1f", elapsed / 1e6) + " (ms)");
            out.println("#ops         : " + KhronosFormat.countAndRate(ops, perSec));
            out.println("#move ops    : " + KhronosFormat.countAndRate(movesTotal, elapsed <= 0 ? 0 : movesTotal * 1e9 / elapsed));
            out.println("txn          : " + txn);
            out.println("abort        : " + aborts);
            out.println("abort_ratio  : " + String.format(Locale.ROOT, "%.6f", txn == 0 ? 0.0 : (double) aborts / txn));
            long[] check = StepDeadline.call("the final size check", () -> {
                long inLists = 0;
                long inBoth = 0;
                for (int k = 0; k < r; k++) {
                    boolean a = lists.quiescentContains(0, k);
                    boolean b = lists.quiescentContains(1, k);
                    inLists += (a ? 1 : 0) + (b ? 1 : 0);
                    inBoth += a && b ? 1 : 0;
                }
                return new long[] {inLists, inBoth};
            });
            long size = check[0];
            boolean twice = check[1] > 0;
            out.println("Set size     : " + size + " (expected: " + initial + ")");
            if (size != initial || twice) {
                out.println();
                out.println("<<<<<< ASSERT FAILURE(" + initial + "!=" + size + (twice ? ", a key in both lists" : "") + ") <<<<<<<<");
                return Cli.FAILED;
            }
            return 0;
        }
    }

    /** {@code from} &lt; 0 in {@link Ops#move} means "insert into list {@code -1 - from}" (prefill). */
    private static Lists rluLists(String engine, int range, String clock) {
        RluDomain domain;
        try {
            domain = SetFactory.withMvRluClock(clock, () -> RluEngines.createDomain(engine));
        } catch (IllegalStateException e) {
            throw new UserError(SetFactory.engineMissingMessage(engine, e));
        } catch (IllegalArgumentException e) {
            throw new UserError(Cli.oneLine(e.getMessage()));
        }
        StructureRegistry.Config cfg = new StructureRegistry.Config(1, range, () -> domain);
        RluIntSet[] l = {(RluIntSet) StructureRegistry.create(engine + "-list", cfg),
            (RluIntSet) StructureRegistry.create(engine + "-list", cfg)};
        if (!l[0].composable()) {
            domain.shutdown();
            throw new UserError("the " + engine + " engine cannot combine two updates in one section (needs "
                    + "readYourOwnWrites and nestedLocking), so it cannot move keys atomically");
        }
        return new Lists() {
            @Override
            public Ops open() {
                RluHandle h = domain.register();
                return new Ops() {
                    @Override
                    public boolean move(int from, int key) {
                        if (from < 0) {
                            return l[-1 - from].add(h, key);
                        }
                        return RluIntSet.move(h, l[from], l[1 - from], key);
                    }

                    @Override
                    public boolean contains(int list, int key) {
                        return l[list].contains(h, key);
                    }

                    @Override
                    public void close() {
                        h.close();
                    }
                };
            }

            @Override
            public boolean quiescentContains(int list, int key) {
                return l[list].contains(key);
            }

            @Override
            public RluStats stats() {
                return domain.stats();
            }

            @Override
            public ClockInfo clock() {
                return ClockInfo.of(domain);
            }

            @Override
            public void close() {
                l[0].close();
                l[1].close();
                domain.shutdown();
            }
        };
    }

    private static Lists spinLists() {
        SeqHashIntSet[] l = {new SeqHashIntSet(1), new SeqHashIntSet(1)};
        SpinLock lock = new SpinLock();           // backs off while held: the machines have few cores
        return new Lists() {
            @Override
            public Ops open() {
                return new Ops() {
                    private void acquire() {
                        lock.lock();
                    }

                    @Override
                    public boolean move(int from, int key) {
                        acquire();
                        try {
                            if (from < 0) {
                                return l[-1 - from].add(key);
                            }
                            if (!l[from].contains(key) || l[1 - from].contains(key)) {
                                return false;
                            }
                            l[from].remove(key);
                            l[1 - from].add(key);
                            return true;
                        } finally {
                            lock.unlock();
                        }
                    }

                    @Override
                    public boolean contains(int list, int key) {
                        acquire();
                        try {
                            return l[list].contains(key);
                        } finally {
                            lock.unlock();
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public boolean quiescentContains(int list, int key) {
                return l[list].contains(key);
            }

            @Override
            public RluStats stats() {
                return null;
            }

            @Override
            public ClockInfo clock() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
