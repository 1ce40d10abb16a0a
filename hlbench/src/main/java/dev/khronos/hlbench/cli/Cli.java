package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.engine.ClockInfo;
import dev.khronos.hlbench.engine.Workload;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The error policy shared by the {@code hlbench} and {@code kbench} CLIs: a usage or validation
 * error is one line {@code prog: message} on stderr with exit status 2; a failed run (a structure
 * threw) is one line with status 1; anything else is one line {@code prog: internal error: ...}
 * with status 1, with the stack trace only when the environment variable {@code KHRONOS_DEBUG=1}.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class Cli {
    /** Exit status of a usage error. */
    public static final int USAGE = 2;
    /** Exit status of a failed run, including a size-check failure. */
    public static final int FAILED = 1;

    private Cli() {
    }

    /**
     * Runs a picocli command with this policy.
     *
     * @param prog    program name for messages
     * @param command the annotated command object
     * @param args    arguments
     * @param out     standard output
     * @param err     standard error
     * @return the exit status
     */
    public static int execute(String prog, Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(prog + ": " + oneLine(ex.getMessage()) + " (see " + prog + " --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            Throwable e = ex;
            if (e instanceof UserError) {
                err.println(prog + ": " + oneLine(e.getMessage()));
                return USAGE;
            }
            if (e instanceof Workload.WorkloadFailure) {
                err.println(prog + ": run failed: " + oneLine(e.getMessage()));
                debug(e, err);
                return FAILED;
            }
            err.println(prog + ": internal error: " + oneLine(String.valueOf(e)));
            debug(e, err);
            return FAILED;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static void debug(Throwable e, PrintStream err) {
        if ("1".equals(System.getenv("KHRONOS_DEBUG"))) {
            e.printStackTrace(err);
        }
    }

    /** @return the first line of {@code s} */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /**
     * Parses a positional number with a message naming the argument.
     *
     * @param text the argument
     * @param what e.g. {@code "threads (argument 1)"}
     * @return the value
     * @throws UserError if it is not an integer
     */
    public static long parseLong(String text, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UserError(what + " must be an integer, got '" + text + "'");
        }
    }

    /**
     * @return {@code value} as an int
     * @throws UserError if it does not fit
     */
    public static int toInt(long value, String what) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new UserError(what + " is out of range: " + value);
        }
        return (int) value;
    }

    /**
     * Checks a {@code --clock} option (hlbench, its sub-commands, kbench).
     *
     * @param value the option's value, or {@code null} when not given
     * @return {@code logical} or {@code ordo}, or {@code null} when not given
     * @throws UserError for any other value
     */
    public static String clockOption(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ClockInfo.parseOption(value);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** @throws UserError with {@code message} unless {@code ok} */
    public static void check(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }
}
