package dev.khronos.os.guest;

import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.os.console.ConsoleException;
import dev.khronos.os.console.ConsoleOptions;
import dev.khronos.os.console.SerialConsole;
import dev.khronos.os.console.TcpTransport;
import dev.khronos.os.process.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A kernel booted in {@code qemu-system-x86_64} with its first serial port on a loopback TCP
 * port, driven through a {@link SerialConsole}.
 *
 * <p>Boot: pick a free loopback port, start QEMU with {@code -serial tcp:127.0.0.1:PORT,server=on,wait=on}
 * (the guest waits for us, so no byte is lost), connect, wait for the prompt within the boot
 * budget. KVM is tried when {@link KvmProbe} allows it; if QEMU then reports a KVM failure (on
 * stderr: "KVM internal error", "failed to initialize kvm", ...) the launch is killed and repeated
 * under TCG, and the fallback is reported through the log callback and {@link #accelNote()}.
 *
 * <p>Shutdown: type the spec's shutdown command ({@code halt}), wait for QEMU to exit, kill it as
 * a last resort. QEMU never outlives its guest object or the JVM: a boot that fails kills it, and
 * a JVM shutdown hook kills it (and its descendants, e.g. under a wrapper script given as the
 * QEMU binary) if the JVM exits while the guest is open. A KhronOS panic also makes QEMU exit with status 0, which is why panics are
 * detected from the console text, not from the exit status.
 *
 * <p>Thread-safety: driven by one thread; {@link #close()} and {@link #kill()} may be called from
 * any thread and are idempotent.
 */
public final class QemuGuest implements Guest {

    private static final List<String> KVM_ERRORS = List.of("KVM internal error", "failed to initialize kvm",
            "Could not access KVM", "kvm run failed", "KVM: entry failed", "emulation failure");
    private static final Duration CONNECT_BUDGET = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    private static final Duration BOOT_NUDGE = Duration.ofSeconds(15);
    /**
     * Under KVM a kernel prints its first console bytes within a second or two. A host whose
     * /dev/kvm exists but cannot run guests may also fail silently (the vCPU never runs, QEMU
     * reports nothing), so silence this long under KVM counts as a KVM failure.
     */
    static final Duration KVM_FIRST_OUTPUT = Duration.ofSeconds(20);

    private final GuestSpec spec;
    private final Process process;
    private final SerialConsole console;
    private final OutputStream transcriptOut;
    private final Path transcript;
    private final StderrWatcher stderr;
    private final boolean kvm;
    private final String accelNote;
    private final RunSource source;
    private final Consumer<String> log;
    /** Shutdown hook that kills QEMU if the JVM exits while the guest is open; removed when it is closed. */
    private final Thread killOnJvmExit;
    private boolean closed;

    private QemuGuest(GuestSpec spec, Process process, SerialConsole console, OutputStream transcriptOut,
                      Path transcript, StderrWatcher stderr, boolean kvm, String accelNote, Consumer<String> log,
                      Thread killOnJvmExit) {
        this.spec = spec;
        this.process = process;
        this.console = console;
        this.transcriptOut = transcriptOut;
        this.transcript = transcript;
        this.stderr = stderr;
        this.kvm = kvm;
        this.accelNote = accelNote;
        this.log = log;
        this.killOnJvmExit = killOnJvmExit;
        String machine = HostInfo.qemuVersion(spec.qemuBinary()) + ", " + (kvm ? "KVM" : "TCG") + ", "
                + spec.cpus() + " vCPUs, " + spec.memoryMb() + " MB, on " + HostInfo.host();
        this.source = new RunSource(SourceKind.KHRONOS_QEMU, machine, spec.cpus(), HostInfo.imageId(spec.kernel()),
                transcript.toString());
    }

    /**
     * Boots a guest and waits for its prompt.
     *
     * @param spec       what to boot
     * @param options    console settings
     * @param transcript file the raw console output is appended to
     * @param log        receives one-line notes for the user (accelerator choice, kills)
     * @param live       receives console output as it arrives, or {@code null}
     * @return the guest at its prompt
     * @throws IOException if QEMU cannot start or the guest does not reach its prompt; the
     *                     message says why (timeout, panic, QEMU error)
     */
    public static QemuGuest boot(GuestSpec spec, ConsoleOptions options, Path transcript, Consumer<String> log,
                                 Consumer<String> live) throws IOException {
        spec.checkFiles();
        List<Boolean> attempts = new ArrayList<>();
        switch (spec.accel()) {
            case TCG -> attempts.add(false);
            case KVM -> attempts.add(true);
            default -> {
                Optional<String> reason = KvmProbe.unusableReason();
                if (reason.isPresent()) {
                    log.accept("KVM unusable (" + reason.get() + "): using software emulation (TCG)");
                    attempts.add(false);
                } else {
                    attempts.add(true);
                    attempts.add(false);
                }
            }
        }
        return boot(spec, options, transcript, log, live, attempts, attempts.size() == 1 && !attempts.get(0)
                ? "TCG" + (spec.accel() == Accel.AUTO ? " (KVM unusable)" : "") : null);
    }

    /**
     * Boots trying the given accelerators in order; package-private so tests can force a KVM
     * attempt on a host where the probe would skip it, to exercise the run-time fallback.
     */
    static QemuGuest boot(GuestSpec spec, ConsoleOptions options, Path transcript, Consumer<String> log,
                          Consumer<String> live, List<Boolean> attempts, String initialNote) throws IOException {
        String note = initialNote;
        for (int i = 0; i < attempts.size(); i++) {
            boolean useKvm = attempts.get(i);
            boolean last = i == attempts.size() - 1;
            try {
                return launch(spec, options, transcript, log, live, useKvm,
                        note != null ? note : (useKvm ? "KVM" : "TCG"));
            } catch (KvmFailure e) {
                if (last) {
                    throw new IOException("KVM does not work here (" + e.getMessage() + "); use --accel tcg");
                }
                log.accept("KVM failed (" + e.getMessage() + "): falling back to software emulation (TCG)");
                note = "TCG (KVM failed: " + e.getMessage() + ")";
            }
        }
        throw new IllegalArgumentException("no accelerator to try");
    }

    private static QemuGuest launch(GuestSpec spec, ConsoleOptions options, Path transcript, Consumer<String> log,
                                    Consumer<String> live, boolean useKvm, String note) throws IOException {
        for (int portTry = 0; ; portTry++) {
            int port = freeLoopbackPort();
            ProcessBuilder pb = new ProcessBuilder(spec.commandLine(useKvm, port))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("cannot start " + spec.qemuBinary() + ": " + e.getMessage()
                        + " (install Debian's qemu-system-x86)", e);
            }
            // From here on QEMU must not outlive this attempt unless it is handed out as a guest: a
            // JVM exit kills it (shutdown hook), and so does any failure before the prompt (finally).
            Thread killer = killOnJvmExit(p);
            QemuGuest guest = null;
            OutputStream out = null;
            boolean booted = false;
            try {
                StderrWatcher watcher = new StderrWatcher(p, log);
                TcpTransport transport;
                try {
                    transport = TcpTransport.connect("127.0.0.1", port, CONNECT_BUDGET, p::isAlive);
                } catch (IOException e) {
                    destroy(p);
                    watcher.join();
                    String err = watcher.lastLines();
                    if (err.contains("Address already in use") && portTry < 3) {
                        continue;
                    }
                    if (useKvm && watcher.kvmError() != null) {
                        throw new KvmFailure(watcher.kvmError());
                    }
                    throw new IOException("QEMU did not open its console" + (p.isAlive() ? "" : " (exit status "
                            + p.exitValue() + ")") + (err.isEmpty() ? "" : ": " + err.lines().reduce((a, b) -> b).orElse("")));
                }
                Path parent = transcript.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newOutputStream(transcript, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                SerialConsole console = new SerialConsole(transport, options, out, live);
                watcher.attach(useKvm ? console : null);
                guest = new QemuGuest(spec, p, console, out, transcript, watcher, useKvm, note, log, killer);
                try {
                    if (useKvm) {
                        Duration first = spec.bootTimeout().compareTo(KVM_FIRST_OUTPUT) < 0 ? spec.bootTimeout() : KVM_FIRST_OUTPUT;
                        if (!console.awaitAnyOutput(first) && !console.isClosed() && watcher.kvmError() == null) {
                            guest.kill();
                            throw new KvmFailure("no console output within " + first.toSeconds() + " s under KVM");
                        }
                    }
                    console.awaitPrompt(spec.bootTimeout(), spec.bootTimeout(), BOOT_NUDGE);
                    booted = true;
                    return guest;
                } catch (InterruptedException e) {
                    guest.kill();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while booting", e);
                } catch (ConsoleException e) {
                    guest.kill();
                    if (useKvm && watcher.kvmError() != null) {
                        throw new KvmFailure(watcher.kvmError());
                    }
                    String why = switch (e.kind()) {
                        case PANIC -> "the guest panicked during boot: " + e.getMessage();
                        case CLOSED -> "QEMU exited during boot" + guest.exitValue().stream()
                                .mapToObj(v -> " with status " + v).findFirst().orElse("")
                                + lastLineSuffix(watcher.lastLines());
                        default -> "the guest did not reach the prompt: " + e.getMessage();
                    };
                    throw new IOException(why + " (console log: " + transcript + ")", e);
                }
            } finally {
                if (!booted) {
                    if (guest != null) {
                        guest.kill();                    // QEMU, console, transcript, hook
                    } else {
                        destroy(p);
                        forgetKiller(killer);
                        if (out != null) {
                            out.close();
                        }
                    }
                }
            }
        }
    }

    /** Registers a JVM shutdown hook that kills {@code p} and its descendants (Ctrl-C, SIGTERM, System.exit). */
    private static Thread killOnJvmExit(Process p) {
        Thread t = new Thread(() -> ChildProcesses.destroyTree(p.toHandle(), Duration.ZERO), "qemu-killer-" + p.pid());
        Runtime.getRuntime().addShutdownHook(t);
        return t;
    }

    private static void forgetKiller(Thread killer) {
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook runs and kills QEMU, which is what we want anyway.
        }
    }

    private static String lastLineSuffix(String lines) {
        return lines.isEmpty() ? "" : ": " + lines.lines().reduce((a, b) -> b).orElse("");
    }

    private static int freeLoopbackPort() throws IOException {
        // Race with other processes taking the port is handled by retrying on "Address already in use".
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public SerialConsole console() {
        return console;
    }

    @Override
    public RunSource source() {
        return source;
    }

    @Override
    public Path transcript() {
        return transcript;
    }

    /** @return whether the guest runs under KVM */
    public boolean usesKvm() {
        return kvm;
    }

    /** @return how the accelerator was chosen, e.g. {@code TCG (KVM unusable)} */
    public String accelNote() {
        return accelNote;
    }

    /** @return QEMU's exit status once it has exited */
    public OptionalInt exitValue() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits for QEMU to exit by itself (after {@code halt}, {@code poweroff} or a panic).
     *
     * @param timeout how long to wait
     * @return the exit status, or empty if QEMU is still running
     * @throws InterruptedException if interrupted
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.of(process.exitValue());
        }
        return OptionalInt.empty();
    }

    /** Kills QEMU at once (a hung KhronOS command cannot be interrupted). Idempotent. */
    @Override
    public synchronized void kill() {
        destroy(process);
        finish();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (process.isAlive() && !console.isClosed()) {
            try {
                console.type(spec.shutdownCommand() + console.options().lineTerminator());
                if (!process.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.accept("QEMU did not stop " + SHUTDOWN_GRACE.toSeconds() + " s after '"
                            + spec.shutdownCommand() + "': killing it");
                }
            } catch (ConsoleException e) {
                // The line is gone: fall through to kill.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        destroy(process);
        finish();
    }

    private void finish() {
        if (closed) {
            return;
        }
        closed = true;
        forgetKiller(killOnJvmExit);
        console.close();
        stderr.join();
        try {
            transcriptOut.close();
        } catch (IOException e) {
            // Nothing left to save.
        }
    }

    /** SIGTERM to QEMU (and anything it started), SIGKILL after 5 s. */
    private static void destroy(Process p) {
        ChildProcesses.destroyTree(p.toHandle(), Duration.ofSeconds(5));
    }

    /** Reads QEMU's stderr, keeps its last lines and reports KVM failures to the console. */
    private static final class StderrWatcher {
        private final Deque<String> last = new ArrayDeque<>();
        private final Thread thread;
        private SerialConsole console;
        private String kvmError;

        StderrWatcher(Process p, Consumer<String> log) {
            thread = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        onLine(line.strip(), log);
                    }
                } catch (IOException e) {
                    // QEMU is gone.
                }
            }, "qemu-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void onLine(String line, Consumer<String> log) {
            if (line.isEmpty()) {
                return;
            }
            last.addLast(line);
            if (last.size() > 20) {
                last.removeFirst();
            }
            for (String marker : KVM_ERRORS) {
                if (line.contains(marker) && kvmError == null) {
                    kvmError = line;
                    if (console != null) {
                        console.abort("QEMU: " + line);
                    }
                }
            }
            // QEMU announces that it waits for our connection; that is expected, not news.
            if (kvmError == null && !line.contains("QEMU waiting for connection")) {
                log.accept("qemu: " + line);
            }
        }

        synchronized void attach(SerialConsole c) {
            console = c;
            if (c != null && kvmError != null) {
                c.abort("QEMU: " + kvmError);
            }
        }

        synchronized String kvmError() {
            return kvmError;
        }

        synchronized String lastLines() {
            return String.join("\n", last);
        }

        void join() {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** QEMU reported that KVM does not work for this guest. */
    private static final class KvmFailure extends IOException {
        private static final long serialVersionUID = 1L;

        KvmFailure(String message) {
            super(message);
        }
    }
}
