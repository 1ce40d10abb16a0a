package dev.khronos.hlbench.compare;

import dev.khronos.hlbench.compare.Target.Verdict;
import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunCounters;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunRates;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SizeCheck;
import dev.khronos.hlbench.result.SourceKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Medians, ratios and verdicts of hlbench compare with made-up throughputs: the logic alone, so
 * that nothing here depends on the machine's speed.
 */
class CompareReportTest {
    static final CompareReport.Environment ENV = new CompareReport.Environment("test machine", 2, "2026-01-01 00:00");

    /** A successful run of {@code r} at {@code mops} Mops/s (and {@code snaps} snapshots/s, or null). */
    static RunOutcome ok(PlannedRun r, double mops, Double snaps, GcLog.Stats gc, long wallNanos) {
        long ops = (long) (mops * 1e6);
        Map<String, String> extra = new HashMap<>();
        if (snaps != null) {
            extra.put("snapshot_size", r.sync().equals("rcu") || r.sync().equals("spin") ? "sum-of-parts" : "snapshot");
        }
        BenchmarkRun run = new BenchmarkRun("hlbench", r.sync(), new RunParameters(r.threads(), 5000, 1000, r.durationMs(),
                r.update(), 10000, snaps == null ? null : 1, r.sync().equals("mvrlu") ? "ordo" : null,
                r.sync().equals("mvrlu") ? 992L : null, extra),
                new RunCounters(ops, ops, 0, null, null, null, snaps == null ? null : (long) (double) snaps),
                new RunRates(ops, ops, 0, snaps), 1000L, new SizeCheck(5000, 5000),
                new RunSource(SourceKind.JVM, "m", 2, null, null), RunStatus.COMPLETE, r.command(), null);
        return new RunOutcome(r, run, null, gc, wallNanos);
    }

    static RunOutcome failed(PlannedRun r) {
        return new RunOutcome(r, null, "exit 1: hlbench: run failed: boom", null, 1_000_000_000L);
    }

    /** Outcomes for every planned run, with throughput from {@code mops} (per run) and no GC log. */
    static List<RunOutcome> outcomes(CompareSettings s, ToDoubleFunction<PlannedRun> mops, GcLog.Stats gc) {
        List<RunOutcome> out = new ArrayList<>();
        for (PlannedRun r : ComparePlan.build(s)) {
            out.add(ok(r, mops.applyAsDouble(r), r.group() == CompareGroup.SNAPSHOT ? 100.0 : null,
                    r.gcLog() ? gc : null, 10_000_000_000L));
        }
        return out;
    }

    static final GcLog.Stats QUIET_GC = new GcLog.Stats("G1", 4, 100, 20, 4, 8L << 20, 6L << 20);

    /** rcu 10 Mops/s everywhere; mvrlu at {@code ratio} x the reference of each target. */
    static double exactly(PlannedRun r, double rcuRatio, double otherRatio) {
        if (!r.sync().equals("mvrlu")) {
            return 10;
        }
        switch (r.group()) {
            case RCU:
                return 10 * rcuRatio;
            case SNAPSHOT:
                return 30;                         // 3 x rlu's 10
            default:
                return 10 * otherRatio;
        }
    }

    @Test
    void medianIsTheMiddleOrTheMeanOfTheTwoMiddles() {
        assertEquals(2.0, CompareReport.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, CompareReport.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(5.0, CompareReport.median(java.util.Arrays.asList(5.0, null)));
        assertNull(CompareReport.median(List.of()));
    }

    @Test
    void targetsMetExactlyPass() {
        CompareSettings s = CompareSettings.issue11();
        // mvrlu/rcu exactly 0.85 at 20 per mille would pass; give 0.85 everywhere: 20 passes, 200 and 500 too
        CompareReport r = new CompareReport(s, outcomes(s, run -> exactly(run, 0.85, 0.8), QUIET_GC), ENV);
        List<Target.Result> t = r.targets();
        assertEquals(6 + 1 + 1 + 1 + 3, t.size());
        assertTrue(t.stream().allMatch(x -> x.verdict() == Verdict.PASS), t.toString());
        assertEquals(0, r.exitStatus());
        String md = r.markdown();
        assertTrue(md.contains("| 1, 20 | 8.50 | 10.00 | 10.00 | 10.00 | 10.00 | 0.85 | 0.85 | \u2265 0.85 | PASS |"), md);
        assertTrue(md.contains("| 2, 500 | 8.50 | 10.00 | 10.00 | 10.00 | 10.00 | 0.85 | 0.85 | \u2265 0.60 | PASS |"), md);
        assertTrue(md.contains("| 1, 0 | 8.00 | 10.00 | 0.80 | \u2265 0.80 | PASS |"), md);
        assertTrue(md.contains("| 2, 20 | 8.00 | 10.00 | 0.80 | \u2265 0.80 | PASS |"), md);
        assertTrue(md.contains("| mvrlu | 30.00 | 100 | true snapshot |"), md);
        assertTrue(md.contains("| rcu | 10.00 | 100 | not a snapshot (sum of parts) |"), md);
        assertTrue(md.contains("| mvrlu/rlu updaters, 1 snapshot reader + 1 updater, 500\u2030 | 3.00 | \u2265 3.00 | PASS |"), md);
        assertTrue(md.contains("| GC: share of wall time in pauses (worst run) | 1.0% | < 2.0% | PASS |"), md);
        assertTrue(md.contains("| GC: longest pause (worst run) | 20.0 ms | \u2264 30.0 ms | PASS |"), md);
        assertTrue(md.contains("| GC: heap after a young collection (largest) | 8.0 MB | < 32.0 MB | PASS |"), md);
        assertTrue(md.contains("| 1 | 8.00 | 10.0 s | 4 | 100.0 ms | 1.0% | 20.0 ms | 4 | 8.0 MB | 6.0 MB |"), md);
        assertTrue(md.contains("- clock of the mvrlu runs: ordo (bound 992 ns)"), md);
        assertTrue(md.contains("12 of 12 targets PASS, 0 MISS."), md);
    }

    @Test
    void justBelowATargetIsAMissAndTheStatusSaysSo() {
        CompareSettings s = CompareSettings.issue11();
        // 0.849 of rcu: misses 0.85 at 20 per mille, passes 0.6 at 200 and 500
        CompareReport r = new CompareReport(s, outcomes(s, run -> exactly(run, 0.849, 0.79),
                new GcLog.Stats("G1", 20, 200, 30.5, 20, 409L << 20, 409L << 20)), ENV);
        Map<String, Verdict> v = r.targets().stream().collect(Collectors.toMap(x -> x.target().name(), Target.Result::verdict));
        assertEquals(Verdict.MISS, v.get("mvrlu/rcu, 1 thread, 20\u2030"));
        assertEquals(Verdict.MISS, v.get("mvrlu/rcu, 2 threads, 20\u2030"));
        assertEquals(Verdict.PASS, v.get("mvrlu/rcu, 1 thread, 200\u2030"));
        assertEquals(Verdict.PASS, v.get("mvrlu/rcu, 2 threads, 500\u2030"));
        assertEquals(Verdict.MISS, v.get("mvrlu/seq, 1 thread, 0\u2030"));
        assertEquals(Verdict.MISS, v.get("mvrlu/chm, 2 threads, 20\u2030, buckets = initial"));
        // 200 ms of pauses in 10 s is exactly 2 %: the target is strictly below
        assertEquals(Verdict.MISS, v.get("GC: share of wall time in pauses (worst run)"));
        assertEquals(Verdict.MISS, v.get("GC: longest pause (worst run)"));
        assertEquals(Verdict.MISS, v.get("GC: heap after a young collection (largest)"));
        assertEquals(3, r.exitStatus());
        assertTrue(r.markdown().contains("| 1, 20 | 8.49 | 10.00 | 10.00 | 10.00 | 10.00 | 0.85 | 0.85 | \u2265 0.85 | MISS |"),
                "printed rounded, judged exactly: " + r.markdown());
    }

    @Test
    void ratiosUseTheMediansOfTheRoundsAndOddUpdateRatesHaveNoTarget() {
        CompareSettings s = new CompareSettings(3, 100, 100, List.of(1), List.of(20, 100), null, EnumSet.of(CompareGroup.RCU));
        // mvrlu's three rounds: 5, 9, 100 (median 9); rcu's: 10, 10, 10
        CompareReport r = new CompareReport(s, outcomes(s, run -> run.sync().equals("mvrlu")
                ? new double[] {5, 9, 100}[run.round() - 1] : 10, null), ENV);
        assertEquals(9e6, r.medianOps(CompareGroup.RCU, "mvrlu", 1, 20), 1);
        List<Target.Result> t = r.targets();
        assertEquals(1, t.size(), "no target at 100 per mille");
        assertEquals(0.9, t.get(0).measured(), 1e-9);
        assertEquals(Verdict.PASS, t.get(0).verdict());
        assertTrue(r.markdown().contains("| 1, 100 | 9.00 | 10.00 | 10.00 | 10.00 | 10.00 | 0.90 | 0.90 | - | - |"), r.markdown());
        assertTrue(r.markdown().contains("3 interleaved rounds of 100 ms runs"), r.markdown());
    }

    @Test
    void aFailedRunLeavesTheMedianOfTheOthersAndFailsTheCommand() {
        CompareSettings s = new CompareSettings(2, 100, 100, List.of(1), List.of(20), null,
                EnumSet.of(CompareGroup.RCU, CompareGroup.SEQ));
        List<RunOutcome> out = new ArrayList<>();
        for (PlannedRun run : ComparePlan.build(s)) {
            boolean fail = run.sync().equals("seq") || (run.sync().equals("rcu") && run.round() == 2);
            out.add(fail ? failed(run) : ok(run, run.sync().equals("mvrlu") ? 9 : 10, null, null, 1));
        }
        CompareReport r = new CompareReport(s, out, ENV);
        assertEquals(0.9, r.targets().get(0).measured(), 1e-9, "rcu's one good round");
        assertEquals(Verdict.NO_DATA, r.targets().get(1).verdict(), "every seq run failed");
        assertEquals("n/a", r.targets().get(1).measuredText());
        assertEquals(3, r.failedRuns().size());
        assertEquals(1, r.exitStatus());
        String md = r.markdown();
        assertTrue(md.contains("## Failed runs"), md);
        assertTrue(md.contains("- round 2: `hlbench rcu 1 5000 1000 100 20 10000`: exit 1: hlbench: run failed: boom"), md);
        assertTrue(md.contains("| 1, 0 | 9.00 | n/a | n/a | \u2265 0.80 | NO_DATA |"), md);
        assertTrue(md.contains("1 of 2 targets PASS, 0 MISS, 1 NO_DATA."), md);
    }

    @Test
    void aSizeCheckFailureIsAFailedRun() {
        PlannedRun p = ComparePlan.build(new CompareSettings(1, 100, 100, List.of(1), List.of(20), null,
                EnumSet.of(CompareGroup.SEQ))).get(0);
        RunOutcome good = ok(p, 1, null, null, 1);
        BenchmarkRun bad = good.record().withNote(null);
        bad = new BenchmarkRun(bad.benchmark(), bad.sync(), bad.parameters(), bad.counters(), bad.rates(),
                bad.measuredDurationMs(), new SizeCheck(4999, 5000), bad.source(), bad.status(), bad.command(), null);
        RunOutcome o = new RunOutcome(p, bad, "size check failed (5000 != 4999)", null, 1);
        assertTrue(good.ok());
        assertTrue(!o.ok());
        assertNull(o.opsPerSec());
    }
}
