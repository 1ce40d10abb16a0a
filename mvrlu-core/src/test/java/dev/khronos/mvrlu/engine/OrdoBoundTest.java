package dev.khronos.mvrlu.engine;

import dev.khronos.mvrlu.RluDomain;
import dev.khronos.mvrlu.contract.DomainSpec;
import dev.khronos.mvrlu.contract.EngineFactory;
import dev.khronos.mvrlu.contract.SnapshotStressTest;
import dev.khronos.mvrlu.sync.OrdoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ORDO bound is what keeps snapshots correct: on a clock whose reader threads run
 * {@value #SKEW_NANOS} ns behind the others (as cores with unsynchronised clocks would), the
 * snapshot stress passes with a bound that covers the skew and fails with one that does not.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OrdoBoundTest {
    private static final long SKEW_NANOS = 20_000;

    /** Threads named {@code reader-*} (the stress test's readers) read a clock {@link #SKEW_NANOS} behind. */
    private static final ThreadLocal<Long> SKEW = ThreadLocal.withInitial(
            () -> Thread.currentThread().getName().startsWith("reader-") ? SKEW_NANOS : 0L);

    /** MV-RLU on an ORDO clock over the skewed time source, with the given bound. */
    private static EngineFactory skewedOrdo(long boundNanos) {
        return new EngineFactory() {
            @Override
            public String name() {
                return "mvrlu-ordo-skewed";
            }

            @Override
            public RluDomain create(DomainSpec spec) {
                MvRluConfig c = MvRluConfig.defaults().withClock(Timestamping.ORDO).withOrdoBoundNanos(boundNanos)
                        .withReclaimMode(spec.reclaimMode());
                if (spec.logCapacity() > 0) {
                    c = c.withLogCapacity(spec.logCapacity());
                }
                if (spec.qpIntervalMicros() >= 0) {
                    c = c.withQpIntervalMicros(spec.qpIntervalMicros());
                }
                return MvRlu.create(c, new OrdoClock(boundNanos, () -> System.nanoTime() - SKEW.get()));
            }
        };
    }

    private static SnapshotStressTest stress(EngineFactory engine) {
        return new SnapshotStressTest() {
            @Override
            protected EngineFactory engine() {
                return engine;
            }
        };
    }

    @Test
    void aBoundThatCoversTheSkewKeepsSnapshotsAndRealTimeOrder() throws Exception {
        SnapshotStressTest t = stress(skewedOrdo(SKEW_NANOS + 10_000));
        try {
            t.aSectionThatStartsAfterACommitSeesIt();
        } finally {
            t.shutdown();
        }
        t = stress(skewedOrdo(SKEW_NANOS + 10_000));
        try {
            t.pairsUpdatedTogetherAreNeverSeenTorn();
        } finally {
            t.shutdown();
        }
    }

    @Test
    void aBoundSmallerThanTheSkewIsCaughtByTheStressTest() {
        SnapshotStressTest t = stress(skewedOrdo(1_000));
        try {
            AssertionFailedError caught = assertThrows(AssertionFailedError.class, t::aSectionThatStartsAfterACommitSeesIt,
                    "a 1 us bound on a clock skewed by " + SKEW_NANOS + " ns must break real-time order");
            assertTrue(caught.getMessage().contains("missed a commit"), caught.getMessage());
        } finally {
            t.shutdown();
        }
    }

    @Test
    void theMeasuredBoundIsPositiveAndTheClockMovesForward() {
        long bound = OrdoClock.measuredBound();
        assertTrue(bound >= 1 && bound < TimeUnit.MILLISECONDS.toNanos(100), "measured bound " + bound + " ns");
        OrdoClock c = OrdoClock.measured();
        long before = c.lvNow();
        long ts = c.newTimestamp();
        assertTrue(ts >= before + bound, "a commit timestamp is at least now + B");
        c.awaitVisibleToAll(ts);
        assertTrue(c.lvNow() >= ts, "after the commit wait every snapshot reaches the timestamp");
        assertTrue(c.lowestFutureSnapshot() <= c.lvNow() - bound);
        assertThrows(IllegalArgumentException.class, () -> MvRluConfig.defaults().withOrdoBoundNanos(-2));
    }
}
