package dev.khronos.os;

import static dev.khronos.os.KhronosOsCliTest.assertOneLineError;
import static dev.khronos.os.KhronosOsCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.os.KhronosOsCliTest.Result;
import dev.khronos.os.sweep.SweepGrid;
import dev.khronos.os.sweep.SweepPoint;
import dev.khronos.os.testing.LinuxGuestFixture;
import dev.khronos.os.testing.Sv6ShellPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code khronos-os compare}: its checks, and end to end on the CI Linux guest plus forked JVMs. */
@Timeout(600)
class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void dryRunPairsEveryKhronosCommandWithItsJvmTwin() {
        Result k = cli("compare", "kbench", "--sync", "0,4", "--threads", "2", "--update", "20", "--dry-run");
        assertEquals(0, k.code(), k.err());
        assertEquals(List.of("KhronOS: kbench -t 2 -i 32 -b 2 -d 1500 -u 20 -s 0 -r 64",
                "JVM:     kbench -t 2 -i 32 -b 2 -d 1500 -u 20 -s 0 -r 64",
                "KhronOS: kbench -t 2 -i 32 -b 2 -d 1500 -u 20 -s 4 -r 64",
                "JVM:     kbench -t 2 -i 32 -b 2 -d 1500 -u 20 -s 4 -r 64"), k.out().lines().toList());
        Result h = cli("compare", "hlbench", "--sync", "rcu", "--threads", "5", "--update", "200", "--dry-run");
        assertEquals(List.of("KhronOS: hlbench_rcu 5 5000 1000 10000 200 10000", "JVM:     hlbench rcu 5 5000 1000 10000 200 10000"),
                h.out().lines().toList());
        assertEquals(96, cli("compare", "hlbench", "--dry-run").out().lines().count(), "run_hlbench.sh's 48 runs, twice");
    }

    @Test
    void userErrorsAreOneLineAndNothingRuns() {
        assertOneLineError(cli("compare", "kbench", "--threads", "1"), 2, "missing --kernel IMAGE");
        assertOneLineError(cli("compare", "--kernel", dir.resolve("nope.elf").toString(), "kbench"), 2, "kernel image not found");
        assertOneLineError(cli("compare", "--kernel", "k", "fsbench"), 2, "unknown benchmark fsbench");
        assertOneLineError(cli("compare", "--kernel", "k", "hlbench", "--buckets", "4096"), 2, "1 <= buckets <= 2048");
        assertOneLineError(cli("compare", "--kernel", "k", "kbench", "--jvm-jar", dir.resolve("no.jar").toString()), 2,
                "--jvm-jar: no such file");
    }

    /**
     * The whole command against the CI guest (Debian's cloud kernel in QEMU, install-deps.sh):
     * its {@code /bin/kbench} prints what the sv6 peer prints for the grid's commands and, as
     * KhronOS, hangs when MV-RLU runs twice in one boot; the JVM side forks the real kbench CLI.
     */
    @Test
    void comparesKbenchInTheCiGuestWithForkedJvmsAndResumes() throws Exception {
        Path kernel = LinuxGuestFixture.requireKernel();
        List<SweepPoint> grid = SweepGrid.kbench(List.of(0, 1), List.of(1, 2), List.of(200), 32, 2, 100, 64, 1);
        Path initrd = LinuxGuestFixture.buildInitramfs(dir, List.of(),
                List.of(Map.entry("/bin/kbench", kbenchScript(grid).getBytes(StandardCharsets.US_ASCII))));
        Path out = dir.resolve("cmp");
        String[] args = {"compare", "--kernel", kernel.toString(), "--initrd", initrd.toString(), "--append",
                "console=ttyS0 quiet panic=-1", "--cpus", "2", "--memory", "256", "--no-network",
                "--shutdown-command", "poweroff -f", "--out", out.toString(),
                "kbench", "--sync", "0,1", "--threads", "1,2", "--update", "200", "--duration", "100"};

        long t0 = System.nanoTime();
        Result r = cli(args);
        System.err.printf("compare, first run: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, r.code(), r.err());
        List<String> err = r.err().lines().toList();
        assertTrue(err.get(0).startsWith("khronos-os: compare kbench: 4 runs on each side; to run: 4 in KhronOS (QEMU), then 4 on the JVM"),
                r.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("khronos-os: KhronOS [4/4] kbench -t 2 -i 32 -b 2 -d 100 -u 200 -s 1 -r 64: ")
                && l.contains("ETA ")), r.err());
        assertTrue(err.contains("khronos-os: KhronOS rebooting: MV-RLU runs once per boot"), r.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("khronos-os: JVM [4/4] kbench -t 2 -i 32 -b 2 -d 100 -u 200 -s 1 -r 64: ")
                && l.endsWith("ETA 0s)")), r.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("khronos-os: compare done: KhronOS 4 completed now, 0 already complete,"
                + " 0 failed; JVM 4 completed now, 0 already complete, 0 failed")), r.err());

        // The table: every point with both sides; the kernel numbers are the replayed peer's
        // (thread i: 10000 x (i + 1) operations in 100 ms).
        for (String row : List.of("| mvrlu | 1 | 32 | 2 | 200 | 64 | kbench | 100000.0 (1) | ",
                "| mvrlu | 2 | 32 | 2 | 200 | 64 | kbench | 300000.0 (1) | ",
                "| spinlock | 1 | 32 | 2 | 200 | 64 | kbench | 100000.0 (1) | ",
                "| spinlock | 2 | 32 | 2 | 200 | 64 | kbench | 300000.0 (1) | ")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(row) && !l.contains("| - |")), row + " in\n" + r.out());
        }
        assertEquals(r.out(), Files.readString(out.resolve("report.md")));
        assertTrue(Files.size(out.resolve("report.png")) > 1000);
        assertEquals(5, Files.readAllLines(out.resolve("report.csv")).size(), "header and four rows");
        assertTrue(Files.exists(out.resolve("khronos/boot-002.console.log")), "the second MV-RLU run had a boot of its own");

        List<BenchmarkRun> kernelRuns = ResultJson.readJsonLines(out.resolve("khronos/results.jsonl"));
        assertEquals(4, kernelRuns.size());
        assertTrue(kernelRuns.stream().allMatch(k -> k.status() == RunStatus.COMPLETE
                && k.source().kind() == SourceKind.KHRONOS_QEMU), kernelRuns.toString());
        List<BenchmarkRun> jvmRuns = ResultJson.readJsonLines(out.resolve("jvm/results.jsonl"));
        assertEquals(grid.stream().map(SweepPoint::command).toList(), jvmRuns.stream().map(BenchmarkRun::command).toList(),
                "the JVM records carry the JVM command, without the scratch --out");
        for (BenchmarkRun j : jvmRuns) {
            assertEquals(SourceKind.JVM, j.source().kind());
            assertTrue(j.succeeded(), j.toString());
            assertTrue(j.measuredDurationMs() != null, "a real JVM run measures its duration");
            assertTrue(Files.readString(Path.of(j.source().transcript())).contains("#### B ####"), "the child's output is kept");
        }
        try (Stream<Path> logs = Files.list(out.resolve("jvm/logs"))) {
            assertEquals(4, logs.filter(p -> p.toString().endsWith(".log")).count(), "one log per JVM run, no scratch left");
        }

        // Again: everything is measured, so nothing boots and no JVM is forked; the report is rewritten.
        Result again = cli(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("khronos-os: KhronOS resuming: 4 of 4 runs already complete"), again.err());
        assertTrue(again.err().contains("khronos-os: JVM resuming: 4 of 4 runs already complete"), again.err());
        assertFalse(Files.exists(out.resolve("khronos/boot-003.console.log")), "no boot: " + again.err());
        assertEquals(r.out(), again.out(), "the same table");

        // A JVM run lost (as if the first compare had been stopped before it ended) is the only one run again.
        List<String> lines = Files.readAllLines(out.resolve("jvm/results.jsonl"));
        Files.write(out.resolve("jvm/results.jsonl"), lines.subList(0, 3));
        Result resumed = cli(args);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("khronos-os: JVM resuming: 3 of 4 runs already complete"), resumed.err());
        assertTrue(resumed.err().contains("khronos-os: JVM [4/4] kbench -t 2 -i 32 -b 2 -d 100 -u 200 -s 1 -r 64: "), resumed.err());
        assertEquals(4, ResultJson.readJsonLines(out.resolve("jvm/results.jsonl")).size());
        assertFalse(Files.exists(out.resolve("khronos/boot-003.console.log")), "the KhronOS side was complete");
    }

    /**
     * A {@code /bin/kbench} for the guest: the sv6 peer's output for each command of the grid,
     * and KhronOS's MV-RLU bug (a second MV-RLU run in one boot hangs), so that compare has to
     * reboot as on KhronOS.
     */
    static String kbenchScript(List<SweepPoint> grid) {
        StringBuilder sb = new StringBuilder("#!/bin/busybox sh\n")
                .append("case \" $* \" in *\" -s 1 \"*)\n")
                .append("  if [ -e /tmp/mvrlu-ran ]; then exec sleep 3600; fi\n")
                .append("  : > /tmp/mvrlu-ran;;\n")
                .append("esac\n")
                .append("case \"$*\" in\n");
        for (SweepPoint p : grid) {
            String args = p.command().substring("kbench ".length());
            // The tty turns each LF into CR LF itself.
            sb.append("'").append(args).append("')\ncat <<'EOF'\n")
                    .append(Sv6ShellPeer.kbenchOutput(p.command()).replace("\r\n", "\n"))
                    .append("EOF\n;;\n");
        }
        sb.append("*) echo \"kbench: no output recorded for: $*\"; exit 1;;\nesac\n");
        return sb.toString();
    }
}
