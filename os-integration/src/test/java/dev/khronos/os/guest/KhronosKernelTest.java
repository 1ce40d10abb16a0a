package dev.khronos.os.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.os.console.CommandResult;
import dev.khronos.os.console.ConsoleOptions;
import dev.khronos.os.parse.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: the same flow against a real KhronOS {@code kernel.elf} (HW=qemu build, see the module
 * README). Set {@code KHRONOS_KERNEL=/path/to/o.qemu/kernel.elf}; without it the test is skipped
 * with a message. Boots with the KhronOS defaults (-smp 16, 4 GB, e1000), runs one kbench and one
 * hlbench, parses both, and halts. Expect a few minutes under TCG.
 */
@Timeout(1200)
class KhronosKernelTest {

    @Test
    void bootsKhronosRunsKbenchAndHlbenchAndHalts(@TempDir Path dir) throws Exception {
        String env = System.getenv("KHRONOS_KERNEL");
        if (env == null || env.isBlank() || !Files.isRegularFile(Path.of(env))) {
            String msg = "KHRONOS_KERNEL is not set to a KhronOS kernel.elf; the real-KhronOS test is opt-in";
            System.err.println("SKIPPED " + msg);
            Assumptions.abort(msg);
        }
        Path transcript = dir.resolve("khronos.console.log");
        QemuGuest guest = QemuGuest.boot(GuestSpec.khronos(Path.of(env)), ConsoleOptions.khronos(), transcript,
                m -> System.err.println("khronos-test: " + m), null);
        try {
            TranscriptParser parser = new TranscriptParser();
            Duration timeout = Duration.ofMinutes(3);
            CommandResult kb = guest.console().run("kbench -t 2 -d 1000 -s 0", timeout, timeout);
            List<BenchmarkRun> kruns = parser.parse("$ " + kb.command() + "\n" + kb.output(), guest.source()).runs();
            assertEquals(1, kruns.size(), kb.output());
            assertEquals(RunStatus.COMPLETE, kruns.get(0).status());
            assertEquals("spinlock", kruns.get(0).sync());
            assertTrue(kruns.get(0).sizeCheck().passed());
            assertTrue(kruns.get(0).counters().adds() != null, "kernel per-thread counters were read");

            CommandResult hl = guest.console().run("hlbench_spin 2 100 10 1000 200 200", timeout, timeout);
            List<BenchmarkRun> hruns = parser.parse("$ " + hl.command() + "\n" + hl.output(), guest.source()).runs();
            assertEquals(1, hruns.size(), hl.output());
            assertEquals("spin", hruns.get(0).sync());
            assertEquals(RunStatus.COMPLETE, hruns.get(0).status());
        } finally {
            guest.close();
        }
        assertEquals(OptionalInt.of(0), guest.exitValue(), "halt powers QEMU off with status 0");
    }
}
