package dev.khronos.hlbench.compare;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs hlbench compare makes: issue 11's command lines, in interleaved rounds. */
class ComparePlanTest {
    @Test
    void issue11sCommandLinesInInterleavedRounds() {
        List<PlannedRun> plan = ComparePlan.build(CompareSettings.issue11());
        // per round: 5 syncs x 2 threads x 3 updates + 2 (seq) + 2 (chm) + 4 (snapshot) + 1 (gc)
        assertEquals(2 * (30 + 2 + 2 + 4 + 1), plan.size());
        List<String> round1 = plan.stream().filter(r -> r.round() == 1).map(PlannedRun::command).collect(Collectors.toList());
        assertEquals(List.of(
                "hlbench mvrlu 1 5000 1000 5000 20 10000", "hlbench rlu 1 5000 1000 5000 20 10000",
                "hlbench rcu 1 5000 1000 5000 20 10000", "hlbench spin 1 5000 1000 5000 20 10000",
                "hlbench chm 1 5000 1000 5000 20 10000"), round1.subList(0, 5));
        assertTrue(round1.contains("hlbench mvrlu 2 5000 1000 5000 500 10000"));
        assertTrue(round1.contains("hlbench seq 1 5000 1000 5000 0 10000"));
        assertTrue(round1.contains("hlbench chm -a -n 2 -i 5000 -b 5000 -d 5000 -u 20 -r 10000"));
        assertTrue(round1.contains("hlbench rlu 1 5000 1000 5000 500 10000 --snapshot-readers 1"));
        assertEquals("hlbench mvrlu 2 5000 1000 10000 500 10000", round1.get(round1.size() - 1));
        PlannedRun gc = plan.stream().filter(PlannedRun::gcLog).findFirst().orElseThrow();
        assertEquals(CompareGroup.GC, gc.group());
        assertEquals(10000, gc.durationMs());
        assertEquals(2, plan.stream().filter(PlannedRun::gcLog).count(), "one GC run per round");

        // round 2 runs the same points with the syncs of each point in reverse order
        List<String> round2 = plan.stream().filter(r -> r.round() == 2).map(PlannedRun::command).collect(Collectors.toList());
        assertEquals(List.of(
                "hlbench chm 1 5000 1000 5000 20 10000", "hlbench spin 1 5000 1000 5000 20 10000",
                "hlbench rcu 1 5000 1000 5000 20 10000", "hlbench rlu 1 5000 1000 5000 20 10000",
                "hlbench mvrlu 1 5000 1000 5000 20 10000"), round2.subList(0, 5));
        assertEquals(round1.stream().sorted().collect(Collectors.toList()), round2.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void theClockGoesToTheMvrluRunsOnlyAndOnlyGroupsSelectsGroups() {
        CompareSettings s = new CompareSettings(3, 100, 300, List.of(1), List.of(200), "ordo",
                EnumSet.of(CompareGroup.RCU, CompareGroup.GC));
        List<PlannedRun> plan = ComparePlan.build(s);
        assertEquals(3 * (5 + 1), plan.size());
        for (PlannedRun r : plan) {
            assertEquals(r.sync().equals("mvrlu"), r.command().endsWith(" --clock ordo"), r.command());
            assertTrue(r.group() == CompareGroup.RCU || r.group() == CompareGroup.GC);
        }
        assertEquals("hlbench mvrlu 2 5000 1000 300 500 10000 --clock ordo",
                plan.stream().filter(PlannedRun::gcLog).findFirst().orElseThrow().command());
        assertFalse(plan.stream().anyMatch(r -> r.args().contains("--snapshot-readers")));
        assertFalse(plan.stream().anyMatch(r -> r.args().contains("--warmup-ms")), "no warm-up unless asked");
    }

    @Test
    void aWarmupGoesToEveryRunButTheGcGroupsWhoseShareOfPausesIsOfTheWholeRun() {
        CompareSettings s = new CompareSettings(2, 100, 300, List.of(1), List.of(20), null,
                EnumSet.allOf(CompareGroup.class), 2500);
        List<PlannedRun> plan = ComparePlan.build(s);
        for (PlannedRun r : plan) {
            assertEquals(!r.gcLog(), r.command().endsWith(" --warmup-ms 2500"), r.command());
        }
        assertTrue(plan.stream().anyMatch(PlannedRun::gcLog));
        assertThrows(IllegalArgumentException.class, () -> new CompareSettings(1, 100, 300, List.of(1), List.of(20),
                null, EnumSet.of(CompareGroup.RCU), -1));
    }
}
