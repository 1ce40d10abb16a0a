package dev.khronos.os;

import dev.khronos.os.guest.Accel;
import dev.khronos.os.guest.GuestSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * QEMU options shared by {@code run} and {@code sweep} (a picocli mixin). The defaults boot a
 * KhronOS HW=qemu {@code kernel.elf}. Not thread-safe; filled in by picocli.
 */
public final class QemuSettings {

    @Option(names = "--kernel", paramLabel = "IMAGE", description = "Kernel image: KhronOS o.qemu/kernel.elf, or a Linux bzImage with --initrd.")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE", description = "Initramfs (for a Linux kernel).")
    Path initrd;

    @Option(names = "--append", paramLabel = "CMDLINE", description = "Kernel command line.")
    String append;

    @Option(names = "--cpus", paramLabel = "N", description = "Guest CPUs; a KhronOS HW=qemu build needs 16 (default: ${DEFAULT-VALUE}).")
    int cpus = 16;

    @Option(names = "--memory", paramLabel = "MB", description = "Guest memory in MB (default: ${DEFAULT-VALUE}).")
    int memoryMb = 4096;

    @Option(names = "--accel", paramLabel = "auto|kvm|tcg",
            description = "Accelerator: auto uses KVM when it works and falls back to software emulation (default: ${DEFAULT-VALUE}).")
    String accel = "auto";

    @Option(names = "--boot-timeout", paramLabel = "SECONDS", description = "Time allowed to reach the prompt (default: ${DEFAULT-VALUE}).")
    int bootTimeoutSeconds = 300;

    @Option(names = "--shutdown-command", paramLabel = "CMD", description = "Command that powers the guest off (default: ${DEFAULT-VALUE}).")
    String shutdownCommand = "halt";

    @Option(names = "--qemu", paramLabel = "BINARY", description = "QEMU executable (default: ${DEFAULT-VALUE}).")
    String qemu = "qemu-system-x86_64";

    @Option(names = "--no-network", description = "Do not give the guest an e1000 NIC.")
    boolean noNetwork;

    GuestSpec spec() {
        if (kernel == null) {
            throw new UserError("missing --kernel IMAGE", 2);
        }
        Accel a;
        try {
            a = Accel.valueOf(accel.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--accel must be auto, kvm or tcg: " + accel, 2);
        }
        if (bootTimeoutSeconds <= 0) {
            throw new UserError("--boot-timeout must be > 0", 2);
        }
        try {
            GuestSpec s = new GuestSpec(kernel, initrd, append, cpus, memoryMb, a, !noNetwork, qemu,
                    Duration.ofSeconds(bootTimeoutSeconds), shutdownCommand, List.of());
            s.checkFiles();
            return s;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }
}
