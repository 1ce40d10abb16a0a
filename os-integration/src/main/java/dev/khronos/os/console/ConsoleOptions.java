package dev.khronos.os.console;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to talk to a guest shell. Immutable and thread-safe.
 *
 * @param prompt         the shell prompt, printed without a line break ({@code "$ "} for sv6)
 * @param lineTerminator what ends a typed command; sv6 needs CR, because LF is Ctrl-J to its console
 * @param maxLineBytes   the longest line the guest accepts, terminator included (128 for sv6)
 * @param charDelay      pause after each typed character, for consoles that drop characters
 *                       when typed at full speed; zero sends a line at once
 * @param settle         how long the prompt must stay the last thing received before it counts,
 *                       so that a {@code "$ "} followed by more output is not taken for the end
 * @param panicMarkers   texts that mean the kernel panicked
 * @param verifyEcho     whether a command whose echo differs from what was typed is an error
 */
public record ConsoleOptions(String prompt, String lineTerminator, int maxLineBytes, Duration charDelay,
                             Duration settle, List<String> panicMarkers, boolean verifyEcho) {

    /** sv6 prints {@code panic: ...}; a Linux guest prints {@code Kernel panic - not syncing: ...}. */
    public static final List<String> DEFAULT_PANIC_MARKERS = List.of("panic:", "Kernel panic - not syncing");

    /** Validates and freezes the options. */
    public ConsoleOptions {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("prompt must not be empty");
        }
        Objects.requireNonNull(lineTerminator, "lineTerminator");
        if (maxLineBytes < 2) {
            throw new IllegalArgumentException("maxLineBytes must be >= 2");
        }
        if (charDelay.isNegative() || settle.isNegative()) {
            throw new IllegalArgumentException("delays must be >= 0");
        }
        panicMarkers = List.copyOf(panicMarkers);
    }

    /** @return the settings for a KhronOS (sv6) console: {@code "$ "}, CR, 128 bytes, echo checked */
    public static ConsoleOptions khronos() {
        return new ConsoleOptions("$ ", "\r", 128, Duration.ZERO, Duration.ofMillis(150),
                DEFAULT_PANIC_MARKERS, true);
    }

    /**
     * @param delay pause after each typed character
     * @return a copy with that delay
     */
    public ConsoleOptions withCharDelay(Duration delay) {
        return new ConsoleOptions(prompt, lineTerminator, maxLineBytes, delay, settle, panicMarkers, verifyEcho);
    }

    /**
     * @param markers panic markers
     * @return a copy with those markers
     */
    public ConsoleOptions withPanicMarkers(List<String> markers) {
        return new ConsoleOptions(prompt, lineTerminator, maxLineBytes, charDelay, settle, markers, verifyEcho);
    }

    /**
     * @param bytes longest accepted line, terminator included
     * @return a copy with that limit
     */
    public ConsoleOptions withMaxLineBytes(int bytes) {
        return new ConsoleOptions(prompt, lineTerminator, bytes, charDelay, settle, panicMarkers, verifyEcho);
    }
}
