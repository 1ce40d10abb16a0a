package dev.khronos.os.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.mvrlu.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Helper commands end within their deadline, and nothing they started outlives them. */
@Timeout(60)
class ChildProcessesTest {

    /** A sleep duration no other process has: {@code seconds.<random>}, to find the sleep by its argument. */
    private static String unique(int seconds) {
        return seconds + "." + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    private static boolean running(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> List.of(a).contains(marker)).orElse(false));
    }

    @Test
    void runReturnsTheExitStatusAndTheInterleavedOutput() throws Exception {
        ChildProcesses.Completed r = ChildProcesses.run(List.of("sh", "-c", "echo out; echo err >&2; exit 4"),
                Duration.ofSeconds(30)).orElseThrow();
        assertEquals(4, r.exitCode());
        assertEquals("out\nerr\n", r.output());
    }

    @Test
    void aCommandPastItsDeadlineIsKilledWithItsDescendants() throws Exception {
        // A shell whose children keep running (and would keep a pipe open): both sleeps must go.
        String first = unique(600);
        String second = unique(600);
        Optional<ChildProcesses.Completed> r = ChildProcesses.run(List.of("sh", "-c", "sleep " + first + " & sleep " + second),
                Duration.ofSeconds(2));
        assertTrue(r.isEmpty());
        Await.condition(Await.GENEROUS, () -> !running(first) && !running(second), "the shell's sleeps are gone");
    }

    @Test
    void destroyTreeAsksFirstThenForces() throws Exception {
        // The shell and its children ignore SIGTERM (and the shell would start another child once the first
        // dies): all must end, by SIGKILL after the grace, the shell first.
        String first = unique(600);
        String second = unique(600);
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep " + first + " & wait; sleep " + second)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            Await.condition(Await.GENEROUS, () -> running(first), "the shell started its child");
            ChildProcesses.destroyTree(p.toHandle(), Duration.ofMillis(500));
            assertTrue(!p.isAlive(), "the shell, deaf to SIGTERM, was killed");
            Await.condition(Await.GENEROUS, () -> !running(first) && !running(second), "its children are gone");
        } finally {
            ChildProcesses.destroyTree(p.toHandle(), Duration.ZERO);
        }
    }
}
