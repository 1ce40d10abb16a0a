package dev.khronos.mvrlu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a child process for a test without any way to hang the test: its output (stdout and
 * stderr together) goes to a temporary file, so no pipe can fill up and no read can block; the
 * test waits with a deadline; and the process and all its descendants are killed in a
 * {@code finally}, whatever happened. A child that misses its deadline fails the test with its
 * command, the end of its output and, for a JVM, its thread dump ({@code jcmd PID Thread.print}),
 * taken before it is killed.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class ChildProcess {
    /** How much of the output a failure message quotes. */
    private static final int TAIL_LINES = 40;
    private static final Duration DUMP_LIMIT = Duration.ofSeconds(20);

    /**
     * What a finished child left. (Not named "...Result": jcstress's start-up check takes every
     * class on a class-path directory whose name contains "Result" for one of its result types.)
     *
     * @param exitCode its exit status
     * @param output   stdout and stderr, interleaved as written
     */
    public record Completed(int exitCode, String output) {
    }

    private ChildProcess() {
    }

    /** @return the {@code java} launcher of the running JVM, for child JVMs */
    public static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * @param command the command and its arguments
     * @param limit   how long the child may run
     * @return its exit status and output
     * @throws IOException    if it cannot be started or its output cannot be read
     * @throws AssertionError if it does not finish within {@code limit}, or on interrupt
     */
    public static Completed run(List<String> command, Duration limit) throws IOException {
        return run(new ProcessBuilder(command), limit);
    }

    /**
     * As {@link #run(List, Duration)}, for a builder that sets a directory or environment; its
     * output redirection is replaced.
     */
    public static Completed run(ProcessBuilder builder, Duration limit) throws IOException {
        Path log = Files.createTempFile("khronos-child-", ".log");
        Process p = null;
        try {
            p = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished;
            try {
                finished = p.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + describe(builder.command()), e);
            }
            if (!finished) {
                String dump = isJava(builder.command()) ? "\n--- thread dump of the child JVM ---\n" + threadDump(p.pid()) : "";
                throw new AssertionError(describe(builder.command()) + " did not finish within " + limit.toSeconds()
                        + " s (killed); last output:\n" + tail(read(log)) + dump);
            }
            return new Completed(p.exitValue(), read(log));
        } finally {
            if (p != null) {
                destroyTree(p.toHandle());
            }
            Files.deleteIfExists(log);
        }
    }

    /**
     * Kills a process and every process it started, then waits a little for the exit. The list of
     * descendants is taken first (once the process is dead they are re-parented and no longer
     * listed) and the process is killed before them (so it cannot start new ones). Safe on a
     * process that has already ended.
     *
     * @param process the process
     */
    public static void destroyTree(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Still exiting after SIGKILL: nothing more to do from here.
        }
    }

    private static boolean isJava(List<String> command) {
        String exe = Path.of(command.get(0)).getFileName().toString();
        return exe.equals("java") || exe.equals("java.exe");
    }

    /** The child JVM's threads, from {@code jcmd}; the reason instead if it cannot be had. */
    private static String threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no thread dump: " + jcmd + " not found)";
        }
        try {
            return run(List.of(jcmd.toString(), Long.toString(pid), "Thread.print"), DUMP_LIMIT).output();
        } catch (IOException | AssertionError e) {
            return "(no thread dump: " + e.getMessage() + ")";
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return (lines.size() > TAIL_LINES ? "[... " + (lines.size() - TAIL_LINES) + " lines]\n" : "") + String.join("\n", last);
    }

    private static String describe(List<String> command) {
        String s = String.join(" ", command);
        return "'" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + "'";
    }
}
