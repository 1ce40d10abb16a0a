package dev.khronos.hlbench.engine;

/**
 * How an update ({@code op < update}) chooses between insert and delete. Immutable enum.
 */
public enum UpdateMode {
    /** KhronOS {@code hlbench}/{@code kbench}: insert a random key if {@code op} is even, else delete one. */
    PARITY,
    /**
     * RLU {@code bench.c} (its default): insert a random key; the thread's next update deletes the
     * key it inserted last (if the insert succeeded), so the size stays near {@code initial}.
     */
    ALTERNATE,
    /** The list/tree benchmark ({@code benchmark_list.c}): {@code op < update/2} inserts, else deletes. */
    SPLIT
}
