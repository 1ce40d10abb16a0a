package dev.khronos.os.console;

import java.time.Duration;

/**
 * The outcome of one command typed at the prompt. Immutable and thread-safe.
 *
 * @param command the command as typed (without terminator)
 * @param output  what the command printed, normalised, without the echo and the final prompt
 * @param elapsed wall time from typing to the prompt
 */
public record CommandResult(String command, String output, Duration elapsed) {
}
