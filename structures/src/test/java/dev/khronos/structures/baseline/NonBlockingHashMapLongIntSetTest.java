package dev.khronos.structures.baseline;

import dev.khronos.mvrlu.testing.Await;
import dev.khronos.structures.IntSet;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression: JCTools' {@code NonBlockingHashMapLong} loses concurrent updates of key 0 (see
 * {@link NonBlockingHashMapLongIntSet}); the adapter must keep the size invariant for key 0 too.
 * Before the adapter shifted its keys this failed in most rounds.
 */
class NonBlockingHashMapLongIntSetTest {
    @Test
    void keyZeroKeepsTheSizeInvariantUnderContention() throws Exception {
        for (int round = 0; round < 50; round++) {
            NonBlockingHashMapLongIntSet set = new NonBlockingHashMapLongIntSet(16);
            AtomicLong net = new AtomicLong();
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                long seed = round * 31L + t;
                threads[t] = new Thread(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    IntSet.Session s = set.session();
                    long delta = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (rnd.nextBoolean()) {
                            delta += s.add(0) ? 1 : 0;
                        } else {
                            delta -= s.remove(0) ? 1 : 0;
                        }
                    }
                    net.addAndGet(delta);
                });
                threads[t].start();
            }
            Await.join(Await.GENEROUS, threads);
            assertEquals(net.get(), set.size(), "round " + round + ": size = successful adds - successful removes");
            assertEquals(set.size() == 1, set.contains(0));
        }
    }
}
