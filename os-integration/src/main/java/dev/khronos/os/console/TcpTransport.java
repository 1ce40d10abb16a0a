package dev.khronos.os.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A console reached over TCP: QEMU's {@code -serial tcp:...,server=on}, a ser2net port, or any
 * raw-TCP serial console server.
 *
 * <p>Thread-safe in the sense of {@link ConsoleTransport}: closing the socket unblocks a reader.
 */
public final class TcpTransport implements ConsoleTransport {

    private final Socket socket;
    private final String address;

    private TcpTransport(Socket socket, String address) {
        this.socket = socket;
        this.address = address;
    }

    /**
     * Connects, retrying while the server is not listening yet (QEMU opens its port some time
     * after it was started). Retries back off from 20 ms to 500 ms rather than spinning.
     *
     * @param host     host name or address
     * @param port     TCP port
     * @param deadline give up after this long
     * @param keepTrying checked before each retry; return {@code false} to give up early (e.g.
     *                 because the QEMU process already exited)
     * @return the connected transport
     * @throws IOException if no connection could be made in time
     */
    public static TcpTransport connect(String host, int port, Duration deadline, BooleanSupplier keepTrying)
            throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        long backoffMs = 20;
        IOException last = null;
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(5000, deadline.toMillis())));
                s.setTcpNoDelay(true);
                return new TcpTransport(s, "tcp://" + host + ":" + port);
            } catch (ConnectException e) {
                last = e;
                s.close();
            } catch (IOException e) {
                s.close();
                throw e;
            }
            if (System.nanoTime() >= end || !keepTrying.getAsBoolean()) {
                throw new IOException("cannot connect to tcp://" + host + ":" + port + ": "
                        + (last == null ? "timed out" : last.getMessage()), last);
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + host + ":" + port, ie);
            }
            backoffMs = Math.min(500, backoffMs * 2);
        }
    }

    @Override
    public InputStream input() {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            throw new IllegalStateException("socket closed", e);
        }
    }

    @Override
    public OutputStream output() {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException("socket closed", e);
        }
    }

    @Override
    public String describe() {
        return address;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
