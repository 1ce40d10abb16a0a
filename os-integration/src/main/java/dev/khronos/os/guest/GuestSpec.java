package dev.khronos.os.guest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to boot in QEMU and how. Immutable and thread-safe.
 *
 * @param kernel          kernel image: a KhronOS {@code kernel.elf} (multiboot) or a Linux bzImage
 * @param initrd          initramfs for a Linux kernel, or {@code null}
 * @param append          kernel command line, or {@code null}
 * @param cpus            guest CPUs ({@code -smp}); a KhronOS HW=qemu build needs 16
 * @param memoryMb        guest memory ({@code -m})
 * @param accel           accelerator choice
 * @param network         whether to give the guest an e1000 NIC on QEMU's user network (KhronOS
 *                        probes for an e1000; the network is never reachable from outside)
 * @param qemuBinary      the QEMU executable
 * @param bootTimeout     budget from launch to the first prompt
 * @param shutdownCommand command that powers the guest off ({@code halt} for KhronOS)
 * @param extraArgs       further QEMU arguments
 */
public record GuestSpec(Path kernel, Path initrd, String append, int cpus, int memoryMb, Accel accel,
                        boolean network, String qemuBinary, Duration bootTimeout, String shutdownCommand,
                        List<String> extraArgs) {

    /** Validates the spec. */
    public GuestSpec {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(accel, "accel");
        if (cpus < 1 || cpus > 255) {
            throw new IllegalArgumentException("cpus must be in 1..255: " + cpus);
        }
        if (memoryMb < 16) {
            throw new IllegalArgumentException("memory must be at least 16 MB: " + memoryMb);
        }
        extraArgs = List.copyOf(extraArgs);
    }

    /**
     * The settings that boot a KhronOS HW=qemu build under QEMU 7.2 (khronos-reference §7.1):
     * 16 CPUs, 4 GB, e1000 NIC, {@code halt} to power off, 5 minutes to reach the prompt (17-22 s
     * were measured under TCG on a fast host; -smp 16 on two host cores is slower).
     *
     * @param kernel the kernel.elf
     * @return the spec
     */
    public static GuestSpec khronos(Path kernel) {
        return new GuestSpec(kernel, null, null, 16, 4096, Accel.AUTO, true, "qemu-system-x86_64",
                Duration.ofMinutes(5), "halt", List.of());
    }

    /**
     * A Linux kernel with an initramfs whose shell is on the first serial port.
     *
     * @param kernel the bzImage
     * @param initrd the initramfs
     * @return the spec: 1 CPU, 256 MB, {@code console=ttyS0}, {@code poweroff -f} to stop
     */
    public static GuestSpec linux(Path kernel, Path initrd) {
        return new GuestSpec(kernel, initrd, "console=ttyS0 quiet panic=-1", 1, 256, Accel.AUTO, false,
                "qemu-system-x86_64", Duration.ofMinutes(2), "poweroff -f", List.of());
    }

    /** @param n guest CPUs @return a copy */
    public GuestSpec withCpus(int n) {
        return new GuestSpec(kernel, initrd, append, n, memoryMb, accel, network, qemuBinary, bootTimeout, shutdownCommand, extraArgs);
    }

    /** @param mb guest memory in MB @return a copy */
    public GuestSpec withMemoryMb(int mb) {
        return new GuestSpec(kernel, initrd, append, cpus, mb, accel, network, qemuBinary, bootTimeout, shutdownCommand, extraArgs);
    }

    /** @param a accelerator choice @return a copy */
    public GuestSpec withAccel(Accel a) {
        return new GuestSpec(kernel, initrd, append, cpus, memoryMb, a, network, qemuBinary, bootTimeout, shutdownCommand, extraArgs);
    }

    /** @param d boot budget @return a copy */
    public GuestSpec withBootTimeout(Duration d) {
        return new GuestSpec(kernel, initrd, append, cpus, memoryMb, accel, network, qemuBinary, d, shutdownCommand, extraArgs);
    }

    /** @param cmd shutdown command @return a copy */
    public GuestSpec withShutdownCommand(String cmd) {
        return new GuestSpec(kernel, initrd, append, cpus, memoryMb, accel, network, qemuBinary, bootTimeout, cmd, extraArgs);
    }

    /** @param text kernel command line @return a copy */
    public GuestSpec withAppend(String text) {
        return new GuestSpec(kernel, initrd, text, cpus, memoryMb, accel, network, qemuBinary, bootTimeout, shutdownCommand, extraArgs);
    }

    /** @param path initramfs @return a copy */
    public GuestSpec withInitrd(Path path) {
        return new GuestSpec(kernel, path, append, cpus, memoryMb, accel, network, qemuBinary, bootTimeout, shutdownCommand, extraArgs);
    }

    /**
     * Checks that the files exist, so that a typo is reported before QEMU starts.
     *
     * @throws IllegalArgumentException naming the missing file
     */
    public void checkFiles() {
        if (!Files.isRegularFile(kernel)) {
            throw new IllegalArgumentException("kernel image not found: " + kernel);
        }
        if (initrd != null && !Files.isRegularFile(initrd)) {
            throw new IllegalArgumentException("initramfs not found: " + initrd);
        }
    }

    /**
     * The QEMU command line for one launch.
     *
     * @param useKvm whether to use KVM (else TCG)
     * @param port   loopback port of the serial console server QEMU opens
     * @return the command line
     */
    public List<String> commandLine(boolean useKvm, int port) {
        List<String> c = new ArrayList<>();
        c.add(qemuBinary);
        if (useKvm) {
            c.addAll(List.of("-accel", "kvm", "-cpu", "host"));
        } else {
            c.addAll(List.of("-accel", "tcg"));
        }
        c.addAll(List.of("-smp", Integer.toString(cpus), "-m", Integer.toString(memoryMb)));
        // No display or monitor; -no-reboot turns a guest reset (triple fault, reboot) into an exit.
        c.addAll(List.of("-display", "none", "-monitor", "none", "-no-reboot"));
        if (network) {
            c.addAll(List.of("-net", "user", "-net", "nic,model=e1000"));
        } else {
            c.addAll(List.of("-nic", "none"));
        }
        c.addAll(List.of("-kernel", kernel.toString()));
        if (initrd != null) {
            c.addAll(List.of("-initrd", initrd.toString()));
        }
        if (append != null) {
            c.addAll(List.of("-append", append));
        }
        // wait=on: the guest starts only once we are connected, so no console byte is lost.
        c.addAll(List.of("-serial", "tcp:127.0.0.1:" + port + ",server=on,wait=on"));
        c.addAll(extraArgs);
        return c;
    }
}
