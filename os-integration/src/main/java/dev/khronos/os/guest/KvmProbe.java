package dev.khronos.os.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides before launch whether KVM can work here.
 *
 * <p>{@code /dev/kvm} can exist and still be useless: inside a VM without nested virtualisation
 * the device is there but the CPU has no {@code vmx}/{@code svm} flag, and a KhronOS guest then
 * dies with "KVM internal error ... emulation failure". This probe catches the cases visible from
 * outside; {@link QemuGuest} additionally watches QEMU's stderr for KVM errors at run time and
 * falls back to TCG then. Stateless and thread-safe.
 */
public final class KvmProbe {

    private static final Pattern VIRT_FLAG = Pattern.compile("^flags\\s*:.*\\b(vmx|svm)\\b", Pattern.MULTILINE);

    private KvmProbe() {
    }

    /**
     * @return why KVM cannot be used on this host, or empty if it may be
     */
    public static Optional<String> unusableReason() {
        return unusableReason(Path.of("/dev/kvm"), Path.of("/proc/cpuinfo"));
    }

    /**
     * @param device  the KVM device
     * @param cpuinfo the CPU description file
     * @return why KVM cannot be used, or empty if it may be
     */
    public static Optional<String> unusableReason(Path device, Path cpuinfo) {
        if (!Files.exists(device)) {
            return Optional.of(device + " does not exist");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            return Optional.of(device + " is not readable and writable by this user");
        }
        try {
            String info = Files.readString(cpuinfo);
            if (!VIRT_FLAG.matcher(info).find()) {
                return Optional.of("the CPU has no vmx/svm flag (a VM without nested virtualisation)");
            }
        } catch (IOException e) {
            // No cpuinfo (not Linux?): let QEMU try; the run-time fallback still applies.
        }
        return Optional.empty();
    }
}
