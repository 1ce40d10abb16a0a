package dev.khronos.hlbench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a HotSpot unified GC log at level {@code gc} ({@code -Xlog:gc:file=F}, JDK 9+), e.g.
 * <pre>
 * [0.006s][info][gc] Using G1
 * [1.517s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 523M-&gt;409M(1024M) 212.118ms
 * [2.010s][info][gc] GC(4) Pause Remark 420M-&gt;420M(1024M) 1.020ms
 * [2.300s][info][gc] GC(4) Concurrent Mark Cycle 350.114ms
 * </pre>
 * A pause is a line with {@code Pause} and a trailing duration (G1, Parallel, Serial; Shenandoah's
 * and ZGC's pause lines too where they are logged at this level); concurrent phases are not
 * pauses. The heap after a young collection is the {@code ->AFTER(} size of a
 * {@code Pause Young} line.
 *
 * <p>Stateless and thread-safe.
 */
public final class GcLog {
    private static final Pattern COLLECTOR = Pattern.compile("\\bUsing (.+?)\\s*$");
    private static final Pattern PAUSE = Pattern.compile("\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final Pattern YOUNG_HEAP = Pattern.compile(
            "\\bPause Young\\b.*?\\s(\\d+)([BKMG])->(\\d+)([BKMG])\\((\\d+)([BKMG])\\)");

    /**
     * What the log says. Immutable and thread-safe.
     *
     * @param collector                the collector's name ({@code G1}, {@code Serial}, ...), or {@code null}
     * @param pauses                   number of pauses
     * @param pauseMillis              their total duration
     * @param longestPauseMillis       the longest one (0 without pauses)
     * @param youngCollections         number of young collections with heap sizes
     * @param maxHeapAfterYoungBytes   the largest heap occupancy after a young collection (0 without one)
     * @param lastHeapAfterYoungBytes  the heap after the last young collection (0 without one)
     */
    public record Stats(String collector, int pauses, double pauseMillis, double longestPauseMillis,
                        int youngCollections, long maxHeapAfterYoungBytes, long lastHeapAfterYoungBytes) {
        /**
         * @param wallNanos the JVM's wall time
         * @return the share of it spent in pauses, 0..1 (0 for an empty interval)
         */
        public double pauseShare(long wallNanos) {
            return wallNanos <= 0 ? 0 : pauseMillis * 1e6 / wallNanos;
        }
    }

    private GcLog() {
    }

    /**
     * @param file a log written by {@code -Xlog:gc:file=...}
     * @return its statistics
     * @throws UncheckedIOException if it cannot be read
     */
    public static Stats read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
    }

    /**
     * @param lines the log's lines
     * @return its statistics
     */
    public static Stats parse(List<String> lines) {
        String collector = null;
        int pauses = 0;
        double total = 0;
        double longest = 0;
        int young = 0;
        long maxAfter = 0;
        long lastAfter = 0;
        for (String line : lines) {
            Matcher c = COLLECTOR.matcher(line);
            if (collector == null && c.find()) {
                collector = c.group(1);
                continue;
            }
            Matcher p = PAUSE.matcher(line);
            if (p.find()) {
                double ms = Double.parseDouble(p.group(1));
                pauses++;
                total += ms;
                longest = Math.max(longest, ms);
                Matcher h = YOUNG_HEAP.matcher(line);
                if (h.find()) {
                    young++;
                    lastAfter = bytes(h.group(3), h.group(4));
                    maxAfter = Math.max(maxAfter, lastAfter);
                }
            }
        }
        return new Stats(collector, pauses, total, longest, young, maxAfter, lastAfter);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        switch (unit.toUpperCase(Locale.ROOT)) {
            case "G":
                return n << 30;
            case "M":
                return n << 20;
            case "K":
                return n << 10;
            default:
                return n;
        }
    }
}
