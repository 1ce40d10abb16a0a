package dev.khronos.os;

import dev.khronos.hlbench.cli.BuildVersion;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code khronos-os.jar}.
 *
 * <p>Exit statuses: 0 success; 1 the guest or an I/O operation failed (hang, panic, timeout,
 * missing QEMU, unreadable file); 2 usage error. Errors are one line on stderr; a stack trace is
 * printed only for an unexpected internal error and only with {@code KHRONOS_DEBUG=1}.
 *
 * <p>Not thread-safe: one invocation per process.
 */
@Command(name = "khronos-os", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Run kbench and hlbench inside a booted KhronOS (QEMU or hardware) and compare with the JVM.",
        subcommands = {RunCommand.class, SweepCommand.class, CompareCommand.class, HardwareCommand.class,
                ParseCommand.class, ReportCommand.class})
public final class KhronosOs implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (run, sweep, compare, hardware, parse or report)");
    }

    /**
     * Runs the CLI and exits the JVM with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the CLI without exiting (for tests and embedding).
     *
     * @param args arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new KhronosOs());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String sub = ex.getCommandLine().getCommandName();
            err.println("khronos-os: " + oneLine(ex.getMessage()) + " (see 'khronos-os"
                    + (sub.equals("khronos-os") ? "" : " " + sub) + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof UserError u) {
                err.println("khronos-os: " + oneLine(u.getMessage()));
                return u.exitCode();
            }
            if (ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException) {
                err.println("khronos-os: " + oneLine(ex.getMessage()));
                return ex instanceof IllegalArgumentException ? 2 : 1;
            }
            err.println("khronos-os: internal error: " + oneLine(String.valueOf(ex))
                    + (debug() ? "" : " (set KHRONOS_DEBUG=1 for details)"));
            if (debug()) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        return cl.execute(args);
    }

    private static boolean debug() {
        return "1".equals(System.getenv("KHRONOS_DEBUG"));
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
