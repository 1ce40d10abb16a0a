package dev.khronos.hlbench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultRecordsTest {

    static BenchmarkRun kernelRun() {
        return new BenchmarkRun("kbench", "spinlock", new RunParameters(2, 32, 2, 1000, 200, 64),
                new RunCounters(5080690, 4063391, 1017299, 509020L, 508279L, 2064061L),
                new RunRates(5080690.0, 4063391.0, 1017299.0), null, new SizeCheck(30, 30),
                new RunSource(SourceKind.KHRONOS_QEMU, "qemu 7.2 tcg, \"host\"", 16, "kernel.elf sha256:ab12", null),
                RunStatus.COMPLETE, "kbench -t 2 -d 1000 -s 0", null);
    }

    static BenchmarkRun jvmRun() {
        return new BenchmarkRun("hlbench", "mvrlu",
                new RunParameters(4, 5000, 1000, 10000, 20, 10000, Map.of("engine", "jvm", "seed", "7")),
                RunCounters.of(900, 100), new RunRates(100.5, 90.25, 10.25), 10003L, new SizeCheck(4999, 5000),
                new RunSource(SourceKind.JVM, "x86_64, line1\nline2", 2, null, null),
                RunStatus.COMPLETE, null, "size, \"mismatch\"");
    }

    /** A JVM run with the fields added later: snapshot readers, their count and rate, the clock and its bound. */
    static BenchmarkRun snapshotRun() {
        return new BenchmarkRun("hlbench", "mvrlu",
                new RunParameters(1, 5000, 1000, 5000, 500, 10000, 1, "ordo", 992L, Map.of("snapshot_size", "snapshot")),
                new RunCounters(1000, 500, 500, 250L, 250L, 100L, 42L), new RunRates(200.0, 100.0, 100.0, 8.4),
                5001L, new SizeCheck(5000, 5000), new RunSource(SourceKind.JVM, "m", 2, null, null),
                RunStatus.COMPLETE, "hlbench mvrlu 1 5000 1000 5000 500 10000 --snapshot-readers 1 --clock ordo", null);
    }

    static BenchmarkRun cutOff() {
        return new BenchmarkRun("hlbench", "rcu", new RunParameters(15, 5000, 1000, 10000, 500, 10000),
                null, null, null, null, new RunSource(SourceKind.KHRONOS_HARDWARE, null, null, null, "t.log"),
                RunStatus.INCOMPLETE, "hlbench_rcu 15 5000 1000 10000 500 10000", "hang: no output for 120 s");
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        for (BenchmarkRun run : List.of(kernelRun(), jvmRun(), cutOff(), snapshotRun())) {
            String json = ResultJson.toJson(run);
            assertFalse(json.contains("\n"), "one line per run: " + json);
            assertEquals(run, ResultJson.fromJson(json));
        }
    }

    @Test
    void jsonUsesSnakeCaseNamesAndOmitsUnknowns() {
        String json = ResultJson.toJson(kernelRun());
        assertTrue(json.contains("\"update_permille\":200"), json);
        assertTrue(json.contains("\"duration_ms\":1000"), json);
        assertTrue(json.contains("\"kind\":\"khronos-qemu\""), json);
        assertTrue(json.contains("\"status\":\"complete\""), json);
        assertTrue(json.contains("\"passed\":true"), json);
        assertFalse(json.contains("measured_duration_ms"), "unknown values are left out: " + json);
        assertFalse(json.contains("\"extra\""), json);
    }

    @Test
    void theLaterFieldsHaveSnakeCaseNamesAndAreLeftOutWhenUnknown() {
        String json = ResultJson.toJson(snapshotRun());
        for (String f : List.of("\"snapshot_readers\":1", "\"clock\":\"ordo\"", "\"clock_bound_ns\":992",
                "\"snapshots\":42", "\"snapshots_per_s\":8.4")) {
            assertTrue(json.contains(f), f + " in " + json);
        }
        for (String f : List.of("snapshot", "clock")) {
            assertFalse(ResultJson.toJson(kernelRun()).contains(f), f);
        }
        assertNull(new RunParameters(1, 0, 1, 0, 0, 1, 0, null, null, null).snapshotReaders(), "0 readers = none");
    }

    /** A line written before snapshot readers and clocks existed (os-integration keeps such files). */
    @Test
    void recordsWrittenBeforeTheLaterFieldsStillRead() throws Exception {
        String old = "{\"benchmark\":\"hlbench\",\"sync\":\"mvrlu\",\"parameters\":{\"threads\":2,\"initial\":5000,"
                + "\"buckets\":1000,\"duration_ms\":10000,\"update_permille\":200,\"range\":10000,"
                + "\"extra\":{\"form\":\"sweep\"}},\"counters\":{\"ops\":30,\"reads\":20,\"updates\":10},"
                + "\"rates\":{\"ops_per_s\":3.0,\"reads_per_s\":2.0,\"updates_per_s\":1.0},\"measured_duration_ms\":10001,"
                + "\"size_check\":{\"actual\":5000,\"expected\":5000,\"passed\":true},"
                + "\"source\":{\"kind\":\"jvm\",\"machine\":\"m\",\"cpus\":2},\"status\":\"complete\"}";
        BenchmarkRun run = ResultJson.fromJson(old);
        assertNull(run.parameters().clock());
        assertNull(run.parameters().clockBoundNs());
        assertEquals(0, run.parameters().snapshotReaderCount());
        assertNull(run.counters().snapshots());
        assertNull(run.rates().snapshotsPerSec());
        assertEquals(new RunParameters(2, 5000, 1000, 10000, 200, 10000, Map.of("form", "sweep")), run.parameters());
        // the CSV header of that version: no snapshot or clock columns
        String csv = "benchmark,sync,status,threads,initial,buckets,duration_ms,update_permille,range,ops,reads,updates,"
                + "adds,removes,founds,ops_per_s,reads_per_s,updates_per_s,measured_duration_ms,size_actual,size_expected,"
                + "size_ok,source,machine,cpus,kernel_image,transcript,command,note,extra\n"
                + "hlbench,mvrlu,complete,2,5000,1000,10000,200,10000,30,20,10,,,,3,2,1,10001,5000,5000,true,jvm,m,2,,,,,form=sweep\n";
        assertEquals(List.of(run), ResultCsv.read(new StringReader(csv)));
    }

    @Test
    void jsonIgnoresPropertiesFromLaterVersions() {
        String json = ResultJson.toJson(cutOff()).replaceFirst("\\{", "{\"future_field\":[1,2],");
        assertEquals(cutOff(), ResultJson.fromJson(json));
    }

    @Test
    void invalidJsonIsReportedAsIllegalArgument() {
        String json = ResultJson.toJson(kernelRun()).replace("\"threads\":2", "\"threads\":0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultJson.fromJson(json));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }

    @Test
    void jsonLinesAppendAndRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/results.jsonl");
        ResultJson.appendJsonLine(file, kernelRun());
        ResultJson.appendJsonLine(file, cutOff());
        assertEquals(2, Files.readAllLines(file).size());
        assertEquals(List.of(kernelRun(), cutOff()), ResultJson.readJsonLines(file));

        Files.writeString(file, "{\"benchmark\":\"kbench\"", java.nio.file.StandardOpenOption.APPEND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultJson.readJsonLines(file));
        assertTrue(e.getMessage().contains("results.jsonl:3"), e.getMessage());
    }

    @Test
    void csvRoundTripWithQuotingAndNulls() throws Exception {
        List<BenchmarkRun> runs = List.of(kernelRun(), jvmRun(), cutOff(), snapshotRun());
        StringWriter w = new StringWriter();
        ResultCsv.write(w, runs);
        String text = w.toString();
        assertTrue(text.startsWith(ResultCsv.header() + "\n"));
        assertTrue(text.contains("\"qemu 7.2 tcg, \"\"host\"\"\""), text);
        assertTrue(text.contains(",5080690,"), "plain numbers, no exponent: " + text);
        assertEquals(runs, ResultCsv.read(new StringReader(text)));
    }

    @Test
    void csvAppendWritesHeaderOnce(@TempDir Path dir) {
        Path file = dir.resolve("r.csv");
        ResultCsv.append(file, kernelRun());
        ResultCsv.append(file, jvmRun());
        assertEquals(List.of(kernelRun(), jvmRun()), ResultCsv.read(file));
    }

    @Test
    void csvWithMissingColumnIsRejected() {
        String text = "benchmark,sync\nkbench,rcu\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultCsv.read(new StringReader(text)));
        assertTrue(e.getMessage().contains("missing column"), e.getMessage());
    }

    @Test
    void resultFilesPrefersJsonOverCsvTwin(@TempDir Path dir) throws Exception {
        ResultJson.appendJsonLine(dir.resolve("results.jsonl"), kernelRun());
        ResultCsv.append(dir.resolve("results.csv"), kernelRun());
        ResultCsv.append(dir.resolve("more/other.csv"), jvmRun());
        Files.writeString(dir.resolve("one.json"), ResultJson.toJson(cutOff()));
        List<BenchmarkRun> runs = ResultFiles.load(dir);
        assertEquals(3, runs.size(), runs.toString());
        assertTrue(runs.containsAll(List.of(kernelRun(), jvmRun(), cutOff())));
        assertThrows(IllegalArgumentException.class, () -> ResultFiles.load(dir.resolve("absent")));
    }

    @Test
    void recordInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new RunCounters(10, 5, 4, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RunCounters(10, 5, 5, 2L, 2L, null));
        assertThrows(IllegalArgumentException.class, () -> new RunCounters(10, 5, 5, 2L, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RunCounters(10, 5, 5, null, null, 6L));
        assertThrows(IllegalArgumentException.class, () -> new RunParameters(1, 0, 1, 0, 1001, 1));
        assertThrows(IllegalArgumentException.class, () -> new RunRates(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RunRates(1, 1, 0, -1.0));
        assertThrows(IllegalArgumentException.class, () -> new RunCounters(2, 1, 1, null, null, null, -1L));
        assertThrows(IllegalArgumentException.class, () -> new RunParameters(1, 0, 1, 0, 0, 1, -1, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new RunParameters(1, 0, 1, 0, 0, 1, null, " ", null, null));
        assertThrows(IllegalArgumentException.class, () -> new RunParameters(1, 0, 1, 0, 0, 1, null, "ordo", -5L, null));
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkRun("kbench", "rcu",
                new RunParameters(1, 0, 1, 0, 0, 1), null, null, null, null,
                new RunSource(SourceKind.JVM, null, null, null, null), RunStatus.COMPLETE, null, null));
        assertFalse(jvmRun().succeeded(), "size mismatch");
        assertTrue(kernelRun().succeeded());
        assertFalse(cutOff().succeeded());
        assertNull(cutOff().counters());
        assertThrows(UnsupportedOperationException.class, () -> jvmRun().parameters().extra().put("x", "y"));
    }
}
