package dev.khronos.mvrlu.engine;

/**
 * One thread's statistics: plain longs, written by a single thread at a time, read racily when
 * merged. Padded on both sides so that two handles' counters never share a cache line.
 *
 * <p>Thread-safety: single writer; reads from other threads are approximate.
 */
final class Counters {
    private static final int PAD = 16; // 128 bytes of longs on each side
    private final long[] values = new long[PAD + Stat.ALL.length + PAD];

    void inc(Stat s) {
        values[PAD + s.ordinal()]++;
    }

    void add(Stat s, long n) {
        values[PAD + s.ordinal()] += n;
    }

    void max(Stat s, long v) {
        int i = PAD + s.ordinal();
        if (v > values[i]) {
            values[i] = v;
        }
    }

    long get(Stat s) {
        return values[PAD + s.ordinal()];
    }

    /** Adds (or, for {@code max_} counters, takes the maximum of) {@code from} into this. */
    void mergeFrom(Counters from) {
        for (Stat s : Stat.ALL) {
            if (s == Stat.max_log_used) {
                max(s, from.get(s));
            } else {
                add(s, from.get(s));
            }
        }
    }
}
