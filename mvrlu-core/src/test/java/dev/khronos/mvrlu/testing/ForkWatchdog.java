package dev.khronos.mvrlu.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A per-fork deadline for a module's test JVM, for hangs that JUnit's per-test timeouts cannot end
 * (a test class's constructor or static initialiser, the engine itself, a thread that ignores
 * interrupts). Surefire's {@code forkedProcessTimeoutInSeconds} only writes a thread dump when
 * such a fork times out; it does not kill it (SUREFIRE-1722), so the build would wait for CI's
 * global limit. This listener does the rest: at the deadline it prints which tests are running,
 * a full thread dump, kills the fork's child processes and halts the JVM with status 1; Surefire
 * then fails the module naming the crashed test class.
 *
 * <p>Registered for every test run whose class path holds mvrlu-core's test jar, through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. Inactive unless the
 * system property {@value #LIMIT_PROPERTY} (seconds since JVM start) is set, as the parent POM
 * does for Surefire from the module's {@code khronos.test.forkTimeoutSeconds}; IDE runs are never
 * cut short.
 *
 * <p>Thread-safety: thread-safe; the launcher may call it from several threads, and its state is
 * per JVM (one watchdog however many listener instances the launcher makes).
 */
public final class ForkWatchdog implements TestExecutionListener {
    /** System property: seconds after JVM start at which the fork is halted; absent or 0 = off. */
    public static final String LIMIT_PROPERTY = "khronos.test.forkTimeoutSeconds";
    /** System property: the module name printed in the message. */
    public static final String MODULE_PROPERTY = "khronos.test.module";

    private static final AtomicBoolean ARMED = new AtomicBoolean();
    /** Tests and containers started and not yet finished: unique id to a readable name. */
    private static final Map<String, String> RUNNING = new ConcurrentHashMap<>();
    /** The tests (not containers) among {@link #RUNNING}, by unique id. */
    private static final Map<String, String> RUNNING_TESTS = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        long limitSeconds = Long.getLong(LIMIT_PROPERTY, 0);
        if (limitSeconds <= 0 || !ARMED.compareAndSet(false, true)) {
            return;
        }
        long deadlineMillis = ManagementFactory.getRuntimeMXBean().getStartTime() + TimeUnit.SECONDS.toMillis(limitSeconds);
        Thread t = new Thread(() -> sleepUntilThenHalt(deadlineMillis, limitSeconds), "khronos-fork-watchdog");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        RUNNING.put(id.getUniqueId(), name(id));
        if (id.isTest()) {
            RUNNING_TESTS.put(id.getUniqueId(), name(id));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        RUNNING.remove(id.getUniqueId());
        RUNNING_TESTS.remove(id.getUniqueId());
    }

    private static String name(TestIdentifier id) {
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            return m.getClassName() + "#" + m.getMethodName() + (id.isTest() ? " [" + id.getDisplayName() + "]" : "");
        }
        if (source instanceof ClassSource c) {
            return c.getClassName();
        }
        return id.getDisplayName();
    }

    private static void sleepUntilThenHalt(long deadlineMillis, long limitSeconds) {
        try {
            for (long left; (left = deadlineMillis - System.currentTimeMillis()) > 0; ) {
                Thread.sleep(left);
            }
        } catch (InterruptedException e) {
            return;
        }
        PrintStream err = System.err;
        List<String> running = new ArrayList<>(RUNNING_TESTS.isEmpty() ? RUNNING.values() : RUNNING_TESTS.values());
        err.println();
        err.println("[khronos fork watchdog] the tests of module " + System.getProperty(MODULE_PROPERTY, "?")
                + " are still running " + limitSeconds + " s after their JVM started (-D" + LIMIT_PROPERTY + "="
                + limitSeconds + "); halting the fork. Running now: " + running);
        err.println("[khronos fork watchdog] thread dump:");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            err.println("\"" + t.getName() + "\"" + (t.isDaemon() ? " daemon" : "") + " " + t.getState());
            for (StackTraceElement f : e.getValue()) {
                err.println("\tat " + f);
            }
            err.println();
        }
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        err.println("[khronos fork watchdog] killing child processes: "
                + children.stream().map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());
        children.forEach(ProcessHandle::destroyForcibly);
        err.flush();
        try {
            Thread.sleep(2_000);       // lets Surefire's channel carry the lines above to the build log
        } catch (InterruptedException e) {
            // Halting anyway.
        }
        Runtime.getRuntime().halt(1);
    }
}
