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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.khronos.hlbench.cli.CliTestSupport.hlbench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hlbench compare --quick} end to end on a tiny grid, each run in a fresh JVM: the tables,
 * the verdicts and the files. Speed is never asserted: only that every verdict is PASS, MISS or
 * NO_DATA and that the exit status agrees with them (the verdict logic itself is
 * {@code CompareReportTest}'s, on made-up numbers).
 */
class CompareCommandTest {
    static final String MOPS = "\\d+\\.\\d\\d";

    @Test
    void quickTinyGridForksEveryRunAndReportsTheTargets(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cmp");
        CliTestSupport.Result r = hlbench("compare", "--quick", "--rounds", "1", "--threads", "1", "--update", "500",
                "--only", "rcu,snapshot,gc", "--duration-ms", "100", "--gc-duration-ms", "300", "--clock", "ordo",
                // C1 only: the forked JVMs start faster and compete less for the CPUs (speed is not asserted)
                "--jvm-arg=-XX:TieredStopAtLevel=1", "--out", out.toString());
        String o = r.out();
        assertTrue(r.code() == 0 || r.code() == CompareCommand.MISSED, "exit " + r.code() + ": " + r.err() + o);
        assertEquals("", r.err());
        assertTrue(o.startsWith("compare: 10 runs in 1 round(s), one JVM each"), o);
        assertTrue(o.contains("[1/10] round 1, rcu: hlbench mvrlu 1 5000 1000 100 500 10000 --clock ordo: "), o);
        assertTrue(o.contains("[10/10] round 1, gc: hlbench mvrlu 2 5000 1000 300 500 10000 --clock ordo: "), o);

        assertTrue(Pattern.compile("(?m)^\\| 1, 500 \\|( " + MOPS + " \\|){5} \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\| \u2265 0\\.60 \\| (PASS|MISS) \\|$")
                .matcher(o).find(), o);
        for (String sync : List.of("mvrlu", "rlu")) {
            assertTrue(Pattern.compile("(?m)^\\| " + sync + " \\| " + MOPS + " \\| \\d+ \\| true snapshot \\|$").matcher(o).find(), o);
        }
        for (String sync : List.of("rcu", "spin")) {
            assertTrue(Pattern.compile("(?m)^\\| " + sync + " \\| " + MOPS + " \\| \\d+ \\| not a snapshot \\(sum of parts\\) \\|$")
                    .matcher(o).find(), o);
        }
        assertTrue(Pattern.compile("(?m)^Collector: \\S+").matcher(o).find(), "the GC log was read: " + o);
        assertTrue(Pattern.compile("(?m)^- clock of the mvrlu runs: ordo \\(bound [1-9]\\d* ns\\)").matcher(o).find(), o);

        // the targets table: every target of the selected groups, each with a verdict that agrees with the exit status
        Matcher m = Pattern.compile("(?m)^\\| (mvrlu/|GC: )[^|]+\\| [^|]+ \\| [^|]+ \\| (PASS|MISS|NO_DATA) \\|$").matcher(o);
        int targets = 0;
        boolean allPass = true;
        while (m.find()) {
            targets++;
            allPass &= m.group(2).equals("PASS");
        }
        assertEquals(1 + 1 + 3, targets, o);
        assertEquals(allPass ? 0 : CompareCommand.MISSED, r.code(), o);

        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.startsWith("# hlbench compare: issue 11 targets"), report);
        assertTrue(o.contains(report), "the report printed is the report written");
        List<BenchmarkRun> runs = ResultJson.readJsonLines(out.resolve("results.jsonl"));
        assertEquals(10, runs.size());
        assertEquals(runs, ResultCsv.read(out.resolve("results.csv")));
        assertTrue(runs.stream().allMatch(BenchmarkRun::succeeded));
        assertEquals(List.of("rcu", "rcu", "rcu", "rcu", "rcu", "snapshot", "snapshot", "snapshot", "snapshot", "gc"),
                runs.stream().map(x -> x.parameters().extra().get("compare_group")).collect(Collectors.toList()));
        for (BenchmarkRun run : runs) {
            // --clock goes to the mvrlu runs only; rcu (an MV-RLU read side) and rlu keep their logical clocks
            assertEquals(run.sync().equals("mvrlu") ? "ordo" : List.of("rcu", "rlu").contains(run.sync()) ? "logical" : null,
                    run.parameters().clock(), run.command());
        }
        assertEquals(List.of(1, 1, 1, 1), runs.stream().filter(x -> "snapshot".equals(x.parameters().extra().get("compare_group")))
                .map(x -> x.parameters().snapshotReaderCount()).collect(Collectors.toList()));
        assertTrue(runs.get(9).parameters().extra().containsKey("gc_pauses"), runs.get(9).toString());
        try (Stream<Path> logs = Files.list(out.resolve("logs"))) {
            List<String> names = logs.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(11, names.size(), "10 run logs and one GC log: " + names);
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-r1-gc-mvrlu-t2-u500.gc.log")), names.toString());
        }
    }
}
