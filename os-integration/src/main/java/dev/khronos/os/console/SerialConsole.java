package dev.khronos.os.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Drives a shell over a serial console: waits for the prompt, types commands and collects their
 * output, and ends a wait on a time-out, on silence (a hung guest), on a kernel panic, or when the
 * line closes.
 *
 * <p>A daemon thread reads the line continuously, so the guest is never blocked on a full socket
 * buffer and silence can be measured while nobody waits. Every byte received is appended to the
 * transcript stream as received (the raw console log). Waiters block on a condition with a
 * deadline (no polling), which matters on a 2-core host that also runs the emulator.
 *
 * <p>Thread-safety: the methods may be called from any thread, but commands are meant to be
 * issued by one driver thread at a time; {@link #abort(String)} and {@link #close()} may be called
 * concurrently from other threads (e.g. a watcher of QEMU's stderr).
 */
public final class SerialConsole implements AutoCloseable {

    /** After a panic marker, wait this long for quiet to capture the rest of the panic message. */
    private static final Duration PANIC_QUIET = Duration.ofMillis(800);
    private static final Duration PANIC_TAIL_MAX = Duration.ofSeconds(5);
    /** Only the end of the pending text is normalised to look for the prompt. */
    private static final int PROMPT_WINDOW = 512;

    private final ConsoleTransport transport;
    private final ConsoleOptions options;
    private final OutputStream transcript;
    private final Consumer<String> liveListener;
    private final Thread reader;
    private final Object writeLock = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Raw text (bytes as ISO-8859-1) received and not yet consumed by a wait. Guarded by lock. */
    private final StringBuilder pending = new StringBuilder();
    /** Where the panic scan of {@link #pending} resumes. Guarded by lock. */
    private int scanned;
    /** Guarded by lock. */
    private long lastOutputNanos = System.nanoTime();
    /** Guarded by lock. */
    private long bytesReceived;
    /** Guarded by lock. */
    private boolean eof;
    /** Guarded by lock. */
    private String eofReason;
    /** Guarded by lock. */
    private String abortReason;
    private volatile boolean closing;

    /**
     * Starts reading the transport.
     *
     * @param transport    the line
     * @param options      shell settings
     * @param transcript   receives every byte read, or {@code null}; flushed after each chunk and
     *                     not closed by this class
     * @param liveListener receives every chunk read as text (e.g. to echo the console to the
     *                     user), or {@code null}; called on the reader thread
     */
    public SerialConsole(ConsoleTransport transport, ConsoleOptions options, OutputStream transcript,
                         Consumer<String> liveListener) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        this.transcript = transcript;
        this.liveListener = liveListener;
        this.reader = new Thread(this::readLoop, "console-reader " + transport.describe());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** @return the options in use */
    public ConsoleOptions options() {
        return options;
    }

    /** @return the transport's address */
    public String describe() {
        return transport.describe();
    }

    private void readLoop() {
        byte[] buf = new byte[8192];
        String reason = "the console closed";
        try {
            InputStream in = transport.input();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (transcript != null) {
                    try {
                        transcript.write(buf, 0, n);
                        transcript.flush();
                    } catch (IOException e) {
                        // A full disk must not stop the console; the live state keeps working.
                    }
                }
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                lock.lock();
                try {
                    pending.append(chunk);
                    bytesReceived += n;
                    lastOutputNanos = System.nanoTime();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                if (liveListener != null) {
                    liveListener.accept(chunk);
                }
            }
        } catch (IOException e) {
            reason = closing ? "the console was closed" : "console read failed: " + e.getMessage();
        } finally {
            lock.lock();
            try {
                eof = true;
                eofReason = reason;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits for the prompt and consumes everything up to it.
     *
     * @param timeout     overall budget
     * @param silence     longest gap in the output before the guest counts as hung
     * @param nudgeAfter  if not {@code null}: after this much silence without a prompt, type the
     *                    line terminator to make the shell print a fresh prompt (for consoles that
     *                    were already at a prompt, or daemons that printed after it)
     * @return the normalised text received before the prompt
     * @throws ConsoleException on timeout, hang, panic, close or abort
     */
    public String awaitPrompt(Duration timeout, Duration silence, Duration nudgeAfter) throws ConsoleException {
        String raw = waitForPrompt(timeout, silence, nudgeAfter);
        return stripPrompt(ConsoleText.normalise(raw));
    }

    /**
     * Types a command, waits for the prompt after it and returns the output without the echo.
     *
     * <p>Output left over from before the command (e.g. an asynchronous kernel message) is not
     * part of the result; it stays in the transcript.
     *
     * @param command the command; printable ASCII, shorter than {@link ConsoleOptions#maxLineBytes()}
     * @param timeout overall budget for the command
     * @param silence longest gap in the output before the guest counts as hung
     * @return the output
     * @throws IllegalArgumentException if the command is too long or has characters the console
     *                                  cannot take; nothing is typed in that case
     * @throws ConsoleException         on timeout, hang, panic, close, abort or echo mismatch
     */
    public CommandResult run(String command, Duration timeout, Duration silence) throws ConsoleException {
        validateCommand(command, options);
        lock.lock();
        try {
            pending.setLength(0);
            scanned = 0;
        } finally {
            lock.unlock();
        }
        long start = System.nanoTime();
        type(command + options.lineTerminator());
        String raw = waitForPrompt(timeout, silence, null);
        String text = stripPrompt(ConsoleText.normalise(raw));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        String rest = nl < 0 ? "" : text.substring(nl + 1);
        String output;
        if (first.equals(command)) {
            output = rest;
        } else if (first.endsWith(command)) {
            // Kernel text printed while we typed, before the echo: keep it as output.
            output = first.substring(0, first.length() - command.length()) + "\n" + rest;
        } else if (first.startsWith(command)) {
            // Output that followed the echo on the same line.
            output = first.substring(command.length()) + (nl < 0 ? "" : "\n" + rest);
        } else if (options.verifyEcho()) {
            throw new ConsoleException(ConsoleException.Kind.ECHO_MISMATCH,
                    "the guest echoed \"" + first + "\" for \"" + command
                            + "\": characters were lost on the line; type slower (per-character delay)", text);
        } else {
            output = text;
        }
        return new CommandResult(command, output, elapsed);
    }

    /**
     * Checks that a command can be typed on this console.
     *
     * @param command the command
     * @param options the console's options
     * @throws IllegalArgumentException with a one-line reason
     */
    public static void validateCommand(String command, ConsoleOptions options) {
        if (command.isBlank()) {
            throw new IllegalArgumentException("empty command");
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("command contains a character the console cannot take (code "
                        + (int) c + " at position " + i + ")");
            }
        }
        int bytes = command.length() + options.lineTerminator().length();
        if (bytes > options.maxLineBytes()) {
            throw new IllegalArgumentException("command is " + command.length() + " bytes; the console takes at most "
                    + (options.maxLineBytes() - options.lineTerminator().length()) + " (a line is limited to "
                    + options.maxLineBytes() + " bytes with its terminator)");
        }
    }

    /**
     * Types raw text, honouring the per-character delay.
     *
     * @param text text to send
     * @throws ConsoleException if the line is closed
     */
    public void type(String text) throws ConsoleException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        synchronized (writeLock) {
            try {
                OutputStream out = transport.output();
                if (options.charDelay().isZero()) {
                    out.write(bytes);
                    out.flush();
                } else {
                    for (byte b : bytes) {
                        out.write(b);
                        out.flush();
                        TimeUnit.NANOSECONDS.sleep(options.charDelay().toNanos());
                    }
                }
            } catch (IOException e) {
                throw new ConsoleException(ConsoleException.Kind.CLOSED, "cannot type on " + describe() + ": "
                        + e.getMessage(), currentOutput());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsoleException(ConsoleException.Kind.ABORTED, "interrupted while typing", currentOutput());
            }
        }
    }

    /**
     * Sends Ctrl-C (ETX). Shells with job control stop the foreground command; sv6 cannot stop a
     * running command this way, a hung KhronOS guest must be restarted instead.
     *
     * @throws ConsoleException if the line is closed
     */
    public void interrupt() throws ConsoleException {
        type("\u0003");
    }

    /**
     * Makes current and future waits fail with {@link ConsoleException.Kind#ABORTED}.
     *
     * @param reason one-line reason, shown to the user
     */
    public void abort(String reason) {
        lock.lock();
        try {
            if (abortReason == null) {
                abortReason = reason;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the normalised text received and not yet consumed */
    public String currentOutput() {
        lock.lock();
        try {
            return ConsoleText.normalise(pending);
        } finally {
            lock.unlock();
        }
    }

    private String stripPrompt(String text) {
        String p = options.prompt();
        return text.endsWith(p) ? text.substring(0, text.length() - p.length()) : text;
    }

    /** Core wait. Returns (and consumes) the raw pending text, prompt included. */
    private String waitForPrompt(Duration timeout, Duration silence, Duration nudgeAfter) throws ConsoleException {
        long now = System.nanoTime();
        final long start = now;
        long deadline = now + timeout.toNanos();
        long silenceNanos = silence.toNanos();
        long settleNanos = options.settle().toNanos();
        long nextNudge = nudgeAfter == null ? Long.MAX_VALUE : 0;
        lock.lock();
        try {
            if (nudgeAfter != null) {
                nextNudge = Math.max(lastOutputNanos, start) + nudgeAfter.toNanos();
            }
            while (true) {
                now = System.nanoTime();
                if (abortReason != null) {
                    throw failure(ConsoleException.Kind.ABORTED, abortReason);
                }
                String marker = scanForPanic();
                if (marker != null) {
                    throw panic(marker);
                }
                boolean atPrompt = endsWithPrompt();
                // Silence counts from the later of the last output and the start of this wait.
                long activity = Math.max(lastOutputNanos, start);
                if (atPrompt && now - lastOutputNanos >= settleNanos) {
                    String raw = pending.toString();
                    pending.setLength(0);
                    scanned = 0;
                    return raw;
                }
                if (eof) {
                    throw failure(ConsoleException.Kind.CLOSED, eofReason + " before the prompt appeared");
                }
                if (now - deadline >= 0) {
                    throw failure(ConsoleException.Kind.TIMEOUT, "no prompt after " + human(timeout));
                }
                if (now - activity >= silenceNanos) {
                    throw failure(ConsoleException.Kind.HANG, "the guest printed nothing for " + human(silence)
                            + " (hung?)");
                }
                if (now - nextNudge >= 0) {
                    lock.unlock();
                    try {
                        type(options.lineTerminator());
                    } finally {
                        lock.lock();
                    }
                    nextNudge = System.nanoTime() + nudgeAfter.toNanos();
                    continue;
                }
                long wait = Math.min(deadline - now, activity + silenceNanos - now);
                if (atPrompt) {
                    wait = Math.min(wait, lastOutputNanos + settleNanos - now);
                }
                if (nudgeAfter != null) {
                    wait = Math.min(wait, nextNudge - now);
                }
                changed.awaitNanos(Math.max(wait, 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ConsoleException.Kind.ABORTED, "interrupted");
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    /** Called with the lock held. */
    private ConsoleException failure(ConsoleException.Kind kind, String message) {
        return new ConsoleException(kind, message, ConsoleText.normalise(pending));
    }

    /** Called with the lock held: does the pending text end with the prompt at a line start? */
    private boolean endsWithPrompt() {
        int from = Math.max(0, pending.length() - PROMPT_WINDOW);
        String tail = ConsoleText.normalise(pending.subSequence(from, pending.length()));
        String p = options.prompt();
        if (!tail.endsWith(p)) {
            return false;
        }
        int before = tail.length() - p.length() - 1;
        if (before < 0) {
            return from == 0;
        }
        return tail.charAt(before) == '\n';
    }

    /** Called with the lock held: returns the first panic marker found in new text, if any. */
    private String scanForPanic() {
        int longest = 0;
        for (String m : options.panicMarkers()) {
            longest = Math.max(longest, m.length());
        }
        int from = Math.max(0, scanned - longest);
        String found = null;
        int at = Integer.MAX_VALUE;
        for (String m : options.panicMarkers()) {
            int i = pending.indexOf(m, from);
            if (i >= 0 && i < at) {
                at = i;
                found = m;
            }
        }
        scanned = pending.length();
        return found;
    }

    /** Called with the lock held: collects the rest of the panic message, then builds the error. */
    private ConsoleException panic(String marker) throws InterruptedException {
        long end = System.nanoTime() + PANIC_TAIL_MAX.toNanos();
        while (!eof) {
            long now = System.nanoTime();
            long quietUntil = lastOutputNanos + PANIC_QUIET.toNanos();
            if (now - quietUntil >= 0 || now - end >= 0) {
                break;
            }
            changed.awaitNanos(Math.min(quietUntil - now, end - now));
        }
        String text = ConsoleText.normalise(pending);
        String line = marker;
        for (String l : ConsoleText.lines(text)) {
            if (l.contains(marker)) {
                line = l.strip();
                break;
            }
        }
        return new ConsoleException(ConsoleException.Kind.PANIC, "kernel panic: " + line, text);
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * Waits until at least one byte has arrived since the console was opened.
     *
     * @param timeout how long to wait
     * @return whether anything arrived in time (false also if the line closed or a wait was aborted)
     * @throws InterruptedException if interrupted
     */
    public boolean awaitAnyOutput(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (bytesReceived == 0 && !eof && abortReason == null) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return bytesReceived > 0;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the line has closed */
    public boolean isClosed() {
        lock.lock();
        try {
            return eof;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the line closes (e.g. QEMU exited after {@code halt}), collecting output.
     *
     * @param timeout how long to wait
     * @return whether it closed in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!eof) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the transport; the reader thread ends. Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            transport.close();
        } catch (IOException e) {
            // Closing a broken line: nothing more to do.
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
