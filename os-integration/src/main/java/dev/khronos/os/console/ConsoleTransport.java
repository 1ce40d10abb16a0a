package dev.khronos.os.console;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream to and from a serial console. Implementations: {@link TcpTransport} and
 * {@link TtyTransport}.
 *
 * <p>Thread-safety: one thread may read {@link #input()} while another writes {@link #output()};
 * {@link #close()} may be called from any thread and must unblock a pending read where the
 * platform allows it.
 */
public interface ConsoleTransport extends Closeable {

    /** @return the stream of bytes the guest sends */
    InputStream input();

    /** @return the stream of bytes typed to the guest */
    OutputStream output();

    /** @return a human-readable address, e.g. {@code tcp://127.0.0.1:4321} */
    String describe();

    @Override
    void close() throws IOException;
}
