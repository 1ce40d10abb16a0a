package dev.khronos.os.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunStatus;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.mvrlu.testing.Await;
import dev.khronos.os.console.ConsoleException;
import dev.khronos.os.console.ConsoleOptions;
import dev.khronos.os.console.SerialConsole;
import dev.khronos.os.parse.TranscriptParser;
import dev.khronos.os.testing.LinuxGuestFixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: boots Debian's cloud kernel in QEMU (software emulation unless KVM works) with a
 * busybox initramfs built here, and drives its {@code $ } shell through the module.
 * Needs {@code os-integration/ci/install-deps.sh}; fails without it under CI=true, skips otherwise.
 */
@Timeout(240)
class QemuLinuxGuestTest {

    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static Path kernel;
    static Path initrd;

    @BeforeAll
    static void buildInitramfs() throws Exception {
        kernel = LinuxGuestFixture.requireKernel();
        byte[] khronosLog;
        try (InputStream in = QemuLinuxGuestTest.class.getResourceAsStream(
                "/transcripts/khronos-qemu-kbench-hlbench.console.log")) {
            khronosLog = in.readAllBytes();
        }
        initrd = LinuxGuestFixture.buildInitramfs(dir, List.of(Map.entry("/khronos.log", khronosLog)));
    }

    @AfterEach
    void noQemuIsLeftBehind() {
        Await.condition(Await.GENEROUS, () -> ProcessHandle.current().descendants()
                        .noneMatch(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false)),
                "every QEMU this test started has exited");
    }

    static GuestSpec spec() {
        return GuestSpec.linux(kernel, initrd).withCpus(2);
    }

    static ConsoleOptions options() {
        // busybox's shell takes LF or CR; the KhronOS settings (CR, 128-byte lines) work as they are.
        return ConsoleOptions.khronos();
    }

    @Test
    void bootsRunsCommandsTimesOutOnPurposeAndPowersOff() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Path transcript = dir.resolve("e2e/console.log");
        long t0 = System.nanoTime();
        QemuGuest guest = QemuGuest.boot(spec(), options(), transcript, log::add, null);
        double bootSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("booted in %.1f s, accelerator %s, log %s%n", bootSeconds, guest.accelNote(), log);
        try {
            if (KvmProbe.unusableReason().isPresent()) {
                assertFalse(guest.usesKvm());
                assertTrue(log.stream().anyMatch(l -> l.startsWith("KVM unusable")), "the fallback is reported: " + log);
            }
            SerialConsole c = guest.console();
            assertEquals("hello-42\n", c.run("echo hello-$((6*7))", T, T).output());
            String release = kernel.getFileName().toString().substring("vmlinuz-".length());
            assertEquals(release + "\n", c.run("uname -r", T, T).output());
            assertEquals("2\n", c.run("grep -c ^processor /proc/cpuinfo", T, T).output(), "--cpus reaches the guest");

            // Real KhronOS output, typed out by the guest over its serial line, parsed into records.
            String out = c.run("cat /khronos.log; echo", T, T).output();
            List<BenchmarkRun> runs = new TranscriptParser().parse(out, guest.source()).runs();
            assertEquals(8, runs.size());
            assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.COMPLETE));
            assertEquals(4063391, runs.get(0).counters().reads());
            assertEquals(SourceKind.KHRONOS_QEMU, runs.get(0).source().kind());
            assertEquals(2, runs.get(0).source().cpus());
            assertTrue(runs.get(0).source().kernelImage().startsWith(kernel.getFileName() + " sha256:"));

            // A hang on purpose: no output for 2 s.
            ConsoleException hang = assertThrows(ConsoleException.class, () -> c.run("sleep 30", T, Duration.ofSeconds(2)));
            assertEquals(ConsoleException.Kind.HANG, hang.kind());
            c.interrupt();
            c.awaitPrompt(T, T, null);
            // A per-command timeout on purpose: output keeps coming, the budget runs out.
            ConsoleException timeout = assertThrows(ConsoleException.class,
                    () -> c.run("while true; do echo tick; sleep 0.2; done", Duration.ofSeconds(3), T));
            assertEquals(ConsoleException.Kind.TIMEOUT, timeout.kind());
            assertTrue(timeout.partialOutput().contains("tick\ntick\n"), timeout.partialOutput());
            c.interrupt();
            c.awaitPrompt(T, T, null);
            assertEquals("still here\n", c.run("echo still here", T, T).output());
        } finally {
            guest.close();
        }
        assertEquals(OptionalInt.of(0), guest.exitValue(), "poweroff -f ends QEMU with status 0");
        String raw = Files.readString(transcript, StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("hello-42\r\n"), "transcript saved");
        assertTrue(raw.contains("#### B ####"));
    }

    @Test
    void kernelPanicIsDetectedFromTheText() throws Exception {
        QemuGuest guest = QemuGuest.boot(spec(), options(), dir.resolve("panic/console.log"), m -> { }, null);
        try {
            ConsoleException e = assertThrows(ConsoleException.class,
                    () -> guest.console().run("echo c > /proc/sysrq-trigger", T, T));
            assertEquals(ConsoleException.Kind.PANIC, e.kind());
            assertTrue(e.getMessage().startsWith("kernel panic: "), e.getMessage());
            assertTrue(e.getMessage().contains("Kernel panic - not syncing: sysrq triggered crash"), e.getMessage());
            // panic=-1 reboots at once and -no-reboot turns that into an exit with status 0,
            // like a KhronOS panic: the exit status says nothing, the text does.
            assertEquals(OptionalInt.of(0), guest.awaitExit(Duration.ofSeconds(30)));
        } finally {
            guest.kill();
        }
    }

    @Test
    void kvmFailureAtRunTimeFallsBackToSoftwareEmulation() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        // Try KVM first even where the probe would skip it, as on a host whose /dev/kvm exists
        // but cannot run the guest.
        QemuGuest guest = QemuGuest.boot(spec().withAccel(Accel.AUTO), options(), dir.resolve("kvm/console.log"),
                log::add, null, List.of(true, false), null);
        try {
            if (guest.usesKvm()) {
                System.err.println("KVM works on this host; the fallback path was not needed");
                assertEquals("KVM", guest.accelNote());
            } else {
                assertTrue(log.stream().anyMatch(l -> l.startsWith("KVM failed") && l.endsWith("falling back to software emulation (TCG)")), log.toString());
                assertTrue(guest.accelNote().startsWith("TCG (KVM failed"), guest.accelNote());
                assertTrue(guest.source().machine().contains("TCG"), guest.source().machine());
            }
            assertEquals("ok\n", guest.console().run("echo ok", T, T).output());
        } finally {
            guest.close();
        }
    }

    @Test
    void bootBudgetTooShortIsAClearError() {
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> QemuGuest.boot(
                spec().withBootTimeout(Duration.ofMillis(300)), options(), dir.resolve("short/console.log"), m -> { }, null));
        assertTrue(e.getMessage().startsWith("the guest did not reach the prompt: no prompt after 0.3 s"), e.getMessage());
    }
}
