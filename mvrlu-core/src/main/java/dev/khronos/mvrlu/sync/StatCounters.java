package dev.khronos.mvrlu.sync;

/**
 * One thread's engine statistics, one plain long per constant of the engine's statistics enum:
 * written by a single thread at a time, read racily when merged (cheap enough to stay on). Padded
 * on both sides so that two handles' counters never share a cache line. Counters whose name starts
 * with {@code max_} merge by maximum, the others by sum.
 *
 * <p><b>Internal API</b> for the engines. Thread-safety: single writer; reads from other threads
 * are approximate.
 *
 * @param <E> the engine's statistics enum (constant names are the C counter names)
 */
public final class StatCounters<E extends Enum<E>> {
    private static final int PAD = 16; // 128 bytes of longs on each side
    private final E[] stats;
    private final long[] values;

    /** @param stats every constant of the enum, in order ({@code E.values()}) */
    public StatCounters(E[] stats) {
        this.stats = stats;
        this.values = new long[PAD + stats.length + PAD];
    }

    /** @param s the counter to increment */
    public void inc(E s) {
        values[PAD + s.ordinal()]++;
    }

    /**
     * @param s the counter
     * @param n the amount to add
     */
    public void add(E s, long n) {
        values[PAD + s.ordinal()] += n;
    }

    /**
     * @param s the counter
     * @param v a value; the counter keeps the maximum of the values it saw
     */
    public void max(E s, long v) {
        int i = PAD + s.ordinal();
        if (v > values[i]) {
            values[i] = v;
        }
    }

    /**
     * @param s the counter
     * @return its value
     */
    public long get(E s) {
        return values[PAD + s.ordinal()];
    }

    /** @return true if any counter is non-zero */
    public boolean any() {
        for (int i = 0; i < stats.length; i++) {
            if (values[PAD + i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Sets every counter to zero. */
    public void clear() {
        java.util.Arrays.fill(values, 0L);
    }

    /**
     * Adds {@code from} into this ({@code max_} counters: takes the maximum).
     *
     * @param from counters of the same enum
     */
    public void mergeFrom(StatCounters<E> from) {
        for (E s : stats) {
            if (s.name().startsWith("max_")) {
                max(s, from.get(s));
            } else {
                add(s, from.get(s));
            }
        }
    }

    /** @return the counters by name, in the enum's order */
    public java.util.Map<String, Long> toMap() {
        java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
        for (E s : stats) {
            map.put(s.name(), get(s));
        }
        return map;
    }
}
