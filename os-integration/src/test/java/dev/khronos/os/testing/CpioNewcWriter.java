package dev.khronos.os.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a cpio archive in the "newc" format the Linux kernel unpacks as an initramfs
 * (header "070701", 13 eight-digit hex fields, name and data padded to 4 bytes, TRAILER!!!).
 * Written here so the test builds its initramfs without depending on file modes and device
 * nodes on the host. Not thread-safe.
 */
public final class CpioNewcWriter implements AutoCloseable {

    private final OutputStream out;
    private long written;
    private int ino = 1;

    /** @param out destination, closed by {@link #close()} */
    public CpioNewcWriter(OutputStream out) {
        this.out = out;
    }

    /** Adds a directory (mode 0755). */
    public void directory(String name) throws IOException {
        entry(name, 0040755, new byte[0], 0, 0);
    }

    /** Adds a regular file. */
    public void file(String name, int permissions, byte[] data) throws IOException {
        entry(name, 0100000 | permissions, data, 0, 0);
    }

    /** Adds a character device node. */
    public void charDevice(String name, int permissions, int major, int minor) throws IOException {
        entry(name, 0020000 | permissions, new byte[0], major, minor);
    }

    /** Adds a symbolic link. */
    public void symlink(String name, String target) throws IOException {
        entry(name, 0120777, target.getBytes(StandardCharsets.US_ASCII), 0, 0);
    }

    private void entry(String name, int mode, byte[] data, int rdevMajor, int rdevMinor) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        StringBuilder h = new StringBuilder("070701");
        int[] fields = {ino++, mode, 0, 0, (mode & 0170000) == 0040000 ? 2 : 1, 0, data.length, 0, 0,
                rdevMajor, rdevMinor, nameBytes.length, 0};
        for (int f : fields) {
            h.append(String.format(Locale.ROOT, "%08x", f));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
        write(data);
        pad();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    @Override
    public void close() throws IOException {
        ino = 0;
        entry("TRAILER!!!", 0, new byte[0], 0, 0);
        // The kernel reads in 512-byte blocks; pad like cpio does.
        while (written % 512 != 0) {
            out.write(0);
            written++;
        }
        out.close();
    }

    /** @return an archive as bytes, for tests of the writer itself */
    public static byte[] toBytes(ThrowingConsumer body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CpioNewcWriter w = new CpioNewcWriter(bytes)) {
            body.accept(w);
        }
        return bytes.toByteArray();
    }

    /** Body of {@link #toBytes}. */
    @FunctionalInterface
    public interface ThrowingConsumer {
        /** @param w the writer */
        void accept(CpioNewcWriter w) throws IOException;
    }
}
