package dev.khronos.os.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a hardware console is: {@code tcp://HOST:PORT} or a device path such as
 * {@code /dev/ttyS0}. Immutable and thread-safe.
 *
 * @param host   TCP host, or {@code null} for a device
 * @param port   TCP port, or 0 for a device
 * @param device device path, or {@code null} for TCP
 */
public record ConsoleAddress(String host, int port, Path device) {

    /**
     * Parses the form accepted by {@code hardware --console}.
     *
     * @param text {@code tcp://HOST:PORT} or an absolute device path
     * @return the address
     * @throws IllegalArgumentException with a one-line explanation for anything else
     */
    public static ConsoleAddress parse(String text) {
        if (text.startsWith("tcp://")) {
            URI uri;
            try {
                uri = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad console address " + text + ": " + e.getMessage());
            }
            if (uri.getHost() == null || uri.getPort() <= 0) {
                throw new IllegalArgumentException("bad console address " + text + " (expected tcp://HOST:PORT)");
            }
            return new ConsoleAddress(uri.getHost(), uri.getPort(), null);
        }
        if (text.startsWith("/")) {
            return new ConsoleAddress(null, 0, Path.of(text));
        }
        throw new IllegalArgumentException("bad console address " + text + " (expected tcp://HOST:PORT or /dev/ttyX)");
    }

    /**
     * Opens the transport.
     *
     * @param connectTimeout how long to retry a TCP connection
     * @param baud           tty speed, or {@code null} to keep it
     * @return the open transport
     * @throws IOException if it cannot be opened
     */
    public ConsoleTransport open(Duration connectTimeout, Integer baud) throws IOException {
        if (device != null) {
            return TtyTransport.open(device, baud);
        }
        return TcpTransport.connect(host, port, connectTimeout, () -> true);
    }

    @Override
    public String toString() {
        return device != null ? device.toString() : "tcp://" + host + ":" + port;
    }
}
