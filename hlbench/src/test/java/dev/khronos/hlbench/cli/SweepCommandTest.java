package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultCsv;
import dev.khronos.hlbench.result.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.khronos.hlbench.cli.CliTestSupport.hlbench;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepCommandTest {
    private static Path only(Path dir, String glob) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> dir.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).toList();
            assertEquals(1, l.size(), glob + ": " + l);
            return l.get(0);
        }
    }

    /** A tiny --quick-style sweep: 2 syncs x 2 thread counts, 150 ms each, in this JVM. */
    @Test
    void quickStyleSweepWritesJsonCsvTableAndPng(@TempDir Path dir) throws IOException {
        CliTestSupport.Result r = hlbench("sweep", "--in-process", "--sync", "mvrlu,spin,seq", "--threads", "1,2", "--update", "200",
                "--initial", "100", "--buckets", "10", "--range", "200", "--duration-ms", "150", "--seed", "5",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("sweep: 5 runs of 150 ms"), r.out());
        assertTrue(r.out().matches("(?s).*\\[1/5\\] mvrlu threads=1 update=200 initial=100 buckets=10 range=200: "
                + "\\d+\\.\\d{3} Mops/s, size ok \\| elapsed \\d+:\\d\\d, ETA \\d+:\\d\\d\n.*"), r.out());
        assertTrue(r.out().contains("[5/5] seq threads=1"), r.out());
        assertTrue(r.out().matches("(?s).*\\s+200\\s+100\\s+10\\s+200\\s+mvrlu\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d{3}\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\s+200\\s+100\\s+10\\s+200\\s+seq\\s+\\d+\\.\\d{3}\\s+-\n.*"), r.out());

        List<BenchmarkRun> json = ResultJson.readJsonLines(dir.resolve("results.jsonl"));
        List<BenchmarkRun> csv = ResultCsv.read(dir.resolve("results.csv"));
        assertEquals(5, json.size());
        assertEquals(5, csv.size());
        assertTrue(json.stream().allMatch(BenchmarkRun::succeeded));
        assertEquals(List.of("mvrlu", "mvrlu", "spin", "spin", "seq"), json.stream().map(BenchmarkRun::sync).toList());
        Path png = only(dir, "sweep-*.png");
        byte[] head = new byte[8];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        assertTrue(Files.readString(only(dir, "sweep-*.txt")).contains("t=2"));
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            assertEquals(5, logs.count());
        }

        // a second sweep appends
        assertEquals(0, hlbench("sweep", "--in-process", "--sync", "spin", "--threads", "1", "--update", "0",
                "--initial", "10", "--buckets", "2", "--range", "20", "--duration-ms", "50", "--out", dir.toString()).code());
        assertEquals(6, ResultJson.readJsonLines(dir.resolve("results.jsonl")).size());
    }

    /** The default mode: each point in a fresh JVM, its record handed back through a file; a warm-up reaches it. */
    @Test
    void forkedPointReportsThroughItsRecord(@TempDir Path dir) throws IOException {
        CliTestSupport.Result r = hlbench("sweep", "--sync", "spinchain", "--threads", "1", "--update", "20",
                "--initial", "50", "--buckets", "5", "--range", "100", "--duration-ms", "100", "--warmup-ms", "30",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("sweep: 1 runs of 100 ms after 30 ms of warm-up"), r.out());
        List<BenchmarkRun> runs = ResultJson.readJsonLines(dir.resolve("results.jsonl"));
        assertEquals(1, runs.size());
        assertEquals("spinchain", runs.get(0).sync());
        assertTrue(runs.get(0).succeeded());
        assertEquals("30", runs.get(0).parameters().extra().get("warmup_ms"));
        Path log = only(dir.resolve("logs"), "*.log");
        String text = Files.readString(log);
        assertTrue(text.contains("#### total ####") && text.contains("-Warm-up      : 30 (ms"), text);
    }
}
