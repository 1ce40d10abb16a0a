package dev.khronos.os.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultCsv;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.os.console.ConsoleAddress;
import dev.khronos.os.console.ConsoleOptions;
import dev.khronos.os.guest.HardwareGuest;
import dev.khronos.os.testing.Sv6ShellPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps through the hardware path (console over TCP, a power-cycle command that succeeds) against
 * the sv6-like peer, where each connection is a fresh boot and a second MV-RLU run in one boot hangs.
 */
class SweepRunnerTest {

    private Sv6ShellPeer peer;
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        peer = new Sv6ShellPeer(null);
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
    }

    private HardwareGuest.Factory factory(String powerCycle) {
        return new HardwareGuest.Factory(ConsoleAddress.parse("tcp://127.0.0.1:" + peer.port()), null, powerCycle,
                ConsoleOptions.khronos(), Duration.ofSeconds(20),
                new HardwareGuest.Identity("sv6 peer", 16, "kernel.elf sha256:test"), progress::add, null);
    }

    @Test
    void kbenchGridRebootsBetweenMvrluRunsAndResumes(@TempDir Path out) throws Exception {
        List<SweepPoint> grid = SweepGrid.kbench(List.of(0, 1, 2), List.of(1, 2), List.of(100), 32, 2, 100, 64, 1);
        assertEquals(6, grid.size());
        SweepRunner runner = new SweepRunner(factory("true"), out, progress::add, Duration.ofSeconds(20), Duration.ofSeconds(5));
        SweepRunner.Summary s = runner.run(grid);
        assertEquals(new SweepRunner.Summary(6, 0, 6, 0), s, progress.toString());
        assertEquals(2, peer.boots(), "one reboot, before the second MV-RLU run: " + peer.commands());
        assertEquals(List.of("1: kbench -t 1 -i 32 -b 2 -d 100 -u 100 -s 0 -r 64",
                "1: kbench -t 2 -i 32 -b 2 -d 100 -u 100 -s 0 -r 64",
                "1: kbench -t 1 -i 32 -b 2 -d 100 -u 100 -s 1 -r 64",
                "2: kbench -t 2 -i 32 -b 2 -d 100 -u 100 -s 1 -r 64",
                "2: kbench -t 1 -i 32 -b 2 -d 100 -u 100 -s 2 -r 64",
                "2: kbench -t 2 -i 32 -b 2 -d 100 -u 100 -s 2 -r 64"), peer.commands());

        List<BenchmarkRun> runs = ResultJson.readJsonLines(out.resolve(SweepRunner.JSONL));
        assertEquals(6, runs.size());
        assertEquals(runs, ResultCsv.read(out.resolve(SweepRunner.CSV)));
        assertEquals(List.of("spinlock", "spinlock", "mvrlu", "mvrlu", "rcu", "rcu"), runs.stream().map(BenchmarkRun::sync).toList());
        BenchmarkRun r = runs.get(1);
        assertEquals(RunStatus.COMPLETE, r.status());
        // Peer: thread i does 10000*(i+1) ops, 10 % updates; 2 threads over 100 ms.
        assertEquals(30000, r.counters().ops());
        assertEquals(300000.0, r.rates().opsPerSec());
        assertEquals(SourceKind.KHRONOS_HARDWARE, r.source().kind());
        assertTrue(r.source().transcript().endsWith("boot-001.console.log"));
        assertTrue(runs.get(5).source().transcript().endsWith("boot-002.console.log"));
        assertTrue(Files.readString(out.resolve("boot-002.console.log")).contains("************ RCU"));
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[6/6] kbench -t 2") && l.contains("ETA 0s")), progress.toString());
        assertTrue(progress.contains("rebooting: MV-RLU runs once per boot"), progress.toString());

        progress.clear();
        SweepRunner.Summary again = new SweepRunner(factory("true"), out, progress::add, null, null).run(grid);
        assertEquals(new SweepRunner.Summary(6, 6, 0, 0), again);
        assertEquals(2, peer.boots(), "nothing left to run, so no boot");
        assertTrue(progress.get(0).startsWith("resuming: 6 of 6 runs already complete"), progress.toString());
    }

    @Test
    void aHangKeepsWhatWasPrintedRebootsAndIsRetriedOnResume(@TempDir Path out) throws Exception {
        List<SweepPoint> grid = SweepGrid.kbench(List.of(3), List.of(1, 13, 2), List.of(200), 32, 2, 100, 64, 1);
        SweepRunner runner = new SweepRunner(factory("true"), out, progress::add, Duration.ofSeconds(20), Duration.ofSeconds(1));
        SweepRunner.Summary s = runner.run(grid);
        assertEquals(new SweepRunner.Summary(3, 0, 2, 1), s);
        List<BenchmarkRun> runs = ResultJson.readJsonLines(out.resolve(SweepRunner.JSONL));
        assertEquals(3, runs.size());
        BenchmarkRun hung = runs.get(1);
        assertEquals(RunStatus.INCOMPLETE, hung.status());
        assertEquals(13, hung.parameters().threads());
        assertEquals("spin-chain", hung.sync());
        assertTrue(hung.note().contains("hang: the guest printed nothing for 1 s"), hung.note());
        assertEquals(RunStatus.COMPLETE, runs.get(2).status());
        assertEquals(2, peer.boots(), "the hung guest was given up and a new one booted");
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[2/3]") && l.contains("FAILED, hang")), progress.toString());

        SweepRunner.Summary again = new SweepRunner(factory("true"), out, progress::add, Duration.ofSeconds(20),
                Duration.ofSeconds(1)).run(grid);
        assertEquals(new SweepRunner.Summary(3, 2, 0, 1), again, "only the hung point is retried");
    }

    @Test
    void mvrluRunsNeedAWayToReboot(@TempDir Path out) {
        List<SweepPoint> grid = SweepGrid.hlbench(List.of("mvrlu"), List.of(1, 2), List.of(20), 100, 10, 1000, 200, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepRunner(factory(null), out, progress::add, null, null).run(grid));
        assertTrue(e.getMessage().contains("give --power-cycle"), e.getMessage());
        assertEquals(0, peer.boots());
    }

    @Test
    void gridsFollowTheScriptsAndRejectWhatKhronosWouldPanicOn() {
        List<SweepPoint> hl = SweepGrid.hlbench(List.of("rcu", "rlu", "mvrlu", "spin"), List.of(1, 5, 10, 15),
                List.of(20, 200, 500), 5000, 1000, 10000, 10000, 1);
        assertEquals(48, hl.size(), "run_hlbench.sh runs 48 benchmarks");
        assertEquals("hlbench_rcu 1 5000 1000 10000 20 10000", hl.get(0).command());
        assertEquals("hlbench_spin 15 5000 1000 10000 500 10000", hl.get(47).command());
        assertEquals(12, hl.stream().filter(SweepPoint::isMvrlu).count());
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.kbench(List.of(5), List.of(1), List.of(1), 32, 2, 1, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.kbench(List.of(0), List.of(1), List.of(1), 32, 64, 1, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.hlbench(List.of("spin"), List.of(1), List.of(1), 10, 4096, 1, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> SweepGrid.hlbench(List.of("harris"), List.of(1), List.of(1), 10, 1, 1, 64, 1));
        assertEquals("2m05s", SweepRunner.human(Duration.ofSeconds(125)));
        assertEquals("1h01m", SweepRunner.human(Duration.ofSeconds(3700)));
    }
}
