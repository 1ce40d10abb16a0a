package dev.khronos.os;

/**
 * An error to report to the user as one line, with an exit status, never with a stack trace.
 * Immutable; safe to pass between threads.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message  one line
     * @param exitCode process exit status
     */
    public UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** @return the exit status */
    public int exitCode() {
        return exitCode;
    }
}
