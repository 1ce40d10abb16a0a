package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One hlbench run in a fresh JVM of the same class path (the running {@code hlbench.jar}), so that
 * each run has its own JIT profile and heap: {@code java JVM_ARGS -cp CP Hlbench ARGS --record FILE}.
 * Used by {@code hlbench sweep} (its {@code point} sub-command) and {@code hlbench compare} (the
 * user-facing command lines).
 *
 * <p>The child's standard output and error go to a log file, never to a pipe that could fill up;
 * the child hands its record back as JSON in a temporary file. The parent waits with a deadline and
 * destroys the child and its descendants in a {@code finally}, whatever happened, and from a
 * shutdown hook while it runs (so that Ctrl-C of a sweep or comparison leaves no JVM behind).
 *
 * <p>Thread-safety: stateless; each call owns its child process.
 */
final class ForkedRun {
    /** How long a killed child gets to go away before the parent stops waiting for it. */
    private static final long REAP_SECONDS = 10;

    /**
     * What came back from the child.
     *
     * @param record    its record, or {@code null} when it wrote none (crashed, killed, usage error)
     * @param exitCode  its exit status, or -1 when it was killed at the deadline
     * @param failure   one line saying why there is no record (the log's last line, or the deadline),
     *                  or {@code null}
     * @param wallNanos from the child's start to its end (or to the deadline)
     */
    record Outcome(BenchmarkRun record, int exitCode, String failure, long wallNanos) {
    }

    private ForkedRun() {
    }

    private static void destroyTree(Process proc) {
        List<ProcessHandle> children = proc.descendants().toList();   // listed while still attached
        proc.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * @param jvmArgs  options for the child JVM (e.g. {@code -Xlog:gc:file=...})
     * @param args     the hlbench arguments, without {@code --record}
     * @param log      where the child's output goes (replaced)
     * @param deadline how long to wait before killing it
     * @return the outcome
     * @throws IOException          if the child cannot be started or its files cannot be read
     * @throws InterruptedException if interrupted while waiting (the child is destroyed)
     */
    static Outcome run(List<String> jvmArgs, List<String> args, Path log, Duration deadline)
            throws IOException, InterruptedException {
        Path record = Files.createTempFile("hlbench-run", ".json");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Hlbench.class.getName());
            cmd.addAll(args);
            cmd.add("--record");
            cmd.add(record.toString());
            long t0 = System.nanoTime();
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // Ctrl-C of the parent ends it through its shutdown hooks, not through an interrupt: take the child along.
            Thread onExit = new Thread(() -> destroyTree(proc), "hlbench-forked-run-reaper");
            Runtime.getRuntime().addShutdownHook(onExit);
            try {
                if (!proc.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new Outcome(null, -1, "killed after " + deadline.toSeconds() + " s", System.nanoTime() - t0);
                }
            } finally {
                if (proc.isAlive()) {
                    destroyTree(proc);
                    proc.waitFor(REAP_SECONDS, TimeUnit.SECONDS);
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it destroys the child
                }
            }
            long wall = System.nanoTime() - t0;
            String json = Files.readString(record).strip();
            if (json.isEmpty()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
                return new Outcome(null, proc.exitValue(), "exit " + proc.exitValue() + ": " + last, wall);
            }
            return new Outcome(ResultJson.fromJson(json), proc.exitValue(), null, wall);
        } finally {
            Files.deleteIfExists(record);
        }
    }
}
