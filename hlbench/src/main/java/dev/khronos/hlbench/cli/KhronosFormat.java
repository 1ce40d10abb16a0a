package dev.khronos.hlbench.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.khronos.hlbench.engine.ClockInfo;
import dev.khronos.hlbench.engine.EngineStats;
import dev.khronos.hlbench.engine.ThreadCounters;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.mvrlu.DomainConfig;
import dev.khronos.mvrlu.RluStats;
import dev.khronos.mvrlu.engine.MvRluConfig;
import dev.khronos.mvrlu.engine.Timestamping;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lines KhronOS's {@code hlbench_*} and {@code kbench} print (khronos-reference.md §1.6,
 * §2.3), so JVM logs parse with the same tools ({@code doc/tool/to_json.py}, os-integration's
 * parser). Rates divide by the measured duration; the nominal duration is printed as KhronOS
 * does, with the measured one beside it.
 *
 * <p>Thread-safety: stateless, thread-safe (the stream is the caller's).
 */
public final class KhronosFormat {
    /** The hlbench header of every variant except spin. */
    public static final String MVCC_HEADER = "#### mvcc bench ####";
    /** The hlbench header of {@code hlbench_spin} (sic). */
    public static final String SPIN_HEADER = "#### Chaned hash table for spinlock user-level ####";

    private KhronosFormat() {
    }

    /**
     * KhronOS's rate: integer part, a dot and one decimal digit (truncated), e.g. {@code 939940.0}.
     *
     * @param perSecond the rate
     * @return the text
     */
    public static String rate(double perSecond) {
        long tenths = (long) Math.floor(perSecond * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** @return {@code "<count> (<rate> / s)"} */
    public static String countAndRate(long count, double perSecond) {
        return count + " (" + rate(perSecond) + " / s)";
    }

    /**
     * The lines a run with snapshot readers adds after {@code #update ops} (none without readers),
     * each starting with {@code #snapshot} so that the KhronOS lines above, which stay the
     * updaters' own, parse as before:
     * {@code #snapshot readers : N (not in #ops; ...)}, {@code #snapshots        : count (rate / s)}
     * and {@code #snapshot size()  : ...}, which says whether the set's {@code size()} is a true
     * snapshot ({@code IntSet#snapshotSize()}) or a sum of parts.
     *
     * @param r the run
     * @return the lines, empty without snapshot readers
     */
    public static List<String> snapshotLines(WorkloadResult r) {
        int n = r.config().snapshotReaders();
        if (n == 0) {
            return List.of();
        }
        return List.of(
                "#snapshot readers : " + n + " (not in #ops: the lines above count the " + r.config().threads()
                        + " updater thread(s) only)",
                "#snapshots        : " + countAndRate(r.snapshots(), r.perSecond(r.snapshots())),
                "#snapshot size()  : " + (r.trueSnapshot()
                        ? "a true snapshot (" + r.setName() + " counts in one consistent view)"
                        : "not a snapshot (" + r.setName() + " sums its parts; exact only when quiescent)"));
    }

    /** The per-thread block: {@code Thread i} and the four counters. */
    public static void threadBlocks(PrintStream out, List<ThreadCounters> threads) {
        for (int i = 0; i < threads.size(); i++) {
            ThreadCounters t = threads.get(i);
            out.println("Thread " + i);
            out.println("  #add        : " + t.add());
            out.println("  #remove     : " + t.remove());
            out.println("  #contains   : " + t.contains());
            out.println("  #found      : " + t.found());
        }
    }

    /** {@code Set size      : X (expected: Y)}. */
    public static String setSizeLine(WorkloadResult r) {
        return "Set size      : " + r.actualSize() + " (expected: " + r.expectedSize() + ")";
    }

    /** {@code Duration      : N (ms)} and the measured duration beside it. */
    public static String durationLine(WorkloadResult r) {
        return "Duration      : " + r.config().durationMs() + " (ms), measured "
                + String.format(Locale.ROOT, "%.1f", r.measuredMs()) + " (ms)";
    }

    /** The mismatch line, printed after an empty line: {@code <<<<<< ASSERT FAILURE(exp!=size) <<<<<<<<}. */
    public static String assertFailureLine(WorkloadResult r) {
        return "<<<<<< ASSERT FAILURE(" + r.expectedSize() + "!=" + r.actualSize() + ") <<<<<<<<";
    }

    /** The rule lines of the C libraries' {@code *_print_stats} banners. */
    static final String RULE_EQ = "=================================================";
    static final String RULE_DASH = "-------------------------------------------------";

    /**
     * The engine statistics block (KhronOS {@code RLU_PRINT_STATS}) without the configuration;
     * prefer {@link #statsBlock(PrintStream, RluStats, DomainConfig, ClockInfo)}.
     */
    public static void statsBlock(PrintStream out, RluStats stats) {
        statsBlock(out, stats, null, null);
    }

    /**
     * The banner without the domain's clock: the timestamping line follows the configuration
     * ({@link MvRluConfig#clock()}) and the ORDO bound is left out; prefer
     * {@link #statsBlock(PrintStream, RluStats, DomainConfig, ClockInfo)}.
     */
    public static void statsBlock(PrintStream out, RluStats stats, DomainConfig config) {
        statsBlock(out, stats, config, null);
    }

    /**
     * The engine banner KhronOS's {@code RLU_PRINT_STATS} prints after the per-thread blocks;
     * nothing for a set outside the RLU family ({@code RCU_PRINT_STATS} is empty in C too).
     *
     * <ul>
     *   <li><b>MV-RLU</b> ({@code mvrlu_print_stats} of {@code mvrlu.c}): the configuration part,
     *       {@code MV-RLU configuration:} and {@code print_config}'s lines, with this engine's
     *       values: {@code MVRLU_ORDO_TIMESTAMPING = 1} when the domain's clock is an ORDO clock
     *       ({@code RluDomain#clock()}, as KhronOS, which builds with ORDO), followed by
     *       {@code ORDO_BOUNDARY = N (ns, measured)} (or {@code configured}): the domain's
     *       uncertainty bound, which C compiles in as {@code __ORDO_BOUNDARY} in cycles and does
     *       not print; {@code MVRLU_ORDO_TIMESTAMPING = 0} for the logical clock.
     *       {@code MVRLU_LOG_SIZE}, {@code MVRLU_LOG_LOW_MARK}, {@code MVRLU_LOG_HIGH_MARK} come from
     *       {@link MvRluConfig#logCapacity()}, {@link MvRluConfig#lowMarkVersions()} and
     *       {@link MvRluConfig#highMarkVersions()}, followed by {@code (versions)}: the JVM log
     *       holds versions, the C log bytes (KhronOS: 131072, 65536, 98304 bytes), so the numbers
     *       are not comparable and the suffix says so. Then the statistics part C prints only when
     *       built with {@code MVRLU_ENABLE_STATS} (KhronOS is not): {@code MV-RLU statistics:} and
     *       one {@code "  %30s = %lu"} line per counter, every counter of the engine in its order.</li>
     *   <li><b>RLU</b> ({@code rlu_print_stats} of KhronOS {@code lib/rlu.c}): its lines for the
     *       counters this engine has ({@code t_starts} = {@code n_starts}, ...), with C's spacing.
     *       {@code t_writeback_q_iters} and {@code a_writeback_q_iters} are left out: the engine
     *       counts no write-back queue iterations. The engine's other counters (Java only, or not
     *       printed by C) follow after one more dashed rule, as {@code "  name = value"}, before
     *       the closing rule. (KhronOS at HEAD prints the banner with no counter lines at all.)</li>
     *   <li>Any other engine: {@code <ENGINE> statistics:} and {@code "  name = value"} lines.</li>
     * </ul>
     *
     * @param stats  the engine's statistics, or {@code null} (prints nothing)
     * @param config the engine's configuration ({@link EngineStats#config}), or {@code null}
     * @param clock  the domain's clock ({@link ClockInfo#of}), or {@code null} (then the
     *               configuration decides the timestamping line and no bound is printed)
     */
    public static void statsBlock(PrintStream out, RluStats stats, DomainConfig config, ClockInfo clock) {
        if (stats == null) {
            return;
        }
        String engine = stats.engine().toLowerCase(Locale.ROOT);
        if (engine.equals("mvrlu")) {
            mvrluBlock(out, stats, config, clock);
        } else if (engine.equals("rlu")) {
            rluBlock(out, stats);
        } else {
            out.println(RULE_EQ);
            out.println(stats.engine().toUpperCase(Locale.ROOT) + " statistics:");
            out.println(RULE_DASH);
            stats.asMap().forEach((k, v) -> out.println("  " + k + " = " + v));
            out.println(RULE_DASH);
        }
    }

    private static void mvrluBlock(PrintStream out, RluStats stats, DomainConfig config, ClockInfo clock) {
        out.println(RULE_EQ);
        out.println("MV-RLU configuration:");
        out.println(RULE_DASH);
        boolean ordo = clock != null ? clock.ordo()
                : config instanceof MvRluConfig && ((MvRluConfig) config).clock() == Timestamping.ORDO;
        out.println("  MVRLU_ORDO_TIMESTAMPING = " + (ordo ? 1 : 0));
        if (clock != null && clock.ordo()) {
            out.println("  ORDO_BOUNDARY = " + clock.boundNanos() + " (ns, " + (clock.boundMeasured() ? "measured" : "configured") + ")");
        }
        if (config instanceof MvRluConfig) {
            MvRluConfig c = (MvRluConfig) config;
            out.println("  MVRLU_LOG_SIZE = " + c.logCapacity() + " (versions)");
            out.println("  MVRLU_LOG_LOW_MARK = " + c.lowMarkVersions() + " (versions)");
            out.println("  MVRLU_LOG_HIGH_MARK = " + c.highMarkVersions() + " (versions)");
        }
        out.println(RULE_DASH);
        out.println("MV-RLU statistics:");
        out.println(RULE_DASH);
        stats.asMap().forEach((k, v) -> out.println(String.format(Locale.ROOT, "  %30s = %d", k, v)));
        out.println(RULE_DASH);
    }

    /**
     * {@code rlu_print_stats}'s counter lines: the text before the value (with C's spacing), the
     * engine counter, and whether a dashed rule comes first.
     */
    private static final String[][] RLU_LINES = {
        {"  t_starts = ", "n_starts", ""},
        {"  t_finish = ", "n_finish", ""},
        {"  t_writers = ", "n_writers", ""},
        {"  t_writer_writebacks = ", "n_writer_writeback", "rule"},
        {"  t_pure_readers         = ", "n_pure_readers", ""},
        {"  t_steals               = ", "n_steals", ""},
        {"  t_aborts               = ", "n_aborts", ""},
        {"  t_sync_requests        = ", "n_sync_requests", ""},
        {"  t_sync_and_writeback   = ", "n_sync_and_writeback", ""},
    };

    private static void rluBlock(PrintStream out, RluStats stats) {
        Map<String, Long> m = stats.asMap();
        out.println(RULE_EQ);
        out.println("RLU statistics:");
        out.println(RULE_DASH);
        Set<String> printed = new HashSet<>();
        for (String[] line : RLU_LINES) {
            if (!line[2].isEmpty()) {
                out.println(RULE_DASH);
            }
            Long v = m.get(line[1]);
            if (v != null) {
                out.println(line[0] + v);
                printed.add(line[1]);
            }
        }
        boolean first = true;
        for (Map.Entry<String, Long> e : m.entrySet()) {
            if (!printed.contains(e.getKey())) {
                if (first) {
                    out.println(RULE_DASH);
                    first = false;
                }
                out.println("  " + e.getKey() + " = " + e.getValue());
            }
        }
        out.println(RULE_EQ);
    }

    /**
     * The line the Citrus URCU's {@code urcu_init} prints in KhronOS {@code hlbench_rcu}, after
     * {@code initialize N nodes...done} and before {@code Creating N threads...}:
     * {@code initializing URCU finished, node_size: N}, here with {@link #rcuNodeSize()}.
     */
    public static String rcuInitLine() {
        return "initializing URCU finished, node_size: " + rcuNodeSize();
    }

    /**
     * An <em>estimate</em> of the shallow size in bytes of one list node of the RCU baseline
     * ({@code RcuHashSet.Node}: an {@code int} key and a reference to the next node) in the JVM
     * running this: object header (12 bytes with compressed class pointers, else 16) + 4 (the
     * key) + the reference (4 with compressed oops, else 8), rounded up to the object alignment
     * ({@code ObjectAlignmentInBytes}, 8 by default). The flags are read from the HotSpot
     * diagnostic bean; on a JVM without it the estimate assumes the 64-bit HotSpot defaults for a
     * heap under 32 GB (both compressions on, 8-byte alignment). The usual result is 24 (and 32
     * with {@code -XX:-UseCompressedClassPointers -XX:-UseCompressedOops}). It is not measured.
     *
     * <p>Not comparable with the C number: KhronOS prints {@code sizeof(rcu_node)}, the URCU's
     * per-thread record (a time stamp, a free-pointer count and array, padding; 8200 bytes in the
     * KhronOS console transcript), not the size of a list node; the JVM baseline has no such
     * record (its readers are sections of an MV-RLU domain).
     *
     * @return the estimate in bytes
     */
    public static int rcuNodeSize() {
        return RcuNodeSize.VALUE;
    }

    /** Computed once, on first use (reading VM flags is not free). */
    private static final class RcuNodeSize {
        static final int VALUE = estimate();

        private static int estimate() {
            boolean compressedClass = true;
            boolean compressedOops = true;
            int alignment = 8;
            try {
                HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                if (hs != null) {
                    compressedClass = Boolean.parseBoolean(hs.getVMOption("UseCompressedClassPointers").getValue());
                    compressedOops = Boolean.parseBoolean(hs.getVMOption("UseCompressedOops").getValue());
                    alignment = Integer.parseInt(hs.getVMOption("ObjectAlignmentInBytes").getValue());
                }
            } catch (RuntimeException | LinkageError e) {
                // not HotSpot (or a flag is missing): keep the defaults above
            }
            return shallowSize(compressedClass ? 12 : 16, 4, compressedOops ? 4 : 8, alignment);
        }
    }

    /**
     * @return {@code header + int field + reference field}, rounded up to {@code alignment}
     *         (exact for an object with one {@code int} and one reference: the {@code int} fills
     *         the gap a 12-byte header leaves before an 8-byte reference)
     */
    static int shallowSize(int header, int intBytes, int refBytes, int alignment) {
        int raw = header + intBytes + refBytes;
        return (raw + alignment - 1) / alignment * alignment;
    }
}
