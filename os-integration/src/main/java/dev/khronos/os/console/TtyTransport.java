package dev.khronos.os.console;

import dev.khronos.os.process.ChildProcesses;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A console on a local serial device such as {@code /dev/ttyUSB0}.
 *
 * <p>The line is put into raw mode with {@code stty} (no echo, no CR/LF translation, 8 bits) so
 * that the guest's own echo and line endings reach us unchanged; the speed is set when given.
 * Java cannot configure a tty itself without native code, and {@code stty} is on every Linux.
 *
 * <p>Thread-safe in the sense of {@link ConsoleTransport}. Closing may not unblock a read that is
 * waiting on a silent line on every kernel; the reading thread is a daemon for that reason.
 */
public final class TtyTransport implements ConsoleTransport {

    private final Path device;
    private final FileInputStream in;
    private final FileOutputStream out;

    private TtyTransport(Path device, FileInputStream in, FileOutputStream out) {
        this.device = device;
        this.in = in;
        this.out = out;
    }

    /**
     * Opens and configures a serial device.
     *
     * @param device the device file
     * @param baud   line speed, or {@code null} to keep the current one
     * @return the transport
     * @throws IOException if the device is missing, cannot be configured or opened
     */
    public static TtyTransport open(Path device, Integer baud) throws IOException {
        if (!Files.exists(device)) {
            throw new IOException("no such serial device: " + device);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("stty", "-F", device.toString()));
        if (baud != null) {
            cmd.add(Integer.toString(baud));
        }
        cmd.addAll(List.of("raw", "-echo", "cs8", "-cstopb", "-parenb", "clocal"));
        ChildProcesses.Completed stty;
        try {
            stty = ChildProcesses.run(cmd, Duration.ofSeconds(10))
                    .orElseThrow(() -> new IOException("stty did not finish for " + device));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while configuring " + device, e);
        }
        if (stty.exitCode() != 0) {
            throw new IOException("cannot configure " + device + " with stty: " + stty.output().strip());
        }
        return new TtyTransport(device, new FileInputStream(device.toFile()), new FileOutputStream(device.toFile()));
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public String describe() {
        return device.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
