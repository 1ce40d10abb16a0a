package dev.khronos.mvrlu;

/**
 * Thrown by {@link Section#lock}, {@link Section#lockConst} and {@link Section#retry} to restart
 * an {@link RluHandle#execute} attempt. A single preallocated instance without a stack trace, so
 * an abort allocates nothing. Code outside {@code execute} should not catch it.
 *
 * <p>Thread-safety: immutable; the shared instance may be thrown by any thread.
 */
public final class RluAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The only instance. */
    public static final RluAbort INSTANCE = new RluAbort();

    private RluAbort() {
        super("RLU section aborted; retry the operation", null, false, false);
    }
}
