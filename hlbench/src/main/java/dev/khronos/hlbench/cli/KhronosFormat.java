package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.ThreadCounters;
import dev.khronos.hlbench.engine.WorkloadResult;
import dev.khronos.mvrlu.RluStats;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

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

    /**
     * The engine statistics block (KhronOS {@code RLU_PRINT_STATS}); nothing for a set outside the
     * RLU family.
     */
    public static void statsBlock(PrintStream out, RluStats stats) {
        if (stats == null) {
            return;
        }
        String engine = stats.engine().equalsIgnoreCase("mvrlu") || stats.engine().toLowerCase(Locale.ROOT).contains("mv")
                ? "MV-RLU" : stats.engine().toUpperCase(Locale.ROOT);
        out.println("=================================================");
        out.println(engine + " statistics:");
        out.println("-------------------------------------------------");
        stats.asMap().forEach((k, v) -> out.println("  " + k + " = " + v));
        out.println("-------------------------------------------------");
    }
}
