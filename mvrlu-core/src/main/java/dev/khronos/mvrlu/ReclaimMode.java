package dev.khronos.mvrlu;

/**
 * Who detects grace periods and reclaims versions.
 *
 * <p>Thread-safety: immutable enum.
 */
public enum ReclaimMode {
    /** One background daemon thread per domain (the C "qp" thread); the default. */
    BACKGROUND,
    /**
     * No background thread: the threads using the domain detect grace periods and reclaim
     * themselves, at their section boundaries, when a watermark asks for it. Meant for model
     * checkers (Lincheck controls only the threads it creates) and for deterministic tests.
     */
    INLINE
}
