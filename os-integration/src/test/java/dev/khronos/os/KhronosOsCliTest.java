package dev.khronos.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.os.testing.LinuxGuestFixture;
import dev.khronos.os.testing.Sv6ShellPeer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The khronos-os command line, in process. */
@Timeout(180)
class KhronosOsCliTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KhronosOs.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The error is the last stderr line (progress notes may precede it), and there is no stack trace. */
    static void assertOneLineError(Result r, int code, String containing) {
        assertEquals(code, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("khronos-os: ") && last.contains(containing), r.err());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("khronos-os: ")), "only khronos-os lines: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    static Path realTranscript(Path dir) throws Exception {
        Path p = dir.resolve("khronos.console.log");
        try (var in = KhronosOsCliTest.class.getResourceAsStream("/transcripts/khronos-qemu-kbench-hlbench.console.log")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void parsePrintsRecordsAsJson() throws Exception {
        Result r = cli("parse", "--cpus", "16", "--kernel-image", "kernel.elf", realTranscript(dir).toString());
        assertEquals(0, r.code(), r.err());
        List<BenchmarkRun> runs = ResultJson.listFromJson(r.out());
        assertEquals(8, runs.size());
        assertEquals(16, runs.get(0).source().cpus());
        assertEquals("kernel.elf", runs.get(7).source().kernelImage());
    }

    @Test
    void userErrorsAreOneLineWithoutStackTraces() {
        assertOneLineError(cli("parse", dir.resolve("nope.log").toString()), 2, "transcript not found");
        assertOneLineError(cli("run", "--cpus", "many"), 2, "'many' is not an int");
        assertOneLineError(cli("run", "--kernel", dir.resolve("nope.elf").toString(), "--", "ls"), 2, "kernel image not found");
        assertOneLineError(cli("run", "--kernel", "k"), 2, "missing command");
        assertOneLineError(cli("run", "--kernel", "k", "--", "echo", "x".repeat(200)), 2, "at most 127");
        assertOneLineError(cli("hardware", "--console", "serial0", "--", "ls"), 2, "bad console address");
        assertOneLineError(cli("sweep", "--kernel", "k", "fsbench"), 2, "unknown benchmark fsbench");
        assertOneLineError(cli("sweep", "kbench", "--sync", "7", "--dry-run"), 2, "sync type must be 0..4");
        assertOneLineError(cli("report", "--kernel-results", dir.toString(), "--jvm-results", dir.toString()), 1,
                "no complete runs to report");
        assertOneLineError(cli("frobnicate"), 2, "frobnicate");
    }

    @Test
    void sweepDryRunPrintsTheGrid() {
        Result r = cli("sweep", "kbench", "--sync", "0,1", "--threads", "2", "--update", "20,500", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("kbench -t 2 -i 32 -b 2 -d 1500 -u 20 -s 0 -r 64", "kbench -t 2 -i 32 -b 2 -d 1500 -u 500 -s 0 -r 64",
                "kbench -t 2 -i 32 -b 2 -d 1500 -u 20 -s 1 -r 64", "kbench -t 2 -i 32 -b 2 -d 1500 -u 500 -s 1 -r 64"),
                r.out().lines().toList());
        assertEquals(48, cli("sweep", "hlbench", "--dry-run").out().lines().count());
    }

    @Test
    void hardwareRunsACommandAfterAPowerCycleAndSavesResults() throws Exception {
        try (Sv6ShellPeer peer = new Sv6ShellPeer(null)) {
            Path out = dir.resolve("hw");
            Result r = cli("hardware", "--console", "tcp://127.0.0.1:" + peer.port(), "--power-cycle", "echo cycling",
                    "--machine", "lab box", "--cpus", "16", "--out", out.toString(), "--", "kbench", "-t", "2", "-d", "100", "-s", "2");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("************ RCU ***************"), r.out());
            assertTrue(r.err().contains("kbench rcu t=2 u=200: 300000.0 ops/s"), r.err());
            List<BenchmarkRun> runs = ResultJson.readJsonLines(out.resolve("results.jsonl"));
            assertEquals(1, runs.size());
            assertEquals(SourceKind.KHRONOS_HARDWARE, runs.get(0).source().kind());
            assertEquals("lab box", runs.get(0).source().machine());
            assertTrue(Files.readString(out.resolve("console.log")).contains("init complete at"));

            Result failed = cli("hardware", "--console", "tcp://127.0.0.1:" + peer.port(), "--power-cycle", "exit 3",
                    "--out", out.toString(), "--", "echo", "hi");
            assertOneLineError(failed, 1, "the power-cycle command failed with status 3");

            Result hang = cli("hardware", "--console", "tcp://127.0.0.1:" + peer.port(), "--silence", "1",
                    "--out", out.toString(), "--", "kbench", "-t", "13", "-s", "3");
            assertOneLineError(hang, 1, "'kbench -t 13 -s 3' failed: the guest printed nothing for 1 s");
            assertTrue(hang.out().contains("-t #threads     : 13"), "partial output shown: " + hang.out());
            List<BenchmarkRun> all = ResultJson.readJsonLines(out.resolve("results.jsonl"));
            assertEquals(2, all.size(), "the hung run is kept as incomplete");
            assertEquals(RunStatus.INCOMPLETE, all.get(1).status());
            assertEquals(13, all.get(1).parameters().threads());
        }
    }

    @Test
    void reportWritesTableAndChart() throws Exception {
        Path kernelDir = dir.resolve("kernel");
        Files.createDirectories(kernelDir);
        Result parsed = cli("parse", realTranscript(dir).toString());
        Files.writeString(kernelDir.resolve("runs.json"), parsed.out());
        Path jvmDir = dir.resolve("jvm");
        BenchmarkRun k = ResultJson.listFromJson(parsed.out()).get(7);
        ResultJson.appendJsonLine(jvmDir.resolve("results.jsonl"), k.withSource(
                new dev.khronos.hlbench.result.RunSource(SourceKind.JVM, "jvm host", 2, null, null)));
        Path out = dir.resolve("report");
        Result r = cli("report", "--kernel-results", kernelDir.toString(), "--jvm-results", jvmDir.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| spinlock | 2 | 100 | 10 | 200 | 200 | hlbench | 5871531.0 (1) | 5871531.0 (1) | 1.00 | 0 |"), r.out());
        assertTrue(Files.size(out.resolve("report.png")) > 1000);
        assertTrue(Files.readString(out.resolve("report.csv")).startsWith("sync,threads,"));
    }

    @Test
    void runBootsALinuxGuestThroughTheCli() throws Exception {
        Path kernel = LinuxGuestFixture.requireKernel();
        Path initrd = LinuxGuestFixture.buildInitramfs(dir, List.of());
        Path out = dir.resolve("run");
        Result r = cli("run", "--kernel", kernel.toString(), "--initrd", initrd.toString(), "--append",
                "console=ttyS0 quiet panic=-1", "--cpus", "1", "--memory", "256", "--no-network",
                "--shutdown-command", "poweroff -f", "--out", out.toString(), "--", "uname", "-s");
        assertEquals(0, r.code(), r.err());
        assertEquals("Linux\n", r.out());
        assertTrue(r.err().contains("booted to the prompt in"), r.err());
        assertTrue(Files.readString(out.resolve("console.log")).contains("uname -s\r\nLinux\r\n"));
    }
}
