package dev.khronos.os.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TCP peer on 127.0.0.1 that behaves like KhronOS's sv6 console as recorded in
 * khronos-reference.md §7.1: boot banner, {@code init complete at ...\r\n$ }, echo of every
 * typed character, commands run on CR only (LF is Ctrl-J: it prints queue statistics and runs
 * nothing), output lines ending in CR LF, Ctrl-C ignored, {@code halt} and panics end the
 * connection (as QEMU exits), and MV-RLU hanging when run twice in one boot. Each accepted
 * connection is one boot. Benchmark output is generated from the format in §1.6 and §2.3.
 *
 * <p>For tests of hang handling, {@code kbench -t 13} prints its first lines and then hangs.
 *
 * <p>Optionally drops characters that arrive closer together than a threshold, like a console
 * whose UART overruns when typed at full speed.
 *
 * <p>Thread-safe: sessions run on their own threads; the recorded state is synchronized.
 */
public final class Sv6ShellPeer implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final Duration dropFasterThan;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private int boots;
    private volatile boolean closed;

    /**
     * @param dropFasterThan drop a character that arrives within this time of the previous one,
     *                       or {@code null} to keep every character
     * @throws IOException if the port cannot be opened
     */
    public Sv6ShellPeer(Duration dropFasterThan) throws IOException {
        this.dropFasterThan = dropFasterThan;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "sv6-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the loopback port */
    public int port() {
        return server.getLocalPort();
    }

    /** @return connections accepted so far (boots) */
    public synchronized int boots() {
        return boots;
    }

    /** @return commands executed, in order, each prefixed with its boot number ("2: kbench ...") */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                int boot;
                synchronized (this) {
                    boot = ++boots;
                }
                Thread t = new Thread(() -> session(s, boot), "sv6-peer-session-" + boot);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket s, int boot) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            write(out, "\r\u001b[Jxv6\ne820: 0x0000000000000000-0x000000000009fbff usable\r\n"
                    + "acpi: CPU 0 APICID 0\r\nWriting block        0 / 524288\rWriting block   524288 / 524288\r\n"
                    + "init complete at Thu Nov 26 10:02:49 2026\r\n$ ");
            StringBuilder line = new StringBuilder();
            boolean mvrluRan = false;
            long last = 0;
            int b;
            while ((b = in.read()) >= 0) {
                long now = System.nanoTime();
                boolean tooFast = dropFasterThan != null && last != 0 && now - last < dropFasterThan.toNanos();
                last = now;
                if (tooFast && b != '\r') {
                    continue;
                }
                if (b == '\n') {
                    write(out, "txq: 0 ops 0 aborts\r\n");
                } else if (b == '\r') {
                    write(out, "\r\n");
                    String cmd = line.toString().strip();
                    line.setLength(0);
                    if (!cmd.isEmpty()) {
                        commands.add(boot + ": " + cmd);
                        Boolean keep = execute(cmd, out, mvrluRan);
                        if (keep == null) {
                            return;
                        }
                        mvrluRan |= keep;
                    }
                    write(out, "$ ");
                } else if (b >= 0x20 && b < 0x7f) {
                    line.append((char) b);
                    out.write(b);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // Connection closed by the client.
        }
    }

    /** Runs a command; returns whether it was an MV-RLU run, or null to end the boot. */
    private Boolean execute(String cmd, OutputStream out, boolean mvrluRan) throws IOException, InterruptedException {
        String[] w = cmd.split("\\s+");
        switch (w[0]) {
            case "echo":
                write(out, cmd.substring(4).strip() + "\r\n");
                return false;
            case "slow": {
                int n = Integer.parseInt(w[1]);
                long ms = Long.parseLong(w[2]);
                for (int i = 0; i < n; i++) {
                    write(out, "tick " + i + "\r\n");
                    Thread.sleep(ms);
                }
                return false;
            }
            case "sleep":
                Thread.sleep(Long.parseLong(w[1]) * 1000);
                return false;
            case "hang":
                hangForever();
                return null;
            case "panic":
                write(out, "partial line before the panic\r\n");
                write(out, "cpu 3: panic: assertion failed: nb_threads > 0\r\n");
                write(out, "  ffffffffc0123456 backtrace\r\n");
                return null;
            case "halt":
                return null;
            case "kbench": {
                Map<String, Long> p = kbenchArgs(w);
                boolean mvrlu = p.get("s") == 1;
                if ((mvrlu && mvrluRan) || p.get("t") == 13) {
                    write(out, kbenchHeader(p) + "Run Kernel Level Benchmark\r\n");
                    hangForever();
                    return null;
                }
                write(out, kbench(p));
                return mvrlu;
            }
            default:
                if (w[0].startsWith("hlbench_")) {
                    String sync = w[0].substring(8);
                    boolean mvrlu = sync.equals("mvrlu");
                    if (mvrlu && mvrluRan) {
                        hangForever();
                        return null;
                    }
                    write(out, hlbench(sync, w));
                    return mvrlu;
                }
                write(out, "exec " + w[0] + " failed\r\n");
                return false;
        }
    }

    private void hangForever() throws InterruptedException {
        while (!closed) {
            Thread.sleep(200);
        }
    }

    /**
     * What this peer prints for a kbench command that runs to its end, for guests that replay it
     * (the end-to-end tests' Linux initramfs).
     *
     * @param command e.g. {@code kbench -t 2 -d 100 -s 0}
     * @return the output, lines ending in CR LF as on the sv6 console
     */
    public static String kbenchOutput(String command) {
        return kbench(kbenchArgs(command.strip().split("\\s+")));
    }

    private static Map<String, Long> kbenchArgs(String[] w) {
        Map<String, Long> p = new HashMap<>(Map.of("t", 4L, "i", 32L, "b", 2L, "d", 1500L, "u", 200L, "s", 0L, "r", 64L));
        for (int i = 1; i + 1 < w.length; i += 2) {
            p.put(w[i].substring(1), Long.parseLong(w[i + 1]));
        }
        return p;
    }

    private static String kbenchHeader(Map<String, Long> p) {
        return "kernel lavel benchmark start\r\n"
                + "-t #threads     : " + p.get("t") + "\r\n-i Initial size : " + p.get("i") + "\r\n"
                + "-b Buckets      : " + p.get("b") + "\r\n-d Duration     : " + p.get("d") + "\r\n"
                + "-u Update rate  : " + p.get("u") + "\r\n-s sync type    : " + p.get("s") + "\r\n"
                + "-r Range        : " + p.get("r") + "\r\nBenchmark type  : hash-list\r\n";
    }

    /** Counters of thread i: deterministic, consistent with the totals printed. */
    private static long[] counters(int i, long updatePermille) {
        long ops = 10_000L * (i + 1);
        long updates = ops * updatePermille / 1000;
        long add = updates / 2;
        long remove = updates - add;
        long contains = ops - updates;
        return new long[] {add, remove, contains, contains / 2};
    }

    private static String kbench(Map<String, Long> p) {
        int t = Math.toIntExact(p.get("t"));
        StringBuilder sb = new StringBuilder(kbenchHeader(p));
        sb.append("Run Kernel Level Benchmark\r\ninitialize ").append(p.get("i")).append(" nodes...done\r\n")
                .append("Main thread ID: 51\r\nCreating ").append(t).append(" threads...\r\n");
        for (int i = 0; i < t; i++) {
            sb.append("Thread created 0xffffff00821d41c0(c:").append(i + 1).append(", s:2)\r\n\r\n");
        }
        sb.append("start bench!\r\n");
        for (int i = 0; i < t; i++) {
            sb.append("thread ").append(52 + i).append(" Start\r\n");
        }
        sb.append("join ").append(t).append(" threads...\r\n");
        for (int i = 0; i < t; i++) {
            sb.append("thread ").append(52 + i).append(" end\r\n");
        }
        sb.append(" done!\r\n");
        long reads = 0;
        long updates = 0;
        for (int i = 0; i < t; i++) {
            long[] c = counters(i, p.get("u"));
            sb.append(threadBlock(i, c));
            reads += c[2];
            updates += c[0] + c[1];
        }
        long d = p.get("d");
        sb.append("Kernel Level Benchmark END\r\n\r\n#### B ####\r\n")
                .append("Set size      : ").append(p.get("i")).append(" (expected: ").append(p.get("i")).append(")\r\n")
                .append("Duration      : ").append(d).append(" (ms)\r\n")
                .append("#read ops     : ").append(reads).append(" (").append(rate(reads, d)).append(" / s)\r\n")
                .append("#update ops   : ").append(updates).append(" (").append(rate(updates, d)).append(" / s)\r\n");
        String[] names = {"SPINLOCK", "MVRLU", "RCU", "SPIN CHAIN"};
        int s = Math.toIntExact(p.get("s"));
        sb.append("************ ").append(s < names.length ? names[s] : "\u0001\u0002") .append(" ***************\r\n");
        return sb.toString();
    }

    private static String hlbench(String sync, String[] w) {
        long[] def = {1, 32, 1, 1000, 200, 64};
        for (int i = 1; i < w.length && i <= 6; i++) {
            def[i - 1] = Long.parseLong(w[i]);
        }
        int t = Math.toIntExact(def[0]);
        StringBuilder sb = new StringBuilder();
        if (sync.equals("rlu")) {
            sb.append("RLU - FINE_GRAINED initialized [max_write_sets = 1]\r\n");
        }
        sb.append(w.length - 1).append(" Option is inserted\r\n\r\n")
                .append(sync.equals("spin") ? "#### Chaned hash table for spinlock user-level ####" : "#### mvcc bench ####")
                .append("\r\n-Nb threads   : ").append(def[0]).append("\r\n-Initial size : ").append(def[1])
                .append("\r\n-Buckets      : ").append(def[2]).append("\r\n-Duration     : ").append(def[3])
                .append("\r\n-Update rate  : ").append(def[4]).append("\r\n-range        : ").append(def[5])
                .append("\r\n-Set type     : hash-list\r\ninitialize ").append(def[1]).append(" nodes...done\r\n")
                .append("Creating ").append(t).append(" threads... done!\r\njoin ").append(t).append(" threads...\r\n");
        for (int i = 0; i < t; i++) {
            sb.append("thread ").append(i).append(" end\r\n");
        }
        sb.append(" done!\r\n\r\n####result####\r\n");
        long reads = 0;
        long updates = 0;
        for (int i = 0; i < t; i++) {
            long[] c = counters(i, def[4]);
            sb.append(threadBlock(i, c));
            reads += c[2];
            updates += c[0] + c[1];
        }
        long d = def[3];
        sb.append("\r\n#### total ####\r\nSet size      : ").append(def[1]).append(" (expected: ").append(def[1]).append(")\r\n")
                .append("Duration      : ").append(d).append(" (ms)\r\n")
                .append("#ops          : ").append(reads + updates).append(" (").append(rate(reads + updates, d)).append(" / s)\r\n")
                .append("#read ops     : ").append(reads).append(" (").append(rate(reads, d)).append(" / s)\r\n")
                .append("#update ops   : ").append(updates).append(" (").append(rate(updates, d)).append(" / s)\r\n")
                .append("benchlist end\r\n");
        return sb.toString();
    }

    private static String threadBlock(int i, long[] c) {
        return "Thread " + i + "\r\n  #add        : " + c[0] + "\r\n  #remove     : " + c[1]
                + "\r\n  #contains   : " + c[2] + "\r\n  #found      : " + c[3] + "\r\n";
    }

    /** Rate as KhronOS prints it: integer part, a dot, one decimal digit. */
    private static String rate(long count, long durationMs) {
        double r = count * 1000.0 / durationMs;
        long ip = (long) r;
        long fp = (long) ((r - ip) * 10);
        return String.format(Locale.ROOT, "%d.%d", ip, fp);
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
