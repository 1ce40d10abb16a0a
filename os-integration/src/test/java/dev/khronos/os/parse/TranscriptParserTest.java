package dev.khronos.os.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunCounters;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunRates;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SizeCheck;
import dev.khronos.hlbench.result.SourceKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {

    private static final RunSource SRC = new RunSource(SourceKind.KHRONOS_QEMU, "test", 16, "kernel.elf", null);
    private final TranscriptParser parser = new TranscriptParser();

    static String realTranscript() throws Exception {
        try (InputStream in = TranscriptParserTest.class.getResourceAsStream("/transcripts/khronos-qemu-kbench-hlbench.console.log")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void realTranscriptYieldsAllEightRunsWithExactNumbers() throws Exception {
        ParseResult r = parser.parse(realTranscript(), SRC);
        assertEquals(List.of(), r.warnings());
        List<BenchmarkRun> runs = r.runs();
        assertEquals(List.of("kbench/spinlock", "kbench/mvrlu", "kbench/rcu", "kbench/spin-chain",
                        "hlbench/mvrlu", "hlbench/rcu", "hlbench/rlu", "hlbench/spin"),
                runs.stream().map(x -> x.benchmark() + "/" + x.sync()).toList());
        assertTrue(runs.stream().allMatch(x -> x.status() == RunStatus.COMPLETE && x.sizeCheck().passed()));

        BenchmarkRun spin = runs.get(0);
        assertEquals(new RunParameters(2, 32, 2, 1000, 200, 64), spin.parameters());
        // Per-thread blocks: adds 270383 + 238637, removes 269575 + 238704, found 1094575 + 969486.
        assertEquals(new RunCounters(4063391 + 1017299, 4063391, 1017299, 509020L, 508279L, 2064061L), spin.counters());
        assertEquals(new RunRates(5080690.0, 4063391.0, 1017299.0), spin.rates());
        assertEquals(new SizeCheck(30, 30), spin.sizeCheck());
        assertEquals("kbench -t 2 -d 1000 -s 0", spin.command());
        assertNull(spin.measuredDurationMs(), "KhronOS reports only the nominal duration");

        assertEquals(20853, runs.get(1).counters().reads());
        assertEquals(new SizeCheck(38, 38), runs.get(3).sizeCheck());

        BenchmarkRun mvrlu = runs.get(4);
        assertEquals(new RunParameters(2, 100, 10, 1000, 200, 200), mvrlu.parameters());
        assertEquals(new RunCounters(939940, 752121, 187819, 58596L + 35444, 58386L + 35393, 234847L + 142327), mvrlu.counters());
        assertEquals(939940.0, mvrlu.rates().opsPerSec());
        assertEquals("hlbench_mvrlu 2 100 10 1000 200 200", mvrlu.command());
        assertEquals(5871531, runs.get(7).counters().ops());
        assertEquals(SRC, spin.source());
    }

    @Test
    void kernelLinesInterleavedWithUserOutputAreSkipped() {
        String t = String.join("\r\n",
                "$ kbench -t 2 -i 10 -b 4 -d 500 -u 500 -s 2 -r 20",
                "kernel lavel benchmark start",
                "-t #threads     : 2",
                "e1000: Link up at 1000 Mb/s full-duplex",
                "-i Initial size : 10",
                "-b Buckets      : 4",
                "Run Kernel Level Benchmark",
                "-d Duration     : 500",
                "-u Update rate  : 500",
                "-s sync type    : 2",
                "initialize 10 nodes...done",
                "-r Range        : 20",
                "Benchmark type  : hash-list",
                "Thread created 0xffffff00821d45c0(c:1, s:2)",
                "",
                "Thread 0",
                "  #add        : 10",
                "  #remove     : 20",
                "  #contains   : 30",
                "  #found      : 5",
                "Thread 1",
                "  #add        : 1",
                "  #remove     : 2",
                "  #contains   : 3",
                "  #found      : 1",
                "#### B ####",
                "Kernel Level Benchmark END",
                "Set size      : 9 (expected: 9)",
                "thread 53 endDuration      : 500 (ms)",
                "#read ops     : 33 (66.0 / s)",
                "xapic: Initializing LAPIC (CPU 1)",
                "#update ops   : 33 (66.0 / s)",
                "************ RCU ***************",
                "$ ");
        ParseResult r = parser.parse(t, SRC);
        assertEquals(List.of(), r.warnings());
        BenchmarkRun run = r.runs().get(0);
        assertEquals(RunStatus.COMPLETE, run.status());
        assertEquals("rcu", run.sync());
        assertEquals(new RunParameters(2, 10, 4, 500, 500, 20), run.parameters());
        assertEquals(new RunCounters(66, 33, 33, 11L, 22L, 6L), run.counters());
        assertEquals(new RunRates(132.0, 66.0, 66.0), run.rates());
    }

    @Test
    void runCutOffByAHangIsKeptAsIncompleteWithItsParameters() {
        String t = String.join("\r\n",
                "$ hlbench_rcu 15 5000 1000 10000 500 10000",
                "6 Option is inserted",
                "",
                "#### mvcc bench ####",
                "-Nb threads   : 15",
                "-Initial size : 5000",
                "-Buckets      : 1000",
                "-Duration     : 10000",
                "-Update rate  : 500",
                "-range        : 10000",
                "-Set type     : hash-list",
                "initialize 5000 nodes...done",
                "initializing URCU finished, node_size: 8200",
                "Creating 15 threads... done!",
                "join 15 threads...");
        ParseResult r = parser.parse(t, SRC);
        assertEquals(1, r.runs().size());
        BenchmarkRun run = r.runs().get(0);
        assertEquals(RunStatus.INCOMPLETE, run.status());
        assertEquals("rcu", run.sync());
        assertEquals(new RunParameters(15, 5000, 1000, 10000, 500, 10000), run.parameters());
        assertNull(run.counters());
        assertNull(run.sizeCheck());
        assertEquals("cut off: the output ends", run.note());
        assertFalse(run.succeeded());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
    }

    @Test
    void assertFailureLineMarksTheSizeCheckAsFailed() {
        String t = String.join("\r\n",
                "$ hlbench_spin 1 100 10 1000 200 200",
                "6 Option is inserted",
                "#### Chaned hash table for spinlock user-level ####",
                "-Nb threads   : 1", "-Initial size : 100", "-Buckets      : 10", "-Duration     : 1000",
                "-Update rate  : 200", "-range        : 200", "-Set type     : hash-list",
                "",
                "#### total ####",
                "Set size      : 98 (expected: 101)",
                "Duration      : 1000 (ms)",
                "#ops          : 1000 (1000.0 / s)",
                "#read ops     : 800 (800.0 / s)",
                "#update ops   : 200 (200.0 / s)",
                "",
                "<<<<<< ASSERT FAILURE(101!=98) <<<<<<<<",
                "benchlist end",
                "$ ");
        BenchmarkRun run = parser.parse(t, SRC).runs().get(0);
        assertEquals(RunStatus.COMPLETE, run.status());
        assertEquals(new SizeCheck(98, 101), run.sizeCheck());
        assertFalse(run.sizeCheck().passed());
        assertFalse(run.succeeded());
        assertEquals("ASSERT FAILURE(101!=98)", run.note());
        assertNull(run.counters().adds(), "no per-thread blocks were printed");
    }

    @Test
    void panicInsideARunEndsItAndIsNoted() {
        String t = String.join("\r\n",
                "$ kbench -t 4 -s 1",
                "kernel lavel benchmark start",
                "-t #threads     : 4",
                "Run Kernel Level Benchmark",
                "cpu 2: panic: log_reclaim_force: out of log space",
                "  ffffffffc0101234");
        BenchmarkRun run = parser.parse(t, SRC).runs().get(0);
        assertEquals(RunStatus.INCOMPLETE, run.status());
        assertEquals("mvrlu", run.sync(), "from the command's -s");
        assertEquals(new RunParameters(4, 32, 2, 1500, 200, 64), run.parameters(), "kbench defaults fill the gaps");
        assertEquals("cut off: kernel panic: cpu 2: panic: log_reclaim_force: out of log space", run.note());
    }

    @Test
    void rluSyncWithGarbageNameAndScriptEchoedCommands() {
        String t = String.join("\r\n",
                "$ kbench -t 1 -d 100 -s 4",
                "kernel lavel benchmark start",
                "-t #threads     : 1", "-i Initial size : 32", "-b Buckets      : 2", "-d Duration     : 100",
                "-u Update rate  : 200", "-s sync type    : 4", "-r Range        : 64",
                "RLU - FINE_GRAINED initialized [max_write_sets = -2097152]",
                "#### B ####",
                "Set size      : 32 (expected: 32)",
                "Duration      : 100 (ms)",
                "#read ops     : 80 (800.0 / s)",
                "#update ops   : 20 (200.0 / s)",
                "************ \u0001\u00ff ***************",
                "$ run_hlbench.sh",
                "-- Start a benchmark --",
                "hlbench_rlu 1 5000 1000 10000 20 10000",
                "RLU - FINE_GRAINED initialized [max_write_sets = 1]",
                "6 Option is inserted",
                "#### mvcc bench ####",
                "-Nb threads   : 1", "-Initial size : 5000", "-Buckets      : 1000", "-Duration     : 10000",
                "-Update rate  : 20", "-range        : 10000",
                "#### total ####",
                "Set size      : 5000 (expected: 5000)",
                "Duration      : 10000 (ms)",
                "#ops          : 10 (1.0 / s)",
                "#read ops     : 9 (0.9 / s)",
                "#update ops   : 1 (0.1 / s)",
                "benchlist end",
                "-- Start a benchmark --",
                "hlbench_mvrlu 1 5000 1000 10000 20 10000",
                "6 Option is inserted");
        ParseResult r = parser.parse(t, SRC);
        List<BenchmarkRun> runs = r.runs();
        assertEquals(3, runs.size(), runs.toString());
        assertEquals("rlu", runs.get(0).sync());
        assertEquals(RunStatus.COMPLETE, runs.get(0).status());
        assertEquals(new RunRates(1000.0, 800.0, 200.0), runs.get(0).rates());
        assertEquals("rlu", runs.get(1).sync());
        assertEquals("hlbench_rlu 1 5000 1000 10000 20 10000", runs.get(1).command());
        assertEquals(0.9, runs.get(1).rates().readsPerSec());
        assertEquals("mvrlu", runs.get(2).sync());
        assertEquals(RunStatus.INCOMPLETE, runs.get(2).status());
        assertEquals(new RunParameters(1, 5000, 1000, 10000, 20, 10000), runs.get(2).parameters(),
                "parameters from the echoed command line");
    }

    @Test
    void withoutACommandBannersNameTheVariant() throws Exception {
        // The real transcript with the prompt lines removed: only the programs' output.
        String noPrompts = String.join("\n", realTranscript().replace("\r", "").lines()
                .filter(l -> !l.startsWith("$ ")).toList());
        List<BenchmarkRun> runs = parser.parse(noPrompts, SRC).runs();
        assertEquals(List.of("spinlock", "mvrlu", "rcu", "spin-chain", "mvrlu", "rcu", "rlu", "spin"),
                runs.stream().map(BenchmarkRun::sync).toList());
        assertTrue(runs.stream().allMatch(x -> x.status() == RunStatus.COMPLETE && x.command() == null));
    }

    @Test
    void inconsistentOrPartialCountersAreNotTrusted() {
        String t = String.join("\n",
                "$ hlbench_spin 2 10 1 1000 200 20",
                "6 Option is inserted",
                "#### Chaned hash table for spinlock user-level ####",
                "-Nb threads   : 2", "-Initial size : 10", "-Buckets      : 1", "-Duration     : 1000",
                "-Update rate  : 200", "-range        : 20",
                "####result####",
                "Thread 0", "  #add        : 1", "  #remove     : 1", "  #contains   : 8", "  #found      : 4",
                "#### total ####",
                "Set size      : 10 (expected: 10)",
                "#ops          : 20 (20.0 / s)",
                "#read ops     : 16 (16.0 / s)",
                "#update ops   : 4 (4.0 / s)",
                "benchlist end",
                "$ hlbench_spin 1 10 1 1000 200 20",
                "6 Option is inserted",
                "#### Chaned hash table for spinlock user-level ####",
                "-Nb threads   : 1", "-Initial size : 10", "-Buckets      : 1", "-Duration     : 1000",
                "-Update rate  : 200", "-range        : 20",
                "#### total ####",
                "Set size      : 10 (expected: 10)",
                "#ops          : 21 (21.0 / s)",
                "#read ops     : 16 (16.0 / s)",
                "#update ops   : 4 (4.0 / s)",
                "benchlist end");
        ParseResult r = parser.parse(t, SRC);
        BenchmarkRun partial = r.runs().get(0);
        assertEquals(RunStatus.COMPLETE, partial.status());
        assertNull(partial.counters().adds(), "only 1 of 2 thread blocks");
        assertEquals(20, partial.counters().ops());
        BenchmarkRun bad = r.runs().get(1);
        assertEquals(RunStatus.INCOMPLETE, bad.status());
        assertNotNull(bad.note());
        assertTrue(bad.note().contains("#ops 21 != reads + updates 20"), bad.note());
        assertEquals(3, r.warnings().size(), r.warnings().toString());
    }
}
