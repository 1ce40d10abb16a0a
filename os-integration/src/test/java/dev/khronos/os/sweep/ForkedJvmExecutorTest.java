package dev.khronos.os.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.kbench.Kbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The JVM side of compare: one forked JVM per point, with a deadline, and a record whatever happens. */
@Timeout(300)
class ForkedJvmExecutorTest {

    @TempDir
    Path dir;

    private static List<String> java(Class<?> main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        return cmd;
    }

    private static SweepPoint kbenchPoint(int threads, int durationMs) {
        return ForkedJvmExecutor.jvmPoint(SweepGrid.kbench(List.of(0), List.of(threads), List.of(200), 32, 2, durationMs, 64, 1).get(0));
    }

    @Test
    void jvmTwinsOfTheKhronosCommands() {
        SweepPoint k = SweepGrid.kbench(List.of(3), List.of(2), List.of(20), 32, 2, 100, 64, 1).get(0);
        assertEquals(k.command(), ForkedJvmExecutor.jvmPoint(k).command(), "kbench takes the same flags on the JVM");
        SweepPoint h = SweepGrid.hlbench(List.of("spin"), List.of(5), List.of(500), 5000, 1000, 10000, 10000, 1).get(0);
        SweepPoint hj = ForkedJvmExecutor.jvmPoint(h);
        assertEquals("hlbench spin 5 5000 1000 10000 500 10000", hj.command());
        assertEquals(h.parameters(), hj.parameters());
        assertEquals("spin", hj.sync());
        assertThrows(IllegalArgumentException.class,
                () -> ForkedJvmExecutor.jvmPoint(new SweepPoint("kbench", "x", "ls -l", k.parameters())));
    }

    @Test
    void aKbenchRunGivesTheRecordOfTheChildWithTheJvmCommandAndItsLog() throws Exception {
        ForkedJvmExecutor ex = new ForkedJvmExecutor(java(Kbench.class), dir.resolve("logs"), null);
        SweepPoint p = kbenchPoint(2, 50);
        SweepRunner.Outcome o = ex.run(p);
        assertNull(o.error());
        assertEquals(1, o.runs().size());
        BenchmarkRun r = o.runs().get(0);
        assertEquals(RunStatus.COMPLETE, r.status());
        assertEquals(p.command(), r.command(), "no scratch --out in the command");
        assertEquals(SourceKind.JVM, r.source().kind());
        assertEquals(p.parameters().threads(), r.parameters().threads());
        Path log = Path.of(r.source().transcript());
        assertEquals(dir.resolve("logs/001-kbench_t_2_i_32_b_2_d_50_u_200_s_0_r_64.log"), log);
        assertTrue(Files.readString(log).contains("************ SPINLOCK ***************"));
        assertEquals(dir.resolve("logs/002-kbench_t_2_i_32_b_2_d_50_u_200_s_0_r_64.log"),
                Path.of(ex.run(p).runs().get(0).source().transcript()), "a second run of the point gets its own log");
        try (Stream<Path> s = Files.list(dir.resolve("logs"))) {
            assertEquals(2, s.count(), "the scratch directories are gone");
        }
    }

    /** Sleeps far beyond any deadline of the test, after writing its pid. */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            Files.writeString(Path.of(args[args.length - 1]).resolveSibling("sleeper.pid"),
                    Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Duration.ofMinutes(30).toMillis());
        }
    }

    @Test
    void aRunPastItsDeadlineIsKilledAndRecordedAsIncomplete() throws Exception {
        ForkedJvmExecutor ex = new ForkedJvmExecutor(java(Sleeper.class), dir.resolve("logs"), Duration.ofSeconds(3));
        SweepPoint p = kbenchPoint(1, 100);
        SweepRunner.Outcome o = ex.run(p);
        assertTrue(o.error().startsWith("timeout: the JVM run did not end within 3s; killed"), o.error());
        BenchmarkRun r = o.runs().get(0);
        assertEquals(RunStatus.INCOMPLETE, r.status());
        assertEquals(p.command(), r.command());
        assertEquals(o.error(), r.note());
        Path pidFile = dir.resolve("logs/sleeper.pid");
        if (Files.exists(pidFile)) {                   // the child got as far as main() before the deadline
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child was destroyed");
        }
    }

    /** Exits with status 3 after one line, without writing a record. */
    public static final class Failer {
        public static void main(String[] args) {
            System.out.println("something went wrong");
            System.exit(3);
        }
    }

    @Test
    void aChildWithoutARecordOrThatCannotStartGivesAnIncompleteRecordSayingWhy() throws Exception {
        SweepPoint p = kbenchPoint(1, 100);
        SweepRunner.Outcome failed = new ForkedJvmExecutor(java(Failer.class), dir.resolve("logs"), null).run(p);
        assertEquals("exit status 3 without a result: something went wrong", failed.error());
        assertEquals(RunStatus.INCOMPLETE, failed.runs().get(0).status());

        SweepRunner.Outcome missing = new ForkedJvmExecutor(List.of(dir.resolve("no-java").toString()), dir.resolve("logs"), null).run(p);
        assertTrue(missing.error().startsWith("cannot start the JVM: "), missing.error());
        assertEquals(missing.error(), missing.runs().get(0).note());
    }
}
