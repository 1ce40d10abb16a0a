package dev.khronos.hlbench.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.mvrlu.engine.MvRluConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden lines of the engine banners and the URCU line, against the C sources' formats. */
class KhronosFormatTest {
    static final String EQ = "=================================================";
    static final String DASH = "-------------------------------------------------";

    static List<String> print(Consumer<PrintStream> body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
        body.accept(out);
        String s = o.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n", -1)).subList(0, s.split("\n", -1).length - 1);
    }

    static Map<String, Long> counters(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    /** mvrlu.c mvrlu_print_stats + print_config, then the MVRLU_ENABLE_STATS part ("  %30s = %lu"). */
    @Test
    void mvrluBannerHasTheConfigurationLinesAndTheStatistics() {
        RluStats stats = new RluStats("mvrlu", counters("n_starts", 12, "n_aborts", 3, "n_qp_zombie_reclaim", 0));
        MvRluConfig config = MvRluConfig.defaults().withLogCapacity(1000);
        assertEquals(List.of(EQ,
                "MV-RLU configuration:",
                DASH,
                "  MVRLU_ORDO_TIMESTAMPING = 0",
                "  MVRLU_LOG_SIZE = 1000 (versions)",
                "  MVRLU_LOG_LOW_MARK = 500 (versions)",
                "  MVRLU_LOG_HIGH_MARK = 750 (versions)",
                DASH,
                "MV-RLU statistics:",
                DASH,
                "                        n_starts = 12",
                "                        n_aborts = 3",
                "             n_qp_zombie_reclaim = 0",
                DASH), print(out -> KhronosFormat.statsBlock(out, stats, config)));
    }

    /** The domain's clock decides the timestamping line; an ORDO clock adds its bound, labelled honestly. */
    @Test
    void mvrluBannerPrintsTheDomainsClock() {
        RluStats stats = new RluStats("mvrlu", counters("n_starts", 1));
        MvRluConfig config = MvRluConfig.defaults().withLogCapacity(1000);
        List<String> tail = List.of("  MVRLU_LOG_SIZE = 1000 (versions)", "  MVRLU_LOG_LOW_MARK = 500 (versions)",
                "  MVRLU_LOG_HIGH_MARK = 750 (versions)", DASH, "MV-RLU statistics:", DASH,
                "                        n_starts = 1", DASH);
        List<String> ordo = new java.util.ArrayList<>(List.of(EQ, "MV-RLU configuration:", DASH,
                "  MVRLU_ORDO_TIMESTAMPING = 1", "  ORDO_BOUNDARY = 992 (ns, measured)"));
        ordo.addAll(tail);
        assertEquals(ordo, print(out -> KhronosFormat.statsBlock(out, stats, config,
                new dev.khronos.hlbench.engine.ClockInfo("ordo", 992, true))));
        assertEquals("  ORDO_BOUNDARY = 50 (ns, configured)", print(out -> KhronosFormat.statsBlock(out, stats, config,
                new dev.khronos.hlbench.engine.ClockInfo("ordo", 50, false))).get(4));
        List<String> logical = new java.util.ArrayList<>(List.of(EQ, "MV-RLU configuration:", DASH,
                "  MVRLU_ORDO_TIMESTAMPING = 0"));
        logical.addAll(tail);
        assertEquals(logical, print(out -> KhronosFormat.statsBlock(out, stats, config,
                new dev.khronos.hlbench.engine.ClockInfo("logical", 0, false))));
        // without the domain's clock, the configuration decides and no bound is printed
        assertEquals("  MVRLU_ORDO_TIMESTAMPING = 1", print(out -> KhronosFormat.statsBlock(out, stats,
                config.withClock(dev.khronos.mvrlu.engine.Timestamping.ORDO))).get(3));
    }

    @Test
    void mvrluBannerWithoutAnMvRluConfigLeavesOutTheLogLines() {
        RluStats stats = new RluStats("mvrlu", counters("n_starts", 1));
        assertEquals(List.of(EQ, "MV-RLU configuration:", DASH, "  MVRLU_ORDO_TIMESTAMPING = 0", DASH,
                "MV-RLU statistics:", DASH, "                        n_starts = 1", DASH),
                print(out -> KhronosFormat.statsBlock(out, stats)));
    }

    /** KhronOS lib/rlu.c rlu_print_stats, with its spacing; the engine's other counters after one more rule. */
    @Test
    void rluBannerUsesTheCLinesForTheCountersItHas() {
        RluStats stats = new RluStats("rlu", counters("n_starts", 10, "n_finish", 9, "n_writers", 4,
                "n_writer_writeback", 5, "n_pure_readers", 6, "n_aborts", 1, "n_steals", 2, "n_writer_sync_waits", 7,
                "n_sync_requests", 3, "n_sync_and_writeback", 8, "n_fast_path", 11));
        assertEquals(List.of(EQ,
                "RLU statistics:",
                DASH,
                "  t_starts = 10",
                "  t_finish = 9",
                "  t_writers = 4",
                DASH,
                "  t_writer_writebacks = 5",
                "  t_pure_readers         = 6",
                "  t_steals               = 2",
                "  t_aborts               = 1",
                "  t_sync_requests        = 3",
                "  t_sync_and_writeback   = 8",
                DASH,
                "  n_writer_sync_waits = 7",
                "  n_fast_path = 11",
                EQ), print(out -> KhronosFormat.statsBlock(out, stats, null)));
    }

    @Test
    void rluBannerWithOnlyCCountersHasNoExtraRule() {
        RluStats stats = new RluStats("rlu", counters("n_starts", 1, "n_aborts", 0));
        assertEquals(List.of(EQ, "RLU statistics:", DASH, "  t_starts = 1", DASH, "  t_aborts               = 0", EQ),
                print(out -> KhronosFormat.statsBlock(out, stats, null)));
    }

    @Test
    void anotherEngineGetsTheGenericBlockAndNoStatsNothing() {
        RluStats stats = new RluStats("other", counters("n_x", 4));
        assertEquals(List.of(EQ, "OTHER statistics:", DASH, "  n_x = 4", DASH),
                print(out -> KhronosFormat.statsBlock(out, stats, null)));
        assertEquals(List.of(), print(out -> KhronosFormat.statsBlock(out, null, null)));
    }

    @Test
    void shallowSizeIsHeaderPlusFieldsAlignedUp() {
        assertEquals(24, KhronosFormat.shallowSize(12, 4, 4, 8));   // compressed class pointers and oops
        assertEquals(24, KhronosFormat.shallowSize(12, 4, 8, 8));   // -XX:-UseCompressedOops
        assertEquals(32, KhronosFormat.shallowSize(16, 4, 8, 8));   // neither
        assertEquals(32, KhronosFormat.shallowSize(12, 4, 4, 16));  // -XX:ObjectAlignmentInBytes=16
    }

    @Test
    void rcuLineHasKhronosFormatAndThisJvmsEstimate() {
        HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean cc = Boolean.parseBoolean(hs.getVMOption("UseCompressedClassPointers").getValue());
        boolean co = Boolean.parseBoolean(hs.getVMOption("UseCompressedOops").getValue());
        int align = Integer.parseInt(hs.getVMOption("ObjectAlignmentInBytes").getValue());
        int expected = KhronosFormat.shallowSize(cc ? 12 : 16, 4, co ? 4 : 8, align);
        assertEquals(expected, KhronosFormat.rcuNodeSize());
        assertEquals("initializing URCU finished, node_size: " + expected, KhronosFormat.rcuInitLine());
        if (cc && co && align == 8) {
            assertEquals(24, expected);
        }
    }
}
