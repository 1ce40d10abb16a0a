package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.ObjectHeaders;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.RluObject;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.Cell;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Child-JVM workload of {@link MvRluMemoryBoundTest}: one writer makes {@code args[0]} updates to a
 * single hot object while two readers keep sections open and measure the object's version chain.
 * Prints {@code OK updates=N maxChain=M logCapacity=C} and exits 0, or dies of OutOfMemoryError.
 */
public final class MemoryBoundWorkload {
    public static void main(String[] args) throws Exception {
        long updates = Long.parseLong(args[0]);
        int capacity = Integer.parseInt(args[1]);
        MvRlu domain = MvRlu.create(MvRluConfig.defaults().withLogCapacity(capacity));
        Cell hot = new Cell(1, 0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger maxChain = new AtomicInteger();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                try (RluHandle h = domain.register()) {
                    while (!stop.get()) {
                        try (Section s = h.readLock()) {
                            // Hold the section a while: re-read the snapshot and measure the chain.
                            for (int i = 0; i < 200; i++) {
                                Cell c = s.deref(hot);
                                if (c.a != c.b) {
                                    throw new AssertionError("torn version");
                                }
                            }
                            int length = 0;
                            for (RluObject<?> v = ObjectHeaders.laChain(hot); v != null; v = ObjectHeaders.laChain(v)) {
                                length++;
                            }
                            maxChain.accumulateAndGet(length, Math::max);
                        }
                    }
                } catch (Throwable t) {
                    readerFailure.compareAndSet(null, t);
                }
            }, "reader-" + r);
            readers[r].start();
        }
        try (RluHandle w = domain.register()) {
            for (long i = 1; i <= updates; i++) {
                long value = i;
                w.execute(s -> {
                    Cell c = s.lock(hot);
                    c.a = value;
                    c.b = value;
                    return null;
                });
            }
            stop.set(true);
            for (Thread t : readers) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                if (t.isAlive()) {
                    throw new AssertionError(t.getName() + " did not stop within 60 s");
                }
            }
            if (readerFailure.get() != null) {
                throw new AssertionError("a reader failed", readerFailure.get());
            }
            w.flushLog();
        }
        if (hot.a != updates || hot.b != updates) {
            throw new AssertionError("final value " + hot.a + "/" + hot.b + " != " + updates);
        }
        System.out.println("OK updates=" + updates + " maxChain=" + maxChain.get() + " logCapacity=" + capacity
                + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println(domain.stats());
        domain.shutdown();
    }
}
