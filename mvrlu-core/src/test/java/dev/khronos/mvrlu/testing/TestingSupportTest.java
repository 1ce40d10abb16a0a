package dev.khronos.mvrlu.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** The test fixtures themselves: every wait ends, failures say what and where, children die. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TestingSupportTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void conditionReturnsOnceItHoldsAndFailsNamingItAtTheDeadline() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        Await.condition(Await.GENEROUS, () -> System.nanoTime() - until >= 0, "50 ms passed");
        AssertionError e = assertThrows(AssertionError.class, () -> Await.condition(SHORT, () -> false, "pigs fly"));
        assertEquals("timed out after 0.3 s waiting until pigs fly", e.getMessage());
    }

    @Test
    void holdsForFailsAsSoonAsTheConditionStopsHolding() {
        Await.holdsFor(Duration.ofMillis(50), () -> true, "always");
        long flip = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.holdsFor(Await.GENEROUS, () -> System.nanoTime() - flip < 0, "the writer waits"));
        assertTrue(e.getMessage().endsWith(": the writer waits"), e.getMessage());
    }

    @Test
    void joinFailsWithTheStuckThreadsStackAndInterruptsIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread stuck = new Thread(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, "stuck-worker");
        stuck.setDaemon(true);
        stuck.start();
        Thread done = new Thread(() -> { }, "quick-worker");
        done.start();
        AssertionError e = assertThrows(AssertionError.class, () -> Await.join(SHORT, List.of(done, stuck)));
        assertTrue(e.getMessage().startsWith("1 thread(s) still running after 0.3 s: [stuck-worker]"), e.getMessage());
        assertTrue(e.getCause().getMessage().startsWith("stack of thread 'stuck-worker'"), e.getCause().getMessage());
        assertTrue(List.of(e.getCause().getStackTrace()).stream().anyMatch(f -> f.getClassName().equals(CountDownLatch.class.getName())),
                "the cause carries where the thread is stuck");
        stuck.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(interrupted.get(), "the stuck thread was interrupted");
    }

    @Test
    void resultRethrowsTheTasksExceptionAndCancelsALateTask() {
        FutureTask<Integer> fails = new FutureTask<>(() -> {
            throw new IllegalStateException("boom");
        });
        fails.run();
        assertEquals("boom", assertThrows(IllegalStateException.class, () -> Await.result(fails, SHORT, "x")).getMessage());
        FutureTask<Integer> never = new FutureTask<>(() -> 1);
        AssertionError e = assertThrows(AssertionError.class, () -> Await.result(never, SHORT, "the commit"));
        assertEquals("timed out after 0.3 s waiting for the commit", e.getMessage());
        assertTrue(never.isCancelled());
    }

    @Test
    void latchFailsNamingWhatItWaitedFor() {
        AssertionError e = assertThrows(AssertionError.class, () -> Await.latch(new CountDownLatch(1), SHORT, "the reader is inside"));
        assertEquals("timed out after 0.3 s waiting until the reader is inside", e.getMessage());
    }

    @Test
    void childProcessOutputAndExitStatus() throws Exception {
        ChildProcess.Completed r = ChildProcess.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Await.GENEROUS);
        assertEquals(3, r.exitCode());
        assertEquals("out\nerr\n", r.output());
    }

    @Test
    void aChildPastItsDeadlineIsKilledWithItsDescendants() {
        AssertionError e = assertThrows(AssertionError.class, () -> ChildProcess.run(
                List.of("sh", "-c", "echo started; sleep 97 & sleep 98; echo never"), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("did not finish within 5 s (killed); last output:\nstarted"), e.getMessage());
        Await.condition(Await.GENEROUS, () -> ProcessHandle.current().descendants()
                        .noneMatch(p -> p.info().arguments().map(a -> List.of(a).contains("97") || List.of(a).contains("98")).orElse(false)),
                "the shell and both sleeps are gone");
    }

    @Test
    void aChildJvmPastItsDeadlineIsDescribedByItsThreadDump() {
        AssertionError e = assertThrows(AssertionError.class, () -> ChildProcess.run(List.of(ChildProcess.javaLauncher(),
                "-cp", System.getProperty("java.class.path"), SleepsForever.class.getName()), Duration.ofSeconds(15)));
        assertTrue(e.getMessage().contains("--- thread dump of the child JVM ---"), e.getMessage());
        assertTrue(e.getMessage().contains(SleepsForever.class.getName() + ".main"), e.getMessage());
    }

    @Test
    void theForkWatchdogNamesTheRunningTestDumpsThreadsAndHaltsTheJvm() throws Exception {
        ChildProcess.Completed r = ChildProcess.run(List.of(ChildProcess.javaLauncher(), "-D" + ForkWatchdog.LIMIT_PROPERTY + "=10",
                "-D" + ForkWatchdog.MODULE_PROPERTY + "=demo", "-cp", System.getProperty("java.class.path"),
                HangingTestRun.class.getName()), Duration.ofSeconds(90));
        assertEquals(1, r.exitCode(), r.output());
        String out = r.output();
        assertTrue(out.contains("[khronos fork watchdog] the tests of module demo are still running 10 s after their JVM started"), out);
        assertTrue(out.contains(HangsForeverFixture.class.getName() + "#blocksForever"), "names the running test: " + out);
        assertTrue(out.contains(HangsForeverFixture.class.getName() + ".blocksForever(HangsForeverFixture.java:"), "dumps the threads: " + out);
        assertFalse(out.contains("launcher returned"), out);
    }

    /** A JVM that runs {@link HangsForeverFixture} through the JUnit Platform launcher, as Surefire does. */
    public static final class HangingTestRun {
        public static void main(String[] args) {
            System.setProperty(HangsForeverFixture.ARMED_PROPERTY, "true");
            org.junit.platform.launcher.core.LauncherFactory.create().execute(
                    org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                            .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(HangsForeverFixture.class))
                            .build());
            System.out.println("launcher returned");
        }
    }

    @Test
    void theJcstressLauncherRetriesOnlyACpuProbeMisfireAndPassesTheStatusOn(@TempDir Path dir) throws Exception {
        Path count = dir.resolve("runs");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(out, true, StandardCharsets.UTF_8);   // keeps the fake misfires out of the build log
        // Misfires twice, then passes: three runs, status 0.
        assertEquals(0, JcstressLauncher.run(FakeJcstress.class.getName(), new String[] {count.toString(), "2", "0"}, quiet));
        assertEquals(3, Files.readAllLines(count).size());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("CPU probe misfired on a busy machine (attempt 2 of 3); running it again"), out::toString);
        // Misfires every time: three runs, jcstress's status.
        Files.delete(count);
        assertEquals(1, JcstressLauncher.run(FakeJcstress.class.getName(), new String[] {count.toString(), "9", "0"}, quiet));
        assertEquals(JcstressLauncher.ATTEMPTS, Files.readAllLines(count).size());
        // Any other failure: one run, its status.
        Files.delete(count);
        assertEquals(3, JcstressLauncher.run(FakeJcstress.class.getName(), new String[] {count.toString(), "0", "3"}, quiet));
        assertEquals(1, Files.readAllLines(count).size());
    }

    /**
     * Stands in for jcstress: appends a line to file {@code args[0]} per run; misfires its CPU
     * probe in the first {@code args[1]} runs; then exits with {@code args[2]}.
     */
    public static final class FakeJcstress {
        public static void main(String[] args) throws IOException {
            Path count = Path.of(args[0]);
            Files.writeString(count, "run\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (Files.readAllLines(count).size() <= Integer.parseInt(args[1])) {
                System.err.println("Requested to use 2 CPUs, but system has only 0 CPUs.");
                System.exit(1);
            }
            System.exit(Integer.parseInt(args[2]));
        }
    }

    /** A child JVM that never ends by itself. */
    public static final class SleepsForever {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping");
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }
}
