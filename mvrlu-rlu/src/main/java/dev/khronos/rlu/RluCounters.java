package dev.khronos.rlu;

/**
 * One thread's RLU statistics: plain longs, written by a single thread at a time and read racily
 * when merged; padded so that two handles' counters never share a cache line.
 *
 * <p>Thread-safety: single writer; reads from other threads are approximate.
 */
final class RluCounters {
    private static final int PAD = 16; // 128 bytes of longs on each side
    private final long[] values = new long[PAD + RluStat.ALL.length + PAD];

    void inc(RluStat s) {
        values[PAD + s.ordinal()]++;
    }

    void add(RluStat s, long n) {
        values[PAD + s.ordinal()] += n;
    }

    long get(RluStat s) {
        return values[PAD + s.ordinal()];
    }

    boolean any() {
        for (RluStat s : RluStat.ALL) {
            if (get(s) != 0) {
                return true;
            }
        }
        return false;
    }

    void clear() {
        java.util.Arrays.fill(values, 0L);
    }

    void mergeFrom(RluCounters from) {
        for (RluStat s : RluStat.ALL) {
            add(s, from.get(s));
        }
    }
}
