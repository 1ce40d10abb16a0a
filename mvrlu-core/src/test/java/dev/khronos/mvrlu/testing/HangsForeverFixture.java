package dev.khronos.mvrlu.testing;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

/**
 * Not a test of the suite (Surefire does not pick this name up): the test that
 * {@link TestingSupportTest} runs in a child JVM to see the {@link ForkWatchdog} end it.
 */
class HangsForeverFixture {
    @Test
    void blocksForever() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
