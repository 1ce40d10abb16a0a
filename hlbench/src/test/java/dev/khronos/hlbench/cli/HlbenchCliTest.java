package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.BrokenIntSet;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultFiles;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.mvrlu.engine.MvRluConfig;
import dev.khronos.structures.spi.RluEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.khronos.hlbench.cli.CliTestSupport.assertLines;
import static dev.khronos.hlbench.cli.CliTestSupport.assertUsageError;
import static dev.khronos.hlbench.cli.CliTestSupport.hlbench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HlbenchCliTest {
    static final String N = "\\d+";
    static final String RATE = "\\d+ \\(\\d+\\.\\d / s\\)";

    @BeforeAll
    static void registerBroken() {
        SetFactory.register("broken", b -> new BrokenIntSet());
    }

    static List<String> threadBlock(int i) {
        return List.of("Thread " + i, "  #add        : " + N, "  #remove     : " + N, "  #contains   : " + N, "  #found      : " + N);
    }

    static List<String> totals(String duration) {
        return List.of("", "#### total ####", "Set size      : (\\d+) \\(expected: \\1\\)",
                "Duration      : " + duration + " \\(ms\\), measured \\d+\\.\\d \\(ms\\)",
                "#ops          : " + RATE, "#read ops     : " + RATE, "#update ops   : " + RATE, "benchlist end");
    }

    @Test
    void mvrluPrintsEveryKhronosLine() {
        CliTestSupport.Result r = hlbench("mvrlu", "2", "100", "10", "60", "200", "200");
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(List.of("6 Option is inserted", "", "#### mvcc bench ####",
                "-Nb threads   : 2", "-Initial size : 100", "-Buckets      : 10", "-Duration     : 60",
                "-Update rate  : 200", "-range        : 200", "-Set type     : hash-list",
                "initialize 100 nodes\\.\\.\\.done", "Creating 2 threads\\.\\.\\. done!", "join 2 threads\\.\\.\\.",
                "thread 0 end", "thread 1 end", " done!", "", "####result####"));
        p.addAll(threadBlock(0));
        p.addAll(threadBlock(1));
        MvRluConfig d = MvRluConfig.defaults();
        p.addAll(List.of(EQ, "MV-RLU configuration:", DASH,
                "  MVRLU_ORDO_TIMESTAMPING = 0",
                "  MVRLU_LOG_SIZE = " + d.logCapacity() + " \\(versions\\)",
                "  MVRLU_LOG_LOW_MARK = " + d.lowMarkVersions() + " \\(versions\\)",
                "  MVRLU_LOG_HIGH_MARK = " + d.highMarkVersions() + " \\(versions\\)",
                DASH, "MV-RLU statistics:", DASH, "...", DASH));
        p.addAll(totals("60"));
        assertLines(r.lines(), p);
        checkSums(r.out());
        // between the statistics rules: one "  %30s = %lu" line per counter, n_starts first
        List<String> stats = between(r.lines(), "MV-RLU statistics:", 1);
        assertTrue(stats.size() >= 10, stats.toString());
        assertTrue(stats.get(0).matches(" {24}n_starts = [1-9]\\d*"), stats.get(0));
        for (String l : stats) {
            assertTrue(l.matches("  +[a-z_]+ = \\d+") && l.indexOf(" = ") == 32, "'" + l + "'");
        }
    }

    static final String EQ = "=================================================";
    static final String DASH = "-------------------------------------------------";

    /** The MV-RLU banner's configuration lines for a clock: ORDO adds its measured bound. */
    static List<String> mvrluConfigLines(boolean ordo) {
        MvRluConfig d = MvRluConfig.defaults();
        List<String> p = new ArrayList<>(List.of(EQ, "MV-RLU configuration:", DASH,
                "  MVRLU_ORDO_TIMESTAMPING = " + (ordo ? 1 : 0)));
        if (ordo) {
            p.add("  ORDO_BOUNDARY = [1-9]\\d* \\(ns, measured\\)");
        }
        p.addAll(List.of("  MVRLU_LOG_SIZE = " + d.logCapacity() + " \\(versions\\)",
                "  MVRLU_LOG_LOW_MARK = " + d.lowMarkVersions() + " \\(versions\\)",
                "  MVRLU_LOG_HIGH_MARK = " + d.highMarkVersions() + " \\(versions\\)",
                DASH, "MV-RLU statistics:", DASH, "...", DASH));
        return p;
    }

    /** --clock in both forms: the banner reads the domain's clock, the record keeps it; the property is put back. */
    @ParameterizedTest
    @CsvSource({"ordo, khronos", "logical, khronos", "ordo, rlu", "logical, rlu", "ORDO, khronos"})
    void clockFlagChoosesTheMvRluClockInBothForms(String clock, String form, @TempDir Path dir) {
        List<String> args = form.equals("khronos")
                ? new ArrayList<>(List.of("mvrlu", "1", "50", "5", "30", "200", "100"))
                : new ArrayList<>(List.of("mvrlu", "-n", "1", "-i", "50", "-b", "5", "-d", "30", "-u", "200", "-r", "100"));
        args.addAll(List.of("--clock", clock, "--out", dir.toString()));
        CliTestSupport.Result r = hlbench(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        boolean ordo = clock.equalsIgnoreCase("ordo");
        List<String> p = new ArrayList<>(List.of("...", "####result####"));
        p.addAll(threadBlock(0));
        p.addAll(mvrluConfigLines(ordo));
        p.addAll(totals("30"));
        assertLines(r.lines(), p);
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals(ordo ? "ordo" : "logical", run.parameters().clock());
        if (ordo) {
            long bound = sum(r.out(), "  ORDO_BOUNDARY = (\\d+)");
            assertEquals(bound, run.parameters().clockBoundNs(), "the record has the bound the banner printed");
        } else {
            assertEquals(null, run.parameters().clockBoundNs());
        }
        assertEquals(null, System.getProperty(dev.khronos.mvrlu.engine.MvRlu.CLOCK_PROPERTY));
    }

    @Test
    void withoutTheFlagTheBannerShowsTheDefaultLogicalClock() {
        CliTestSupport.Result r = hlbench("mvrlu", "1", "20", "2", "10", "200", "40");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.lines().contains("  MVRLU_ORDO_TIMESTAMPING = 0"), r.out());
        assertFalse(r.out().contains("ORDO_BOUNDARY"), r.out());
    }

    /** Snapshot readers: the #ops lines stay the workers' own; three #snapshot lines follow; the record has both. */
    @ParameterizedTest
    @CsvSource({"mvrlu, a true snapshot \\(mvrlu-hash\\(10\\) counts in one consistent view\\)",
        "spin, not a snapshot \\(spin\\(10\\) sums its parts; exact only when quiescent\\)"})
    void snapshotReadersAddLabelledLinesAfterTheUpdatersOwn(String sync, String kind, @TempDir Path dir) {
        CliTestSupport.Result r = hlbench(sync, "1", "100", "10", "60", "500", "200", "--snapshot-readers", "1",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(List.of("10 Option is inserted", "...", "Creating 1 threads\\.\\.\\. done!",
                "join 1 threads\\.\\.\\.", "thread 0 end", " done!", "", "####result####"));
        p.addAll(threadBlock(0));
        p.addAll(List.of("...", "#### total ####", "Set size      : (\\d+) \\(expected: \\1\\)",
                "Duration      : 60 \\(ms\\), measured \\d+\\.\\d \\(ms\\)",
                "#ops          : " + RATE, "#read ops     : " + RATE, "#update ops   : " + RATE,
                "#snapshot readers : 1 \\(not in #ops: the lines above count the 1 updater thread\\(s\\) only\\)",
                "#snapshots        : [1-9]\\d* \\(\\d+\\.\\d / s\\)",
                "#snapshot size\\(\\)  : " + kind, "benchlist end"));
        assertLines(r.lines(), p);
        checkSums(r.out());
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals(1, run.parameters().snapshotReaders());
        assertEquals(sum(r.out(), "#snapshots        : (\\d+)"), run.counters().snapshots());
        assertTrue(run.rates().snapshotsPerSec() > 0);
        assertEquals(sum(r.out(), "#ops          : (\\d+)"), run.counters().ops(), "ops are the updaters' own");
    }

    /** The lines after the line {@code after} (skipping {@code skip} more) up to the next rule. */
    static List<String> between(List<String> lines, String after, int skip) {
        int i = lines.indexOf(after) + 1 + skip;
        assertTrue(i > skip, "no '" + after + "'");
        List<String> out = new ArrayList<>();
        while (!lines.get(i).equals(DASH) && !lines.get(i).equals(EQ)) {
            out.add(lines.get(i++));
        }
        return out;
    }

    @Test
    void rcuPrintsTheUrcuLineWhereKhronosUrcuInitDoes() {
        CliTestSupport.Result r = hlbench("rcu", "2", "100", "10", "40", "200", "200");
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(List.of("6 Option is inserted", "", "#### mvcc bench ####",
                "-Nb threads   : 2", "-Initial size : 100", "-Buckets      : 10", "-Duration     : 40",
                "-Update rate  : 200", "-range        : 200", "-Set type     : hash-list",
                "initialize 100 nodes\\.\\.\\.done",
                "initializing URCU finished, node_size: " + KhronosFormat.rcuNodeSize(),
                "Creating 2 threads\\.\\.\\. done!", "join 2 threads\\.\\.\\.",
                "thread 0 end", "thread 1 end", " done!", "", "####result####"));
        p.addAll(threadBlock(0));
        p.addAll(threadBlock(1));
        p.addAll(totals("40"));   // RCU_PRINT_STATS prints nothing
        assertLines(r.lines(), p);
    }

    @Test
    void onlyRcuPrintsTheUrcuLine() {
        for (String sync : List.of("spin", "mvrlu", "seq")) {
            CliTestSupport.Result r = hlbench(sync, "1", "10", "2", "1", "200", "20");
            assertEquals(0, r.code(), r.err());
            assertFalse(r.out().contains("URCU"), sync);
        }
    }

    /** #read ops = sum of #contains, #update ops = sum of #add + #remove, #ops = both. */
    static void checkSums(String out) {
        long contains = sum(out, "  #contains   : (\\d+)");
        long updates = sum(out, "  #add        : (\\d+)") + sum(out, "  #remove     : (\\d+)");
        assertEquals(contains, sum(out, "#read ops     : (\\d+)"));
        assertEquals(updates, sum(out, "#update ops   : (\\d+)"));
        assertEquals(contains + updates, sum(out, "#ops          : (\\d+)"));
    }

    static long sum(String out, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex).matcher(out);
        long s = 0;
        while (m.find()) {
            s += Long.parseLong(m.group(1));
        }
        return s;
    }

    @Test
    void spinPrintsItsOwnHeaderAndNoStats() {
        CliTestSupport.Result r = hlbench("spin", "1", "10", "2", "30", "500", "20");
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines(), spinRunOf30Ms(6));
    }

    /**
     * The expected output of {@code spin 1 10 2 30 500 20} given {@code options} options:
     * {@code afterDuration} are the banner lines between {@code -Duration} and {@code -Update rate}.
     */
    private static List<String> spinRunOf30Ms(int options, String... afterDuration) {
        List<String> p = new ArrayList<>(List.of(options + " Option is inserted", "", "#### Chaned hash table for spinlock user-level ####",
                "-Nb threads   : 1", "-Initial size : 10", "-Buckets      : 2", "-Duration     : 30"));
        p.addAll(List.of(afterDuration));
        p.addAll(List.of("-Update rate  : 500", "-range        : 20", "-Set type     : hash-list",
                "initialize 10 nodes\\.\\.\\.done", "Creating 1 threads\\.\\.\\. done!", "join 1 threads\\.\\.\\.",
                "thread 0 end", " done!", "", "####result####"));
        p.addAll(threadBlock(0));
        p.addAll(totals("30"));
        return p;
    }

    /** --warmup-ms: one banner line after -Duration, totals of the measured duration, the length in the record. */
    @Test
    void aWarmupAddsOneBannerLineAndIsRecorded(@TempDir Path dir) {
        CliTestSupport.Result r = hlbench("spin", "1", "10", "2", "30", "500", "20", "--warmup-ms", "40",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines(), spinRunOf30Ms(10, "-Warm-up      : 40 \\(ms, untimed, before the duration\\)"));
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals("40", run.parameters().extra().get("warmup_ms"));
        assertEquals(30, run.parameters().durationMs(), "the duration is the measured one");
    }

    @Test
    void khronosDefaults() {
        CliTestSupport.Result r = hlbench("seq");
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines().subList(0, 10), List.of("0 Option is inserted", "", "#### mvcc bench ####",
                "-Nb threads   : 1", "-Initial size : 32", "-Buckets      : 1", "-Duration     : 1000",
                "-Update rate  : 200", "-range        : 64", "-Set type     : hash-list"));
    }

    @Test
    void rluFormDefaultsAndAlternation(@TempDir Path dir) {
        CliTestSupport.Result r = hlbench("seq", "-d", "30", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines().subList(2, 10), List.of("#### mvcc bench ####",
                "-Nb threads   : 1", "-Initial size : 256", "-Buckets      : 1", "-Duration     : 30",
                "-Update rate  : 200", "-range        : 512", "-Set type     : hash-list"));
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals("alternate", run.parameters().extra().get("update_mode"));
        assertEquals("rlu", run.parameters().extra().get("form"));
    }

    @Test
    void rluFormFlagsAndTAlias(@TempDir Path dir) {
        CliTestSupport.Result r = hlbench("mvrlu", "-t", "2", "-d", "30", "-i", "50", "-r", "100", "-b", "5", "-u", "300",
                "-a", "-s", "77", "-z", "0.5", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("-Nb threads   : 2\n-Initial size : 50\n-Buckets      : 5\n-Duration     : 30\n"
                + "-Update rate  : 300\n-range        : 100\n"), r.out());
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals("parity", run.parameters().extra().get("update_mode"));
        assertEquals("77", run.parameters().extra().get("seed"));
        assertEquals("0.5", run.parameters().extra().get("zipf"));
    }

    @Test
    void outAppendsARecordOsIntegrationCanMatch(@TempDir Path dir) {
        assertEquals(0, hlbench("rcu", "2", "100", "10", "30", "200", "200", "--out", dir.toString()).code());
        assertEquals(0, hlbench("spin", "1", "100", "10", "30", "20", "200", "--out", dir.toString()).code());
        List<BenchmarkRun> runs = ResultFiles.load(dir);
        assertEquals(2, runs.size());
        BenchmarkRun run = runs.get(0);
        assertEquals("hlbench", run.benchmark());
        assertEquals("rcu", run.sync());
        assertEquals(SourceKind.JVM, run.source().kind());
        assertEquals(200, run.parameters().updatePermille());
        assertEquals(2, run.parameters().threads());
        assertTrue(run.succeeded());
        assertTrue(run.measuredDurationMs() >= 25);
        assertEquals(run.counters().ops(), run.counters().reads() + run.counters().updates());
    }

    @Test
    void aBrokenStructureFailsTheSizeCheckWithANonZeroExit(@TempDir Path dir) {
        CliTestSupport.Result r = hlbench("broken", "1", "50", "1", "40", "500", "100", "--out", dir.toString());
        assertEquals(Cli.FAILED, r.code());
        List<String> lines = r.lines();
        int n = lines.size();
        assertTrue(Pattern.matches("Set size      : (\\d+) \\(expected: (\\d+)\\)", lines.get(n - 8)), lines.get(n - 8));
        assertEquals("", lines.get(n - 3));
        Matcher m = Pattern.compile("<<<<<< ASSERT FAILURE\\((\\d+)!=(\\d+)\\) <<<<<<<<").matcher(lines.get(n - 2));
        assertTrue(m.matches(), lines.get(n - 2));
        assertTrue(Long.parseLong(m.group(1)) > Long.parseLong(m.group(2)), "expected > actual");
        assertEquals("benchlist end", lines.get(n - 1));
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertFalse(run.sizeCheck().passed());
        assertFalse(run.succeeded());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                  | missing SYNC",
        "nosuch                            | unknown sync 'nosuch'",
        "mvrlu 0                           | threads must be > 0, got 0",
        "mvrlu 1 x                         | initial (argument 2) must be an integer, got 'x'",
        "mvrlu 1 32 0                      | buckets must be in 1..2048",
        "mvrlu 1 32 4096                   | buckets must be in 1..2048",
        "mvrlu 1 32 1 100 1001             | update_permille must be in 0..1000, got 1001",
        "mvrlu 1 100 1 100 200 50          | range must be > 0 and >= initial (100), got 50",
        "mvrlu 1 32 1 100 200 64 7         | at most 6 numbers after SYNC",
        "seq 2                             | seq has no synchronisation and runs on one thread only",
        "seq -n 2                          | seq has no synchronisation and runs on one thread only",
        "mvrlu -n 0                        | -n (threads) must be > 0, got 0",
        "mvrlu -d=-5                       | -d (duration, ms) must be >= 0, got -5",
        "mvrlu -b 0                        | -b (buckets) must be >= 1, got 0",
        "mvrlu -u 1001                     | -u (update rate, per mille) must be in 0..1000, got 1001",
        "mvrlu -i 10 -r 5                  | -r (range) must be > 0 and >= -i (10), got 5",
        "mvrlu -a -i 10 -r 30              | -a (no alternation) needs -r = 2 x -i (20)",
        "mvrlu -z 1.5                      | -z (Zipf theta) must be in [0, 1), got 1.5",
        "mvrlu -w 0 -d 1                   | -w (RLU deferral depth) must be >= 1, got 0",
        "mvrlu 2 -n 2                      | not both",
        "mvrlu --clock gclk                | --clock must be logical or ordo, got 'gclk'",
        "mvrlu -n 1 --clock=               | --clock must be logical or ordo, got ''",
        "mvrlu --snapshot-readers -1       | --snapshot-readers must be >= 0, got -1",
        "mvrlu --warmup-ms -1              | --warmup-ms must be >= 0, got -1",
        "compare --warmup-ms -5            | --warmup-ms must be >= 0, got -5",
        "sweep --warmup-ms -2              | --warmup-ms must be >= 0, got -2",
        "seq --snapshot-readers 1          | seq has no synchronisation: it cannot run snapshot readers",
        "sweep --clock x                   | --clock must be logical or ordo, got 'x'",
        "setbench list --clock x           | --clock must be logical or ordo, got 'x'",
        "listmove mvrlu --clock x          | --clock must be logical or ordo, got 'x'",
        "compare --clock x                 | --clock must be logical or ordo, got 'x'",
        "compare --only rcu,bogus          | unknown group 'bogus' in --only; groups: rcu, seq, chm, snapshot, gc",
        "compare --rounds 0                | --rounds must be >= 1, got 0",
        "compare --duration-ms 0           | --duration-ms must be > 0, got 0",
        "compare --update 1001             | --update values must be in 0..1000 (per mille), got [1001]",
        "compare --threads 0               | --threads values must be > 0, got [0]",
        "mvrlu -n abc                      | Invalid value for option '--num-threads'",
        "mvrlu --bogus                     | Unknown option: '--bogus'",
        "sweep --update 2000               | --update values must be in 0..1000 (per mille), got 2000",
        "sweep --sync nosuch               | unknown sync 'nosuch' in --sync",
        "sweep --threads 0                 | --threads values must be > 0, got 0",
        "sweep --initial 100 --range 50    | --range values must be > 0 and >= every --initial (100), got 50",
        "setbench nosuch                   | unknown sync 'nosuch'",
        "setbench list -r 5 -i 10          | -r (range) must be > 0 and >= -i (10), got 5",
        "listmove chm                      | listmove syncs are mvrlu, rlu and spin, got 'chm'",
        "listmove spin -u 2000             | -u (update rate, per mille) must be in 0..1000, got 2000",
    })
    void usageErrorsAreOneLineWithExitTwo(String args, String message) {
        String[] a = args == null ? new String[0] : args.trim().split("\\s+");
        assertUsageError(hlbench(a), message);
    }

    @Test
    void rluWithoutItsEngineIsAOneLineError() {
        if (RluEngines.available().contains("rlu")) {
            CliTestSupport.Result r = hlbench("rlu", "1", "10", "2", "20", "200", "20");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("RLU - FINE_GRAINED initialized [max_write_sets = 1]\n"));
            List<String> p = new ArrayList<>(List.of("RLU - FINE_GRAINED initialized \\[max_write_sets = 1\\]",
                    "6 Option is inserted", "", "#### mvcc bench ####", "...", "####result####"));
            p.addAll(threadBlock(0));
            // rlu_print_stats (KhronOS lib/rlu.c), for the counters the engine has
            p.addAll(List.of(EQ, "RLU statistics:", DASH,
                    "  t_starts = [1-9]\\d*", "  t_finish = [1-9]\\d*", "  t_writers = " + N, DASH,
                    "  t_writer_writebacks = " + N,
                    "  t_pure_readers         = " + N, "  t_steals               = " + N,
                    "  t_aborts               = " + N, "  t_sync_requests        = " + N,
                    "  t_sync_and_writeback   = " + N,
                    DASH, "...", EQ));
            p.addAll(totals("20"));
            assertLines(r.lines(), p);
            // after the C lines, the engine's other counters, under their own names
            List<String> extra = between(r.lines(), "  t_sync_and_writeback   = " + sum(r.out(), "  t_sync_and_writeback   = (\\d+)"), 1);
            assertFalse(extra.isEmpty());
            for (String l : extra) {
                assertTrue(l.matches("  n_[a-z_]+ = \\d+"), l);
            }
            return;
        }
        assertUsageError(hlbench("rlu", "1", "10", "2", "20"), "needs the classic RLU engine (module mvrlu-rlu)");
    }

    @Test
    void listSyncsNamesSeqAndTheRegistry() {
        CliTestSupport.Result r = hlbench("--list-syncs");
        assertEquals(0, r.code());
        for (String s : List.of("seq", "mvrlu", "rlu", "rcu", "spin", "spinchain", "harris", "chm", "cslm", "nbhm", "rwlock", "tree", "list")) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(s) + " ").matcher(r.out()).find(), s);
        }
    }

    static final String F6 = "\\d+\\.\\d{6}";

    /** benchmark_list.c's header: its printf formats, with the run's parameters. */
    static List<String> setbenchHeader(int d, int n, int i, int r, int u, int zipf, String zipfVal) {
        return List.of("List benchmark", "Test time:     " + d, "Thread number: " + n, "Initial size:  " + i,
                "Value range:   " + r, "Update Ratio:  " + u + "/1000", "Zipf dist:     " + zipf,
                "Zipf dist val: " + zipfVal, "STARTING THREADS\\.\\.\\.", "STOPPING THREADS\\.\\.\\.");
    }

    /** benchmark_list.c's closing block, trailing spaces included. */
    static List<String> setbenchEnds(String txn, String abort) {
        return List.of("List benchmark ends:", "  duration: " + N + " ms", "  ops:      " + N + " \\(" + F6 + "/s\\)",
                "  txn:      " + txn + " \\(" + F6 + "/s\\)", "  abort_ratio:      " + F6 + " ", "  abort:      " + abort + " ");
    }

    static String threadLine(int i) {
        return "Thread " + i + ": ins " + N + ", del " + N + ", find " + N;
    }

    @Test
    void setbenchPrintsBenchmarkListLinesThenTheJvmOnes() {
        CliTestSupport.Result r = hlbench("setbench", "tree", "-n", "2", "-d", "50", "-i", "64", "-r", "128");
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(setbenchHeader(50, 2, 64, 128, 500, 0, "0\\.000000"));
        p.addAll(List.of(threadLine(0), threadLine(1)));
        p.addAll(setbenchEnds("[1-9]\\d*", N));
        p.addAll(List.of("Set type     : tree \\(.*\\)", "Prefill      : random, 64 keys", "Clock        : logical",
                "Duration      : 50 \\(ms\\), measured \\d+\\.\\d \\(ms\\)",
                "Set size      : (\\d+) \\(expected: \\1\\)"));
        assertLines(r.lines(), p);
        String out = r.out();
        long ops = sum(out, "Thread \\d+: ins (\\d+)") + sum(out, "Thread \\d+: ins \\d+, del (\\d+)")
                + sum(out, "Thread \\d+: ins \\d+, del \\d+, find (\\d+)");
        assertEquals(ops, sum(out, "  ops:      (\\d+)"));
        long abort = sum(out, "  abort:      (\\d+)");
        // C's ratio: abort / (ops + abort), %f
        assertTrue(r.lines().contains(String.format(java.util.Locale.ROOT, "  abort_ratio:      %f ", (double) abort / (ops + abort))), out);
        // every operation of an RLU tree opens at least one section
        assertTrue(sum(out, "  txn:      (\\d+)") >= ops, out);
    }

    @Test
    void setbenchPrintsTheZipfParameterAsC() {
        CliTestSupport.Result r = hlbench("setbench", "list", "-d", "20", "-i", "16", "-r", "64", "-u", "100", "-z", "0.5");
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(setbenchHeader(20, 1, 16, 64, 100, 1, "0\\.500000"));
        p.add(threadLine(0));
        p.addAll(setbenchEnds(N, N));
        p.add("...");
        p.add("Set size      : (\\d+) \\(expected: \\1\\)");
        assertLines(r.lines(), p);
    }

    @Test
    void setbenchOnABaselineWithoutEngineStatisticsPrintsNoTxnAndNoAborts() {
        CliTestSupport.Result r = hlbench("setbench", "cslm", "-n", "2", "-d", "30", "-i", "32", "-r", "64");
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(setbenchHeader(30, 2, 32, 64, 500, 0, "0\\.000000"));
        p.addAll(List.of(threadLine(0), threadLine(1)));
        p.addAll(List.of("List benchmark ends:", "  duration: " + N + " ms", "  ops:      " + N + " \\(" + F6 + "/s\\)",
                "  txn:      0 \\(0\\.000000/s\\)", "  abort_ratio:      0\\.000000 ", "  abort:      0 ",
                "Set type     : skip-list \\(.*\\)", "Prefill      : random, 32 keys", "...",
                "Set size      : (\\d+) \\(expected: \\1\\)"));
        assertLines(r.lines(), p);
    }

    @Test
    void setbenchOnABrokenStructureFailsTheSizeCheckWithANonZeroExit() {
        CliTestSupport.Result r = hlbench("setbench", "broken", "-d", "30", "-i", "20", "-r", "64");
        assertEquals(Cli.FAILED, r.code());
        List<String> lines = r.lines();
        int n = lines.size();
        assertTrue(lines.contains("  abort:      0 "), r.out());
        assertTrue(Pattern.matches("Set size      : (\\d+) \\(expected: (\\d+)\\)", lines.get(n - 3)), lines.get(n - 3));
        assertEquals("", lines.get(n - 2));
        Matcher m = Pattern.compile("<<<<<< ASSERT FAILURE\\((\\d+)!=(\\d+)\\) <<<<<<<<").matcher(lines.get(n - 1));
        assertTrue(m.matches(), lines.get(n - 1));
        assertTrue(Long.parseLong(m.group(1)) > Long.parseLong(m.group(2)), "expected > actual");
    }

    @Test
    void setbenchAbortRatioIsAbortOverOpsPlusAbortAsInC() {
        assertEquals(0.0, SetBenchCommand.abortRatio(0, 0));
        assertEquals(0.2, SetBenchCommand.abortRatio(25, 100));
        assertEquals("0.200000", SetBenchCommand.cFloat(SetBenchCommand.abortRatio(25, 100)));
        assertEquals("1234567.500000", SetBenchCommand.cFloat(1234567.5));
    }

    /** benchmark_list.c's lists start with every range/initial-th key; C's count when range is not a multiple. */
    @ParameterizedTest
    @CsvSource({"list, 64, 128, 2, 64", "mvrlu-list, 64, 100, 1, 100", "rlu-list, 30, 100, 3, 34"})
    void setbenchPrefillsAListWithEveryStrideThKey(String sync, int initial, int range, int stride, int keys) {
        if (sync.startsWith("rlu") && !RluEngines.available().contains("rlu")) {
            return;
        }
        CliTestSupport.Result r = hlbench("setbench", sync, "-n", "1", "-d", "30", "-u", "0",
                "-i", "" + initial, "-r", "" + range);
        assertEquals(0, r.code(), r.err());
        List<String> p = new ArrayList<>(setbenchHeader(30, 1, initial, range, 0, 0, "0\\.000000"));
        p.add("Thread 0: ins 0, del 0, find " + N);
        // read-only: no aborts
        p.addAll(setbenchEnds(N, "0"));
        p.addAll(List.of("Set type     : list \\(.*\\)",
                "Prefill      : strided \\(stride " + stride + "\\), " + keys + " keys", "...",
                "Set size      : " + keys + " \\(expected: " + keys + "\\)"));
        assertLines(r.lines(), p);
    }

    @Test
    void setbenchWithNoInitialKeysPrefillsNothing() {
        CliTestSupport.Result r = hlbench("setbench", "list", "-d", "20", "-i", "0", "-r", "64");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.lines().contains("Prefill      : none"), r.out());
    }

    @ParameterizedTest
    @CsvSource({"mvrlu, logical, Clock        : logical", "mvrlu, ordo, 'Clock        : ordo, bound [1-9]\\d* ns \\(measured\\)'",
        "spin, , "})
    void listmoveMovesAtomicallyAndReportsTheAbortRatio(String sync, String clock, String clockLine) {
        List<String> args = new ArrayList<>(List.of("listmove", sync, "-n", "2", "-d", "60", "-i", "64", "-u", "500"));
        if (clock != null) {
            args.addAll(List.of("--clock", clock));
        }
        CliTestSupport.Result r = hlbench(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err() + r.out());
        List<String> p = new ArrayList<>(List.of("List move benchmark: " + sync + ", 2 threads, 60 ms, initial 64, range 64, update 500"));
        if (clockLine != null) {
            p.add(clockLine);
        }
        p.addAll(List.of("Thread 0: " + N + " moves \\(" + N + " moved\\), " + N + " lookups \\(" + N + " found\\)",
                "Thread 1: " + N + " moves \\(" + N + " moved\\), " + N + " lookups \\(" + N + " found\\)",
                "List move benchmark ends:", "Duration     : 60 \\(ms\\), measured \\d+\\.\\d \\(ms\\)",
                "#ops         : " + RATE, "#move ops    : " + RATE, "txn          : " + N, "abort        : " + N,
                "abort_ratio  : \\d\\.\\d{6}", "Set size     : 64 \\(expected: 64\\)"));
        assertLines(r.lines(), p);
    }
}
