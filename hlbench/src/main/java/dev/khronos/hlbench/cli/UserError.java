package dev.khronos.hlbench.cli;

/**
 * A mistake of the user (bad argument, missing engine): printed as one line
 * {@code <program>: <message>}, exit status 2, never a stack trace.
 *
 * <p>Thread-safety: immutable.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the one-line message, naming the rule that was broken */
    public UserError(String message) {
        super(message, null, false, false);
    }
}
