package dev.khronos.os;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.os.console.CommandResult;
import dev.khronos.os.console.ConsoleException;
import dev.khronos.os.console.SerialConsole;
import dev.khronos.os.guest.Guest;
import dev.khronos.os.parse.ParseResult;
import dev.khronos.os.parse.TranscriptParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The part of {@code run} and {@code hardware} after the guest is at its prompt: type the
 * command, print its output, parse and save the results, and turn a console failure into a
 * one-line error that still keeps what was received. Stateless; not meant for concurrent use.
 */
final class GuestCommandSupport {

    private GuestCommandSupport() {
    }

    static String joinCommand(List<String> words) {
        if (words == null || words.isEmpty()) {
            throw new UserError("missing command to type at the prompt (put it after --)", 2);
        }
        return String.join(" ", words);
    }

    /** Returns the exit status: 0, or throws {@link UserError}. */
    static int runAndSave(Guest guest, String command, ConsoleSettings console, Path outDir, PrintWriter out,
                          PrintWriter err) {
        long durationMs = guessDurationMs(command);
        Duration timeout = console.timeout(durationMs < 0 ? Duration.ofSeconds(600)
                : dev.khronos.os.sweep.SweepRunner.defaultTimeout(durationMs));
        Duration silence = console.silence(durationMs < 0 ? Duration.ofSeconds(300)
                : dev.khronos.os.sweep.SweepRunner.defaultSilence(durationMs));
        ResultSink sink = new ResultSink(outDir, err);
        TranscriptParser parser = new TranscriptParser(guest.console().options().panicMarkers());
        SerialConsole c = guest.console();
        try {
            CommandResult res = c.run(command, timeout, silence);
            out.print(res.output());
            out.flush();
            ParseResult parsed = parser.parse("$ " + command + "\n" + res.output(), guest.source());
            parsed.warnings().forEach(w -> err.println("khronos-os: warning: " + w));
            sink.save(parsed.runs());
            err.printf(java.util.Locale.ROOT, "khronos-os: '%s' finished in %.1f s; console log: %s%n", command,
                    res.elapsed().toMillis() / 1000.0, guest.transcript());
            return 0;
        } catch (ConsoleException e) {
            out.print(e.partialOutput());
            out.flush();
            ParseResult parsed = parser.parse("$ " + e.partialOutput(), guest.source());
            List<BenchmarkRun> runs = parsed.runs().stream().map(r -> r.withNote(
                    (r.note() == null ? "" : r.note() + "; ") + e.getMessage())).toList();
            sink.save(runs);
            guest.kill();
            throw new UserError("'" + command + "' failed: " + e.getMessage() + "; console log: " + guest.transcript()
                    + (runs.isEmpty() ? "" : "; partial results saved in " + outDir), 1);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** The benchmark duration a command asks for, to size the time budget; -1 if not a benchmark. */
    static long guessDurationMs(String command) {
        String[] w = command.strip().split("\\s+");
        try {
            if (w[0].equals("kbench")) {
                for (int i = 1; i + 1 < w.length; i++) {
                    if (w[i].equals("-d")) {
                        return Long.parseLong(w[i + 1]);
                    }
                }
                return 1500;
            }
            if (w[0].startsWith("hlbench_")) {
                return w.length > 4 ? Long.parseLong(w[4]) : 1000;
            }
            if (w[0].startsWith("run_hlbench")) {
                return 48 * 10_000;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
