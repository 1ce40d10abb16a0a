package dev.khronos.os.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.khronos.os.process.ChildProcesses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds what the end-to-end tests need (QEMU, Debian's cloud kernel unpacked by
 * {@code os-integration/ci/install-deps.sh}, a static busybox) and builds a busybox initramfs
 * whose shell prompt is {@code $ } on ttyS0. Missing pieces fail the test when {@code CI=true}
 * and skip it with a visible message otherwise. Stateless and thread-safe.
 */
public final class LinuxGuestFixture {

    /** The /init of the test initramfs. */
    public static final String INIT = String.join("\n",
            "#!/bin/busybox sh",
            "/bin/busybox mount -t proc proc /proc",
            "/bin/busybox mount -t sysfs sysfs /sys",
            "/bin/busybox mount -t devtmpfs devtmpfs /dev",
            "/bin/busybox --install -s /bin",
            "export PATH=/bin",
            "export PS1='$ '",
            // Only KERN_EMERG reaches the console: no stray kernel lines after the prompt, but
            // "Kernel panic - not syncing" (emerg) still does.
            "echo 1 > /proc/sys/kernel/printk",
            "echo 'init complete'",
            // setsid + cttyhack give the shell ttyS0 as controlling terminal, so Ctrl-C works.
            "exec setsid cttyhack sh",
            "");

    private LinuxGuestFixture() {
    }

    /** @return the kernel: $KHRONOS_TEST_LINUX_KERNEL, else the newest vmlinuz in the cache */
    public static Optional<Path> kernel() {
        String explicit = System.getenv("KHRONOS_TEST_LINUX_KERNEL");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isRegularFile);
        }
        String cache = System.getenv("KHRONOS_CACHE");
        if (cache == null || cache.isBlank()) {
            cache = System.getProperty("khronos.cache.default", "/var/cache/khronos-j");
        }
        Path boot = Path.of(cache, "linux-cloud", "boot");
        if (!Files.isDirectory(boot)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(boot)) {
            return s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return whether qemu-system-x86_64 runs */
    public static boolean qemuAvailable() {
        try {
            return ChildProcesses.run(List.of("qemu-system-x86_64", "--version"), Duration.ofSeconds(20))
                    .map(r -> r.exitCode() == 0).orElse(false);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the static busybox of Debian's busybox-static */
    public static Optional<Path> busybox() {
        return Stream.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox")).filter(Files::isRegularFile).findFirst();
    }

    /**
     * Returns the kernel if QEMU, kernel and busybox are all there; otherwise fails (CI) or skips.
     *
     * @return the kernel image
     */
    public static Path requireKernel() {
        Optional<Path> kernel = kernel();
        String missing = !qemuAvailable() ? "qemu-system-x86_64 is not installed"
                : kernel.isEmpty() ? "Debian's cloud kernel is not unpacked under $KHRONOS_CACHE (default /var/cache/khronos-j)"
                : busybox().isEmpty() ? "busybox-static is not installed" : null;
        if (missing != null) {
            String msg = missing + ": run 'bash os-integration/ci/install-deps.sh'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + msg);
            }
            System.err.println("SKIPPED end-to-end QEMU test: " + msg);
            Assumptions.abort(msg);
        }
        return kernel.get();
    }

    /**
     * Builds the initramfs: busybox, /init, the usual mount points, /dev/console, and extra files.
     *
     * @param dir   where to write {@code initramfs.cpio}
     * @param extra extra files (absolute guest path to content)
     * @return the archive
     * @throws IOException on write failure
     */
    public static Path buildInitramfs(Path dir, List<java.util.Map.Entry<String, byte[]>> extra) throws IOException {
        return buildInitramfs(dir, extra, List.of());
    }

    /**
     * As {@link #buildInitramfs(Path, List)}, plus executables (e.g. {@code /bin/kbench} scripts
     * that stand in for KhronOS's benchmarks).
     *
     * @param dir         where to write {@code initramfs.cpio}
     * @param extra       extra files (absolute guest path to content), mode 0644
     * @param executables extra files with mode 0755
     * @return the archive
     * @throws IOException on write failure
     */
    public static Path buildInitramfs(Path dir, List<java.util.Map.Entry<String, byte[]>> extra,
                                      List<java.util.Map.Entry<String, byte[]>> executables) throws IOException {
        Path cpio = dir.resolve("initramfs.cpio");
        byte[] busybox = Files.readAllBytes(busybox().orElseThrow());
        try (OutputStream out = Files.newOutputStream(cpio); CpioNewcWriter w = new CpioNewcWriter(out)) {
            for (String d : List.of("bin", "proc", "sys", "dev", "tmp")) {
                w.directory(d);
            }
            w.charDevice("dev/console", 0600, 5, 1);
            w.file("bin/busybox", 0755, busybox);
            w.file("init", 0755, INIT.getBytes(StandardCharsets.US_ASCII));
            for (var e : extra) {
                w.file(e.getKey().replaceFirst("^/", ""), 0644, e.getValue());
            }
            for (var e : executables) {
                w.file(e.getKey().replaceFirst("^/", ""), 0755, e.getValue());
            }
        }
        return cpio;
    }
}
