package dev.khronos.rlu;

/**
 * RLU counters, named as in the C library ({@code benchmark/rlu/rlu.h}, {@code rlu_thread_data_t})
 * where one exists; counters without a C equivalent are marked "Java only".
 */
enum RluStat {
    n_starts,
    n_finish,
    /** Sections that committed a non-empty write set. */
    n_writers,
    /** Objects written back into their master (const locks and frees excluded). */
    n_writer_writeback,
    /** Sections that ended without locking anything. */
    n_pure_readers,
    n_aborts,
    /** Derefs that returned another handle's copy (its writer clock was in the snapshot). */
    n_steals,
    /** Synchronize calls that found at least one open section they had to wait for. */
    n_writer_sync_waits,
    /** Sync requests sent to a lock holder on a failed lock. */
    n_sync_requests,
    n_sync_and_writeback,
    /** Java only: sections that took the reader fast path (no lock word read). */
    n_fast_path,
    /** Java only: commits left deferred (locked, invisible to others) instead of synced at once. */
    n_deferred,
    /** Java only: synchronize-plus-writebacks done for another handle (idle, dead or closed holder). */
    n_helped_sync;

    static final RluStat[] ALL = values();
}
