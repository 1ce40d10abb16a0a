package dev.khronos.os.console;

import java.io.IOException;

/**
 * A command (or the wait for a prompt) ended without reaching the prompt. Carries the output
 * received up to that point, normalised, so callers can keep partial results.
 *
 * <p>Immutable after construction; safe to pass between threads.
 */
public class ConsoleException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the wait ended. */
    public enum Kind {
        /** The per-command (or boot) time budget ran out while output was still arriving. */
        TIMEOUT,
        /** Nothing arrived for the silence limit: the guest is taken to be hung. */
        HANG,
        /** The guest printed a panic marker. */
        PANIC,
        /** The console connection ended (e.g. QEMU exited). */
        CLOSED,
        /** The echo of the typed command differs from the command: characters were dropped. */
        ECHO_MISMATCH,
        /** The wait was aborted from outside (e.g. QEMU reported a fatal error). */
        ABORTED
    }

    private final Kind kind;
    private final transient String partialOutput;

    /**
     * @param kind          why the wait ended
     * @param message       one-line description
     * @param partialOutput normalised output received so far (echo not stripped)
     */
    public ConsoleException(Kind kind, String message, String partialOutput) {
        super(message);
        this.kind = kind;
        this.partialOutput = partialOutput == null ? "" : partialOutput;
    }

    /** @return why the wait ended */
    public Kind kind() {
        return kind;
    }

    /** @return the output received before the wait ended, normalised */
    public String partialOutput() {
        return partialOutput;
    }
}
