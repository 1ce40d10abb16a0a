package dev.khronos.os.guest;

import dev.khronos.os.process.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies the host, the emulator and kernel images for result records and reports.
 * Stateless and thread-safe.
 */
public final class HostInfo {

    private static final Pattern MODEL = Pattern.compile("^model name\\s*:\\s*(.+)$", Pattern.MULTILINE);

    private HostInfo() {
    }

    /** @return host name, CPU model and CPU count, e.g. {@code ci-1 (Intel Xeon ..., 2 CPUs)} */
    public static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "unknown-host";
        }
        String model = null;
        try {
            Matcher m = MODEL.matcher(Files.readString(Path.of("/proc/cpuinfo")));
            if (m.find()) {
                model = m.group(1).strip().replaceAll("\\s+", " ");
            }
        } catch (IOException e) {
            // Not Linux: the model stays unknown.
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        return name + " (" + (model == null ? "" : model + ", ") + cpus + " host CPUs)";
    }

    /**
     * @param qemuBinary the QEMU executable
     * @return its version line, e.g. {@code QEMU emulator version 7.2.22}, or the binary name if
     *         it cannot be run
     */
    public static String qemuVersion(String qemuBinary) {
        try {
            String out = ChildProcesses.run(List.of(qemuBinary, "--version"), Duration.ofSeconds(10))
                    .map(ChildProcesses.Completed::output).orElse("");
            String first = out.lines().findFirst().orElse(qemuBinary).strip();
            return first.replaceFirst("\\s*\\(.*\\)$", "");
        } catch (IOException e) {
            return qemuBinary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return qemuBinary;
        }
    }

    /**
     * @param image a kernel image
     * @return its file name and the first 16 hex digits of its SHA-256, e.g.
     *         {@code kernel.elf sha256:0123456789abcdef}, so that runs name the exact image
     */
    public static String imageId(Path image) {
        try (InputStream in = Files.newInputStream(image)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            String hex = HexFormat.of().formatHex(md.digest()).substring(0, 16);
            return image.getFileName() + " sha256:" + hex.toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return image.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
