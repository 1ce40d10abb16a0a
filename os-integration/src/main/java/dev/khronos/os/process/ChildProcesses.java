package dev.khronos.os.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs short helper commands and ends long-running children without leaving anything behind.
 *
 * <p>{@link #run} sends a command's output (stdout and stderr together) to a temporary file, so no
 * pipe can fill up and no read can block after the command ends while a grandchild still holds
 * the pipe; it waits with a deadline and kills the whole tree in a {@code finally}.
 * {@link #destroyTree} takes the list of descendants before signalling anything (a killed shell's
 * children are re-parented and would otherwise be missed), asks politely, then forces.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class ChildProcesses {

    /**
     * A command that ended within its deadline.
     *
     * @param exitCode its exit status
     * @param output   stdout and stderr, interleaved as written
     */
    public record Completed(int exitCode, String output) {
    }

    private ChildProcesses() {
    }

    /**
     * Runs a command to completion within {@code limit}.
     *
     * @param command the command and its arguments
     * @param limit   how long it may run
     * @return what it left, or empty if it did not end within {@code limit} (it has been killed)
     * @throws IOException          if it cannot be started or its output read
     * @throws InterruptedException if interrupted while waiting (the command has been killed)
     */
    public static Optional<Completed> run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile("khronos-os-child-", ".log");
        Process p = null;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
            return Optional.of(new Completed(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8)));
        } finally {
            if (p != null) {
                destroyTree(p.toHandle(), Duration.ZERO);
            }
            Files.deleteIfExists(log);
        }
    }

    /**
     * Ends a process and all its descendants: SIGTERM to all, up to {@code grace} for the process
     * to exit, then SIGKILL to whatever is left, and a short wait for the exit to be reaped. Safe on
     * a process that has already ended; does not throw.
     *
     * @param process the process
     * @param grace   how long it may take to exit after SIGTERM; {@link Duration#ZERO} to kill at once
     */
    public static void destroyTree(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        boolean interrupted = false;
        if (!grace.isZero()) {
            process.destroy();
            tree.forEach(ProcessHandle::destroy);
            try {
                process.onExit().get(grace.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (Exception e) {
                // Still running: forced below.
            }
        }
        // The parent first, so that it cannot start anything new; then every descendant seen before
        // or just before (once it is dead its children are re-parented and no longer listed).
        List<ProcessHandle> now = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        now.forEach(ProcessHandle::destroyForcibly);
        if (!interrupted) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (Exception e) {
                // SIGKILL sent; the kernel reaps it.
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
