package dev.khronos.hlbench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Unified GC logs at level gc, as JDK 17 and 21 write them. */
class GcLogTest {
    @Test
    void g1PausesAndTheHeapAfterYoungCollections() {
        GcLog.Stats s = GcLog.parse(List.of(
                "[0.006s][info][gc] Using G1",
                "[0.950s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->6M(256M) 11.250ms",
                "[1.517s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 523M->409M(1024M) 212.118ms",
                "[1.600s][info][gc] GC(2) Concurrent Mark Cycle",
                "[1.900s][info][gc] GC(2) Pause Remark 420M->420M(1024M) 1.020ms",
                "[2.000s][info][gc] GC(2) Pause Cleanup 421M->421M(1024M) 0.130ms",
                "[2.300s][info][gc] GC(2) Concurrent Mark Cycle 700.114ms",
                "[2.500s][info][gc] GC(3) Pause Young (Mixed) (G1 Evacuation Pause) 430M->120M(1024M) 30.000ms",
                "[3.000s][info][gc] GC(4) Pause Full (G1 Compaction Pause) 200M->10M(1024M) 50.5ms"));
        assertEquals("G1", s.collector());
        assertEquals(6, s.pauses(), "concurrent phases are not pauses");
        assertEquals(11.25 + 212.118 + 1.02 + 0.13 + 30 + 50.5, s.pauseMillis(), 1e-9);
        assertEquals(212.118, s.longestPauseMillis(), 1e-9);
        assertEquals(3, s.youngCollections(), "Normal, Concurrent Start and Mixed are young collections");
        assertEquals(409L << 20, s.maxHeapAfterYoungBytes());
        assertEquals(120L << 20, s.lastHeapAfterYoungBytes());
        assertEquals(0.0305018, s.pauseShare(10_000_000_000L), 1e-9);
    }

    @Test
    void serialLogsAndOtherUnits() {
        GcLog.Stats s = GcLog.parse(List.of(
                "[0.004s][info][gc] Using Serial",
                "[0.300s][info][gc] GC(0) Pause Young (Allocation Failure) 8703K->1024K(31488K) 2.5ms",
                "[0.900s][info][gc] GC(1) Pause Young (Allocation Failure) 2G->1G(4G) 7.5ms"));
        assertEquals("Serial", s.collector());
        assertEquals(2, s.pauses());
        assertEquals(1L << 30, s.maxHeapAfterYoungBytes());
        assertEquals(7.5, s.longestPauseMillis());
    }

    @Test
    void anEmptyLogHasNothing() {
        GcLog.Stats s = GcLog.parse(List.of());
        assertNull(s.collector());
        assertEquals(0, s.pauses());
        assertEquals(0, s.youngCollections());
        assertEquals(0.0, s.pauseShare(1_000_000));
        assertEquals(0.0, s.pauseShare(0));
    }
}
