package dev.khronos.hlbench.engine;

/**
 * One worker's counters, KhronOS's {@code thread_param}: attempts of each operation, lookups that
 * found their key, and the size variation (successful inserts minus successful deletes).
 * Immutable and thread-safe.
 *
 * @param add       insert attempts ({@code #add})
 * @param remove    delete attempts ({@code #remove})
 * @param contains  lookups ({@code #contains})
 * @param found     lookups that found the key ({@code #found})
 * @param variation successful inserts minus successful deletes (those of an untimed warm-up included:
 *                  it is what the size check adds up)
 */
public record ThreadCounters(long add, long remove, long contains, long found, long variation) {
    /** @return all operations of the thread */
    public long ops() {
        return add + remove + contains;
    }
}
