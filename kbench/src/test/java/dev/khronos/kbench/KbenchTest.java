package dev.khronos.kbench;

import dev.khronos.hlbench.cli.Cli;
import dev.khronos.hlbench.engine.BrokenIntSet;
import dev.khronos.hlbench.engine.SetFactory;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultFiles;
import dev.khronos.structures.spi.RluEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class KbenchTest {
    static final String N = "\\d+";
    static final String RATE = "\\d+ \\(\\d+\\.\\d / s\\)";

    record Result(int code, String out, String err) {
        List<String> lines() {
            String[] l = out.split("\n", -1);
            return List.of(l).subList(0, l.length - 1);
        }
    }

    static Result kbench(Kbench cmd, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
        int code = cmd == null ? Kbench.run(args, out, err) : Cli.execute("kbench", cmd, args, out, err);
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Result kbench(String... args) {
        return kbench(null, args);
    }

    @BeforeAll
    static void registerBroken() {
        SetFactory.register("kbench-broken", b -> new BrokenIntSet());
    }

    static List<String> golden(int threads, int initial, int buckets, long d, int u, int s, int r, String name, boolean failure) {
        List<String> p = new ArrayList<>(List.of("kernel lavel benchmark start",
                "-t #threads     : " + threads, "-i Initial size : " + initial, "-b Buckets      : " + buckets,
                "-d Duration     : " + d, "-u Update rate  : " + u, "-s sync type    : " + s, "-r Range        : " + r,
                "Benchmark type  : hash-list", "Run Kernel Level Benchmark",
                "initialize " + initial + " nodes\\.\\.\\.done", "Main thread ID: " + N, "Creating " + threads + " threads\\.\\.\\."));
        for (int i = 0; i < threads; i++) {
            p.add("Thread created 0x[0-9a-f]+\\(c:" + N + ", s:" + threads + "\\)");
            p.add("");
        }
        p.add("start bench!");
        for (int i = 0; i < threads; i++) {
            p.add("thread " + N + " Start");
        }
        p.add("join " + threads + " threads\\.\\.\\.");
        for (int i = 0; i < threads; i++) {
            p.add("thread " + N + " end");
        }
        p.add(" done!");
        for (int i = 0; i < threads; i++) {
            p.addAll(List.of("Thread " + i, "  #add        : " + N, "  #remove     : " + N, "  #contains   : " + N,
                    "  #found      : " + N));
        }
        p.addAll(List.of("Kernel Level Benchmark END", "", "#### B ####",
                failure ? "Set size      : " + N + " \\(expected: " + N + "\\)" : "Set size      : (\\d+) \\(expected: \\1\\)",
                "Duration      : " + d + " \\(ms\\), measured \\d+\\.\\d \\(ms\\)",
                "#read ops     : " + RATE, "#update ops   : " + RATE));
        if (failure) {
            p.add("");
            p.add("<<<<<< ASSERT FAILURE\\((\\d+)!=(\\d+)\\) <<<<<<<<");
        }
        p.add("\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\* " + Pattern.quote(name) + " \\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*");
        return p;
    }

    static void assertLines(List<String> lines, List<String> patterns) {
        if (lines.size() != patterns.size()) {
            fail(patterns.size() + " lines expected, got " + lines.size() + ":\n" + String.join("\n", lines));
        }
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(Pattern.matches(patterns.get(i), lines.get(i)),
                    "line " + (i + 1) + " '" + lines.get(i) + "' !~ /" + patterns.get(i) + "/\n" + String.join("\n", lines));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, SPINLOCK", "1, MVRLU", "2, RCU", "3, SPIN CHAIN"})
    void everyLineKhronosPrints(int s, String name) {
        Result r = kbench("-t", "2", "-d", "60", "-s", "" + s);
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines(), golden(2, 32, 2, 60, 200, s, 64, name, false));
        long reads = sum(r.out(), "  #contains   : (\\d+)");
        long updates = sum(r.out(), "  #add        : (\\d+)") + sum(r.out(), "  #remove     : (\\d+)");
        assertEquals(reads, sum(r.out(), "#read ops     : (\\d+)"));
        assertEquals(updates, sum(r.out(), "#update ops   : (\\d+)"));
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
    void syncFourIsRluAndPrintsItsName() {
        Result r = kbench("-t", "1", "-d", "40", "-s", "4");
        if (RluEngines.available().contains("rlu")) {
            assertEquals(0, r.code(), r.err());
            assertLines(r.lines(), golden(1, 32, 2, 40, 200, 4, 64, "RLU", false));
        } else {
            assertEquals(2, r.code());
            assertTrue(r.err().strip().endsWith("needs the classic RLU engine (module mvrlu-rlu), which is not on the class path"));
        }
    }

    @Test
    void defaults(@TempDir Path dir) {
        Result r = kbench("--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines(), golden(4, 32, 2, 1500, 200, 0, 64, "SPINLOCK", false));
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals("kbench", run.benchmark());
        assertEquals("spinlock", run.sync());
        assertEquals(4, run.parameters().threads());
        assertEquals(1500, run.parameters().durationMs());
        assertTrue(run.succeeded());
    }

    /** --clock sets MV-RLU's clock before the set is made; the output stays KhronOS's, the record keeps the clock. */
    @ParameterizedTest
    @CsvSource({"1, ordo", "1, logical", "2, ordo"})
    void clockIsRecordedButNotPrinted(int s, String clock, @TempDir Path dir) {
        Result r = kbench("-t", "1", "-d", "30", "-s", "" + s, "--clock", clock, "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines(), golden(1, 32, 2, 30, 200, s, 64, s == 1 ? "MVRLU" : "RCU", false));
        BenchmarkRun run = ResultFiles.load(dir).get(0);
        assertEquals(clock, run.parameters().clock());
        assertEquals(clock.equals("ordo"), run.parameters().clockBoundNs() != null);
        assertTrue(run.command().endsWith(" --clock " + clock), run.command());
        assertEquals(null, System.getProperty("khronos.mvrlu.clock"), "the property is put back");
    }

    @Test
    void allFlags() {
        Result r = kbench("-t", "1", "-i", "10", "-b", "3", "-d", "30", "-u", "0", "-s", "3", "-r", "20");
        assertEquals(0, r.code(), r.err());
        assertLines(r.lines(), golden(1, 10, 3, 30, 0, 3, 20, "SPIN CHAIN", false));
        assertTrue(r.out().contains("#update ops   : 0 (0.0 / s)"));
    }

    @Test
    void aBrokenStructureFailsTheSizeCheckWithANonZeroExit() {
        Result r = kbench(new Kbench(new PrintStream(new ByteArrayOutputStream()), "kbench-broken"), "-t", "1", "-d", "40", "-u", "500");
        // the command above printed into a discarded stream; run again capturing
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
        int code = Cli.execute("kbench", new Kbench(out, "kbench-broken"), new String[] {"-t", "1", "-d", "40", "-u", "500"},
                out, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(Cli.FAILED, r.code());
        assertEquals(Cli.FAILED, code);
        String text = o.toString(StandardCharsets.UTF_8);
        String[] l = text.split("\n");
        assertLines(List.of(l), golden(1, 32, 2, 40, 500, 0, 64, "SPINLOCK", true));
        Matcher m = Pattern.compile("ASSERT FAILURE\\((\\d+)!=(\\d+)\\)").matcher(text);
        assertTrue(m.find());
        Matcher size = Pattern.compile("Set size      : (\\d+) \\(expected: (\\d+)\\)").matcher(text);
        assertTrue(size.find());
        assertEquals(size.group(2), m.group(1), "expected first, as KhronOS");
        assertEquals(size.group(1), m.group(2));
        assertFalse(m.group(1).equals(m.group(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-t 0               | -t (#threads) must be > 0, got 0",
        "-i=-1              | -i (initial size) must be >= 0, got -1",
        "-b 0               | -b (buckets) must be >= 1 and < -r (range 64), got 0",
        "-b 64              | -b (buckets) must be >= 1 and < -r (range 64), got 64",
        "-d=-1              | -d (duration, ms) must be >= 0, got -1",
        "-u 1001            | -u (update rate, per mille) must be in 0..1000, got 1001",
        "-r 16 -b 2         | -r (range) must be > 0 and >= -i (initial 32), got 16",
        "-s 5               | -s (sync type) must be 0:spinlock 1:mvrlu 2:rcu+seqlock 3:spin chain 4:rlu, got 5",
        "-s=-1              | -s (sync type) must be 0:spinlock",
        "4                  | kbench takes no positional arguments",
        "-t x               | Invalid value for option '-t'",
        "-x                 | Unknown option: '-x'",
        "-s 1 --clock tsc   | --clock must be logical or ordo, got 'tsc'",
    })
    void invalidArgumentsAreOneLineNamingTheRuleWithExitTwo(String args, String message) {
        Result r = kbench(args.trim().split("\\s+"));
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("kbench: "), lines[0]);
        assertTrue(lines[0].contains(message), lines[0] + " should contain " + message);
    }
}
