package dev.khronos.hlbench.engine;

import dev.khronos.structures.IntSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The workload engine shared by {@code hlbench}, {@code kbench}, the sweep and the set benchmark:
 * prefill, start barrier, timed run, stop flag, join, counters and the size check inputs.
 *
 * <ol>
 *   <li><b>Prefill</b> (calling thread): insert keys drawn from {@code [0, range)} until
 *       {@code initial} distinct keys are in (KhronOS {@code raw_insert} loop), or, with
 *       {@link Prefill#STRIDED}, every {@code range/initial}-th key (the MV-RLU repository's list
 *       benchmark).</li>
 *   <li><b>Threads</b>: each worker opens its {@link IntSet.Session} (the RLU handle; MV-RLU's
 *       {@code mvrlu_flush_log} before the barrier), then waits at a barrier the main thread also
 *       crosses, so the clock starts when every worker is ready (KhronOS's condvar wakeup can
 *       miss a late thread; this cannot).</li>
 *   <li><b>Loop</b> per worker until the stop flag: {@code op = rand % 1000}; below
 *       {@code update} an insert or delete chosen by {@link UpdateMode}, else a lookup; keys
 *       {@code rand % range} or Zipf.</li>
 *   <li><b>Snapshot readers</b> ({@link WorkloadConfig#snapshotReaders()}, 0 by default): extra
 *       threads that cross the same barrier and then take whole-set {@code size()} snapshots
 *       through their own session, back to back, until the flag. They are not workers: the
 *       counters, rates and size check are the workers' own. A set whose {@code size()} is a true
 *       snapshot ({@link IntSet#snapshotSize()}) must report 0..range keys each time; anything
 *       else fails the run.</li>
 *   <li><b>Warm-up</b> ({@link WorkloadConfig#warmupMs()}, 0 by default, as in KhronOS): the
 *       threads run the same mix from the barrier for that long, untimed; then the main thread
 *       clears the warm-up flag and every worker starts its counters from zero. The set keeps
 *       what the warm-up did (its size changes count in the size check). For a JIT-compiled
 *       engine this is where C2 compiles and recompiles it, which a short run otherwise
 *       measures.</li>
 *   <li><b>Stop</b>: the main thread sleeps the nominal duration, sets the flag and joins. The
 *       measured duration runs from the barrier (or the end of the warm-up) to the moment the
 *       last worker left its loop.</li>
 *   <li><b>Size check</b>: the set's size, in a session of its own, for the caller to compare
 *       with {@code initial + inserts - deletes}.</li>
 * </ol>
 *
 * <p>The start barrier, the join and the size check each have a {@link StepDeadline}: a broken
 * structure or engine that blocks in them fails the run with a one-line {@link WorkloadFailure}
 * instead of hanging it; workers are daemon threads, so one left stuck never keeps the JVM up.
 *
 * <p>Implementation notes: counters live in locals of the worker loop (no sharing, no false
 * sharing) and are published once, through {@link Thread#join()}. The stop flag is a volatile
 * read per operation, a plain load on x86. A worker that throws stops the run; its exception is
 * rethrown by {@link #run} as a {@link WorkloadFailure}.
 *
 * <p>Thread-safety: {@link #run} is thread-safe; each call owns its threads. The set must be
 * thread-safe for more than one thread (the caller enforces {@code seq}'s single thread).
 */
public final class Workload {
    /** Progress of a run, for the CLIs that print KhronOS's lines as the phases happen. */
    public interface Listener {
        /** Prefill done; {@code keys} is how many it inserted ({@link WorkloadConfig#prefillCount()}). */
        default void prefilled(int keys) {
        }

        /** Worker threads created and ready (just before the barrier opens). */
        default void threadsReady(int threads) {
        }

        /** The barrier opened and the untimed warm-up of {@code ms} milliseconds starts (only when there is one). */
        default void warmingUp(long ms) {
        }

        /** The barrier opened (or the warm-up ended): the measured interval starts. */
        default void started() {
        }

        /** The stop flag is about to be set; the main thread will join. */
        default void stopping() {
        }

        /** Every worker has been joined. */
        default void joined() {
        }
    }

    /** A worker thread or the prefill failed; the cause is the structure's exception. */
    public static final class WorkloadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what failed @param cause the structure's exception, or null */
        public WorkloadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class Control {
        volatile boolean stop;
        /** True from before the barrier until the warm-up ends; never set without a warm-up. */
        volatile boolean warm;
    }

    private Workload() {
    }

    /**
     * @param seed a configured seed, 0 for "from the clock"
     * @return the seed to use, never 0
     */
    public static long effectiveSeed(long seed) {
        if (seed != 0) {
            return seed;
        }
        long s = System.nanoTime() ^ (System.currentTimeMillis() << 21);
        return s == 0 ? 1 : s;
    }

    /**
     * Fills the set as {@link WorkloadConfig#prefill()} says: {@link Prefill#RANDOM} inserts random
     * keys until {@code initial} distinct keys are in; {@link Prefill#STRIDED} inserts the keys
     * {@code 0, stride, 2*stride, ... < range} (stride {@code range / initial}).
     *
     * <p>The strided keys go in from the largest down: the set ends up the same, but each insert
     * into a sorted list then stops at the head instead of walking the whole list (the C code
     * builds its list by appending at the tail).
     *
     * @return the number of successful inserts ({@link WorkloadConfig#prefillCount()})
     * @throws WorkloadFailure if the set does not reach the size (a broken structure)
     */
    static int prefill(IntSet set, WorkloadConfig c, long seed) {
        if (c.prefill() == Prefill.STRIDED) {
            return prefillStrided(set, c);
        }
        XorShift rng = new XorShift(seed);
        long budget = 100L * c.range() + 10_000L;
        int in = 0;
        try (IntSet.Session s = set.session()) {
            for (long attempt = 0; in < c.initial(); attempt++) {
                if (attempt > budget) {
                    throw new WorkloadFailure("prefill inserted only " + in + " of " + c.initial()
                            + " distinct keys after " + attempt + " attempts: the structure loses inserts", null);
                }
                if (s.add(rng.nextInt(c.range()))) {
                    in++;
                }
            }
        }
        return in;
    }

    private static int prefillStrided(IntSet set, WorkloadConfig c) {
        int count = c.prefillCount();
        int stride = c.prefillStride();
        try (IntSet.Session s = set.session()) {
            for (int i = count - 1; i >= 0; i--) {
                int key = i * stride;
                if (!s.add(key)) {
                    throw new WorkloadFailure("strided prefill: inserting key " + key
                            + " into a set that should not hold it yet failed: the structure loses inserts", null);
                }
            }
        }
        return count;
    }

    /**
     * Runs the workload on {@code set} (empty on entry) and returns the counters; does not close
     * the set.
     *
     * @param c        the configuration
     * @param set      the structure, empty
     * @param listener progress callbacks, called on the calling thread
     * @return the counters, measured duration and final size
     * @throws WorkloadFailure      if a worker or the prefill failed
     * @throws InterruptedException if the calling thread is interrupted
     */
    public static WorkloadResult run(WorkloadConfig c, IntSet set, Listener listener) throws InterruptedException {
        long seed = effectiveSeed(c.seed());
        listener.prefilled(prefill(set, c, seed));

        ZipfGenerator zipf = c.zipfTheta() > 0 ? new ZipfGenerator(c.range(), c.zipfTheta()) : null;
        Control ctl = new Control();
        ctl.warm = c.warmupMs() > 0;
        CyclicBarrier barrier = new CyclicBarrier(c.threads() + c.snapshotReaders() + 1);
        List<Worker> workers = new ArrayList<>(c.threads());
        List<SnapshotReader> readers = new ArrayList<>(c.snapshotReaders());
        List<BenchThread> all = new ArrayList<>();
        for (int i = 0; i < c.threads(); i++) {
            Worker w = new Worker(i, c, set, zipf, new XorShift(seed + 1 + i), ctl, barrier);
            workers.add(w);
            all.add(w);
        }
        // A snapshot of a set drawn from [0, range) can only hold 0..range keys; anything else is a torn count.
        int snapshotBound = set.snapshotSize() ? c.range() : -1;
        for (int i = 0; i < c.snapshotReaders(); i++) {
            SnapshotReader r = new SnapshotReader(i, set, snapshotBound, ctl, barrier);
            readers.add(r);
            all.add(r);
        }
        all.forEach(Thread::start);
        listener.threadsReady(c.threads());
        Duration stepLimit = StepDeadline.limit();
        try {
            barrier.await(stepLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (BrokenBarrierException e) {
            ctl.stop = true;
        } catch (TimeoutException e) {
            ctl.stop = true;
            BenchThread late = all.stream().filter(w -> !w.ready).findFirst().orElse(all.get(0));
            throw new WorkloadFailure("thread " + late.getName() + " did not reach the start barrier within "
                    + stepLimit.toSeconds() + " s" + StepDeadline.stuckAt(late), null);
        }
        long start;
        try {
            if (ctl.warm) {
                listener.warmingUp(c.warmupMs());
                sleepUntil(ctl, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(c.warmupMs()));
                ctl.warm = false;
            }
            start = System.nanoTime();
            listener.started();
            sleepUntil(ctl, start + TimeUnit.MILLISECONDS.toNanos(c.durationMs()));
        } finally {
            listener.stopping();
            ctl.stop = true;
        }
        StepDeadline.join(all);                  // a thread stuck in its last operation or session close fails the run
        listener.joined();

        long end = start;
        List<ThreadCounters> counters = new ArrayList<>();
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new WorkloadFailure("thread " + w.id + " failed: " + w.failure, w.failure);
            }
            end = Math.max(end, w.end);
            counters.add(w.counters);
        }
        long snapshots = 0;
        for (SnapshotReader r : readers) {
            if (r.failure != null) {
                throw new WorkloadFailure("snapshot reader " + r.id + " failed: " + r.failure, r.failure);
            }
            snapshots += r.snapshots;
        }
        int actual = StepDeadline.call("the final size check (" + set.name() + ".size())", () -> {
            try (IntSet.Session s = set.session()) {
                return s.size();
            }
        });
        return new WorkloadResult(c, seed, counters, actual, end - start, set.name(), ClockInfo.of(set), snapshots,
                set.snapshotSize());
    }

    /** Sleeps until {@code deadline} (a {@link System#nanoTime()} value) or until a thread stops the run. */
    private static void sleepUntil(Control ctl, long deadline) throws InterruptedException {
        for (long left; !ctl.stop && (left = deadline - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /** A thread of the run: opens its session, crosses the start barrier, loops until the stop flag. */
    private abstract static class BenchThread extends Thread {
        final int id;
        final IntSet set;
        final Control ctl;
        final CyclicBarrier barrier;
        long end;
        Throwable failure;
        /** Set just before the thread waits at the start barrier (its session is open). */
        volatile boolean ready;

        BenchThread(String name, int id, IntSet set, Control ctl, CyclicBarrier barrier) {
            super(name);
            setDaemon(true);
            this.id = id;
            this.set = set;
            this.ctl = ctl;
            this.barrier = barrier;
        }

        @Override
        public final void run() {
            IntSet.Session s = null;
            try {
                s = set.session();
            } catch (Throwable t) {
                failure = t;
                ctl.stop = true;
            }
            try {
                ready = true;
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                if (failure == null) {
                    failure = e;
                }
                ctl.stop = true;
            }
            if (s == null) {
                end = System.nanoTime();
                return;
            }
            try {
                loop(s);
            } catch (Throwable t) {
                failure = t;
                ctl.stop = true;
                end = System.nanoTime();
            } finally {
                try {
                    s.close();
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
            }
        }

        /** Runs until the stop flag; sets {@link #end} when it leaves the loop. */
        abstract void loop(IntSet.Session s);
    }

    /**
     * Takes whole-set {@code size()} snapshots back to back through its own session: a long reader
     * beside the workers (issue 11: writers of MV-RLU never wait for readers, those of RLU do).
     */
    private static final class SnapshotReader extends BenchThread {
        /** The largest size a true snapshot can have, or -1 when the set's size() is not a snapshot. */
        private final int bound;
        long snapshots;

        SnapshotReader(int id, IntSet set, int bound, Control ctl, CyclicBarrier barrier) {
            super("hlbench-snapshot-reader-" + id, id, set, ctl, barrier);
            this.bound = bound;
        }

        @Override
        void loop(IntSet.Session s) {
            final Control ctl = this.ctl;
            long n = 0;
            while (!ctl.stop) {
                int size = s.size();
                if (bound >= 0 && (size < 0 || size > bound)) {
                    throw new IllegalStateException("a snapshot size() of " + set.name() + " returned " + size
                            + ", outside 0.." + bound + " (the key range)");
                }
                if (!ctl.warm) {
                    n++;                          // snapshots of the warm-up are not counted
                }
            }
            end = System.nanoTime();
            snapshots = n;
        }
    }

    private static final class Worker extends BenchThread {
        private final WorkloadConfig c;
        private final ZipfGenerator zipf;
        private final XorShift rng;
        ThreadCounters counters;

        Worker(int id, WorkloadConfig c, IntSet set, ZipfGenerator zipf, XorShift rng, Control ctl, CyclicBarrier barrier) {
            super("hlbench-worker-" + id, id, set, ctl, barrier);
            this.c = c;
            this.zipf = zipf;
            this.rng = rng;
        }

        private int key() {
            return zipf == null ? rng.nextInt(c.range()) : zipf.next(rng);
        }

        /**
         * Runs the warm-up, if there is one, then the measured mix. The warm-up's counters are
         * dropped except its size change, which the size check needs.
         */
        @Override
        void loop(IntSet.Session s) {
            long warmupVariation = 0;
            if (ctl.warm) {
                warmupVariation = mix(s, true).variation();
            }
            ThreadCounters measured = mix(s, false);
            end = System.nanoTime();
            counters = new ThreadCounters(measured.add(), measured.remove(), measured.contains(), measured.found(),
                    measured.variation() + warmupVariation);
        }

        /** The operation mix, until the warm-up ends ({@code warmup}) or until the stop flag. */
        private ThreadCounters mix(IntSet.Session s, boolean warmup) {
            final int update = c.updatePermille();
            final UpdateMode mode = c.mode();
            final Control ctl = this.ctl;
            final XorShift rng = this.rng;
            long add = 0;
            long remove = 0;
            long contains = 0;
            long found = 0;
            long variation = 0;
            int last = -1;
            while (warmup ? ctl.warm && !ctl.stop : !ctl.stop) {
                int op = rng.nextInt(1000);
                if (op < update) {
                    boolean insert;
                    int k;
                    switch (mode) {
                        case ALTERNATE:
                            insert = last < 0;
                            k = insert ? key() : last;
                            break;
                        case SPLIT:
                            insert = op * 2 < update;
                            k = key();
                            break;
                        default:
                            insert = (op & 1) == 0;
                            k = key();
                            break;
                    }
                    if (insert) {
                        if (s.add(k)) {
                            variation++;
                            last = k;
                        }
                        add++;
                    } else {
                        if (s.remove(k)) {
                            variation--;
                        }
                        remove++;
                        last = -1;
                    }
                } else {
                    if (s.contains(key())) {
                        found++;
                    }
                    contains++;
                }
            }
            return new ThreadCounters(add, remove, contains, found, variation);
        }
    }
}
