package dev.khronos.structures.baseline;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.RluHandle;
import dev.khronos.mvrlu.Section;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.testing.Await;
import dev.khronos.structures.TestEngines;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** The RCU baseline's grace period: it really waits for read-side sections, and nodes are reused after it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RcuHashSetTest {
    static List<EngineFactory> engines() {
        return TestEngines.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void synchronizeRcuWaitsForEveryReaderThatWasInside(EngineFactory f) throws Exception {
        RluDomain d = f.create(DomainSpec.defaults());
        try {
            RcuHashSet set = new RcuHashSet(d, 4);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (RluHandle h = d.register()) {
                    Section s = h.readLock();              // an RCU reader, never ending on its own
                    inside.countDown();
                    release.await();
                    s.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.setDaemon(true);
            reader.start();
            Await.latch(inside, Await.GENEROUS, "the reader is inside its section");
            AtomicBoolean done = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (RcuHashSet.Session s = (RcuHashSet.Session) set.session()) {
                    s.synchronizeRcu();
                    done.set(true);
                }
            });
            writer.setDaemon(true);
            writer.start();
            try {
                Await.holdsFor(Duration.ofMillis(300), () -> !done.get(),
                        "a grace period must not end while a reader that started before it is inside");
            } finally {
                release.countDown();
            }
            Await.join(Await.GENEROUS, writer);
            assertTrue(done.get(), "the grace period ends once the reader leaves");
            Await.join(Await.GENEROUS, reader);
        } finally {
            d.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void removedNodesAreReusedAfterAGracePeriod(EngineFactory f) {
        RluDomain d = f.create(DomainSpec.defaults());
        try {
            RcuHashSet set = new RcuHashSet(d, 8, false, 4);
            try (RcuHashSet.Session s = (RcuHashSet.Session) set.session()) {
                for (int round = 0; round < 10; round++) {
                    for (int k = 0; k < 16; k++) {
                        assertTrue(s.add(k));
                    }
                    for (int k = 0; k < 16; k++) {
                        assertTrue(s.remove(k));
                        assertFalse(s.contains(k));
                    }
                }
                assertEquals(0, s.size());
                assertEquals(40, s.gracePeriods(), "one grace period per 4 removes");
                assertTrue(s.recycled() >= 140, "inserts reuse nodes past their grace period: " + s.recycled());
            }
        } finally {
            d.shutdown();
        }
    }
}
