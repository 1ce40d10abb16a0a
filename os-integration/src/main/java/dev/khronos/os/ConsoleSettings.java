package dev.khronos.os;

import dev.khronos.os.console.ConsoleOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Console options shared by the commands that talk to a guest (a picocli mixin).
 * Not thread-safe; filled in by picocli before a command runs.
 */
public final class ConsoleSettings {

    @Option(names = "--char-delay-ms", paramLabel = "MS",
            description = "Pause after each typed character, for consoles that drop characters (default: ${DEFAULT-VALUE}).")
    int charDelayMs = 0;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Per-command time budget (default: 120 + 10 x the benchmark duration, or 600 for other commands).")
    Integer timeoutSeconds;

    @Option(names = "--silence", paramLabel = "SECONDS",
            description = "A command that prints nothing for this long counts as hung (default: 60 + 3 x the benchmark duration, or 300).")
    Integer silenceSeconds;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Shell prompt (default: '${DEFAULT-VALUE}').")
    String prompt = "$ ";

    @Option(names = "--max-line", paramLabel = "BYTES",
            description = "Longest line the console accepts, CR included (default: ${DEFAULT-VALUE}, KhronOS's limit).")
    int maxLine = 128;

    @Option(names = "--show-console", description = "Copy the console output to stderr as it arrives.")
    boolean showConsole;

    ConsoleOptions options() {
        if (charDelayMs < 0) {
            throw new UserError("--char-delay-ms must be >= 0", 2);
        }
        if (maxLine < 2) {
            throw new UserError("--max-line must be >= 2", 2);
        }
        ConsoleOptions o = ConsoleOptions.khronos().withCharDelay(Duration.ofMillis(charDelayMs)).withMaxLineBytes(maxLine);
        return new ConsoleOptions(prompt, o.lineTerminator(), o.maxLineBytes(), o.charDelay(), o.settle(),
                o.panicMarkers(), o.verifyEcho());
    }

    Duration timeout(Duration fallback) {
        return positive(timeoutSeconds, "--timeout", fallback);
    }

    Duration silence(Duration fallback) {
        return positive(silenceSeconds, "--silence", fallback);
    }

    private static Duration positive(Integer seconds, String name, Duration fallback) {
        if (seconds == null) {
            return fallback;
        }
        if (seconds <= 0) {
            throw new UserError(name + " must be > 0", 2);
        }
        return Duration.ofSeconds(seconds);
    }

    java.util.function.Consumer<String> live() {
        return showConsole ? chunk -> {
            System.err.print(chunk);
            System.err.flush();
        } : null;
    }
}
