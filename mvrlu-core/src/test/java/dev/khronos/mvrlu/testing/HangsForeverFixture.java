package dev.khronos.mvrlu.testing;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a test of the suite: the test that {@link TestingSupportTest} runs in a child JVM to see the
 * {@link ForkWatchdog} end it. Surefire's default includes do not pick this name up, and a run that
 * selects it anyway (an exclusion-only {@code -Dtest}, an IDE running the package) skips it: it
 * blocks only where {@link TestingSupportTest.HangingTestRun} set {@link #ARMED_PROPERTY}.
 */
class HangsForeverFixture {
    static final String ARMED_PROPERTY = "khronos.test.hangFixtureArmed";

    @Test
    void blocksForever() throws InterruptedException {
        assumeTrue(Boolean.getBoolean(ARMED_PROPERTY), "runs only in TestingSupportTest's child JVM");
        new CountDownLatch(1).await();
    }
}
