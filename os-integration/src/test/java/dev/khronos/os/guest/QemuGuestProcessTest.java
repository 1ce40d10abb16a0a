package dev.khronos.os.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.khronos.mvrlu.testing.Await;
import dev.khronos.mvrlu.testing.ChildProcess;
import dev.khronos.os.console.ConsoleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * QEMU never outlives the JVM that started it: a JVM that exits while a guest is open (or still
 * booting) kills QEMU through a shutdown hook. Uses a stand-in "QEMU" (a shell script that records
 * its pid and sleeps), so no emulator is needed.
 */
@Timeout(120)
class QemuGuestProcessTest {

    @Test
    void aJvmThatExitsDuringBootKillsQemu(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("qemu.pid");
        Path fakeQemu = dir.resolve("fake-qemu");
        Files.writeString(fakeQemu, "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec sleep 300\n");
        Files.setPosixFilePermissions(fakeQemu, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path kernel = Files.writeString(dir.resolve("kernel"), "not a kernel");
        ChildProcess.Completed r = ChildProcess.run(List.of(ChildProcess.javaLauncher(), "-cp",
                System.getProperty("java.class.path"), BootThenExit.class.getName(), fakeQemu.toString(),
                kernel.toString(), dir.resolve("console.log").toString(), pidFile.toString()), Duration.ofSeconds(90));
        assertEquals(0, r.exitCode(), r.output());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Await.condition(Await.GENEROUS, () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the stand-in QEMU (pid " + pid + ") was killed when the JVM exited");
        assertFalse(r.output().contains("booted"), r.output());
    }

    /** Boots a guest with a stand-in QEMU on a daemon thread and exits the JVM once QEMU runs. */
    public static final class BootThenExit {
        public static void main(String[] args) throws Exception {
            GuestSpec spec = new GuestSpec(Path.of(args[1]), null, null, 1, 64, Accel.TCG, false, args[0],
                    Duration.ofSeconds(60), "halt", List.of());
            Thread boot = new Thread(() -> {
                try {
                    QemuGuest.boot(spec, ConsoleOptions.khronos(), Path.of(args[2]), m -> { }, null);
                    System.out.println("booted");
                } catch (Exception e) {
                    System.out.println("boot failed: " + e.getMessage());
                }
            });
            boot.setDaemon(true);
            boot.start();
            Path pidFile = Path.of(args[3]);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // QEMU runs, and the boot waits for its console (past the point where the shutdown hook is set).
            while (!hasPid(pidFile) || !connecting(boot)) {
                if (System.nanoTime() - deadline > 0) {
                    System.out.println("the stand-in QEMU never started");
                    System.exit(2);
                }
                Thread.sleep(20);
            }
            System.exit(0);
        }

        private static boolean connecting(Thread boot) {
            for (StackTraceElement f : boot.getStackTrace()) {
                if (f.getClassName().equals("dev.khronos.os.console.TcpTransport") && f.getMethodName().equals("connect")) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasPid(Path f) {
            try {
                return Files.exists(f) && !Files.readString(f).isBlank();
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
