package dev.khronos.mvrlu.engine;

/**
 * MV-RLU counters, named as in the C library ({@code lib/mvrlu_i.h}) where one exists.
 * Counters without a C equivalent are marked.
 */
enum Stat {
    n_starts,
    n_finish,
    n_aborts,
    /** Java only: sections that committed a write set. */
    n_commits,
    n_low_mark_wakeup,
    n_high_mark_block,
    /** Java only: reclamation requests made by the deref watermark. */
    n_deref_mark_wakeup,
    /** In versions, not bytes; merged by maximum. */
    max_log_used,
    n_reclaim,
    n_reclaim_wrt_set,
    n_reclaim_copy,
    /** Java only: versions written back into their master. */
    n_writeback,
    n_reclaim_free,
    n_qp_detect,
    n_qp_nap,
    n_qp_help_reclaim,
    n_qp_zombie_reclaim,
    /** Java only: non-blocking safe-timestamp scans made by a handle whose log passed the low mark. */
    n_self_qp,
    /** Java only: sections opened optimistically (not announced to grace-period detection). */
    n_optimistic,
    /** Java only: optimistic sections that failed validation (at a deref check, a lock, the commit or the close). */
    n_optimistic_fail,
    /** Java only: freed masters handed out again by {@code Section.recycled} (C: allocator reuse). */
    n_recycled;

    static final Stat[] ALL = values();
}
