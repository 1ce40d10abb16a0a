package dev.khronos.hlbench.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line description of this machine for result records: host, CPU model, OS and JVM.
 *
 * <p>Thread-safety: thread-safe; the description is computed once.
 */
public final class Machine {
    private static volatile String description;

    private Machine() {
    }

    /** @return e.g. {@code host; Intel(R) Xeon(R) ...; Linux 6.1 amd64; OpenJDK 64-Bit Server VM 17.0.15} */
    public static String describe() {
        String d = description;
        if (d == null) {
            d = host() + "; " + cpuModel() + "; " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + " " + System.getProperty("os.arch") + "; " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version");
            description = d;
        }
        return d;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown-host";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "cpu unknown";
    }
}
