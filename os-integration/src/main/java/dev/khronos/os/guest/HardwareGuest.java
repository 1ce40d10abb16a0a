package dev.khronos.os.guest;

import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.os.console.ConsoleAddress;
import dev.khronos.os.console.ConsoleException;
import dev.khronos.os.console.ConsoleOptions;
import dev.khronos.os.console.ConsoleTransport;
import dev.khronos.os.console.SerialConsole;
import dev.khronos.os.process.ChildProcesses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A physical machine running KhronOS, reached through its serial console (a console server such
 * as ser2net or IPMI serial-over-LAN on TCP, or a local tty).
 *
 * <p>The console is opened first, so the boot output is in the transcript; then the optional
 * power-cycle command (e.g. an {@code ipmitool ... power cycle} line) runs through {@code sh -c},
 * and the prompt is awaited within the boot budget. Without a power-cycle command the machine is
 * assumed to be up: a line terminator is typed to make the shell print a fresh prompt.
 * {@link #close()} leaves the machine running; only the connection is closed.
 *
 * <p>Thread-safety: driven by one thread; {@link #close()} and {@link #kill()} are idempotent and
 * may be called from any thread.
 */
public final class HardwareGuest implements Guest {

    private static final Duration POWER_CYCLE_BUDGET = Duration.ofMinutes(2);
    private static final Duration NUDGE = Duration.ofSeconds(5);

    private final SerialConsole console;
    private final OutputStream transcriptOut;
    private final Path transcript;
    private final RunSource source;
    private boolean closed;

    private HardwareGuest(SerialConsole console, OutputStream transcriptOut, Path transcript, RunSource source) {
        this.console = console;
        this.transcriptOut = transcriptOut;
        this.transcript = transcript;
        this.source = source;
    }

    /**
     * Connects (and optionally power-cycles) and waits for the prompt.
     *
     * @param address     console address
     * @param baud        tty speed, or {@code null}
     * @param powerCycle  shell command that power-cycles the machine, or {@code null}
     * @param options     console settings
     * @param bootTimeout budget for the prompt after a power cycle
     * @param transcript  file the raw console output is appended to
     * @param identity    machine description, CPU count and kernel image to record (any may be null)
     * @param log         one-line notes for the user
     * @param live        console output as it arrives, or {@code null}
     * @return the guest at its prompt
     * @throws IOException if the console cannot be opened, the power cycle fails or no prompt appears
     */
    public static HardwareGuest connect(ConsoleAddress address, Integer baud, String powerCycle, ConsoleOptions options,
                                        Duration bootTimeout, Path transcript, Identity identity,
                                        Consumer<String> log, Consumer<String> live) throws IOException {
        ConsoleTransport transport = address.open(Duration.ofSeconds(30), baud);
        Path parent = transcript.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(transcript, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        SerialConsole console = new SerialConsole(transport, options, out, live);
        String machine = identity.machine() != null ? identity.machine() : "hardware at " + address;
        RunSource source = new RunSource(SourceKind.KHRONOS_HARDWARE, machine, identity.cpus(), identity.kernelImage(),
                transcript.toString());
        HardwareGuest guest = new HardwareGuest(console, out, transcript, source);
        try {
            if (powerCycle != null) {
                log.accept("power-cycling: " + powerCycle);
                runPowerCycle(powerCycle);
                console.awaitPrompt(bootTimeout, bootTimeout, Duration.ofSeconds(20));
            } else {
                console.type(options.lineTerminator());
                console.awaitPrompt(Duration.ofSeconds(60), Duration.ofSeconds(60), NUDGE);
            }
            return guest;
        } catch (ConsoleException e) {
            guest.close();
            throw new IOException("no prompt on " + address + ": " + e.getMessage() + " (console log: " + transcript + ")", e);
        } catch (IOException | RuntimeException e) {
            guest.close();
            throw e;
        }
    }

    private static void runPowerCycle(String command) throws IOException {
        Optional<ChildProcesses.Completed> done;
        try {
            done = ChildProcesses.run(List.of("sh", "-c", command), POWER_CYCLE_BUDGET);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the power cycle", e);
        }
        if (done.isEmpty()) {
            throw new IOException("the power-cycle command did not finish within " + POWER_CYCLE_BUDGET.toSeconds() + " s");
        }
        if (done.get().exitCode() != 0) {
            String lastLine = done.get().output().strip().lines().reduce((a, b) -> b).orElse("");
            throw new IOException("the power-cycle command failed with status " + done.get().exitCode()
                    + (lastLine.isEmpty() ? "" : ": " + lastLine));
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

    @Override
    public void kill() {
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        console.close();
        try {
            transcriptOut.close();
        } catch (IOException e) {
            // Nothing left to save.
        }
    }

    /**
     * What to record about a physical machine, since it cannot be asked. Immutable, thread-safe.
     *
     * @param machine     description (e.g. "lab box, Xeon E5-2690"), or {@code null}
     * @param cpus        CPUs KhronOS was built for (NCPU), or {@code null}
     * @param kernelImage the kernel image booted, or {@code null}
     */
    public record Identity(String machine, Integer cpus, String kernelImage) {
    }

    /**
     * Connects for each {@link #start}; power-cycles each time if a command was given.
     * Not thread-safe.
     *
     * @param address     console address
     * @param baud        tty speed, or {@code null}
     * @param powerCycle  power-cycle command, or {@code null}
     * @param options     console settings
     * @param bootTimeout prompt budget after a power cycle
     * @param identity    what to record
     * @param log         notes for the user
     * @param live        console output, or {@code null}
     */
    public record Factory(ConsoleAddress address, Integer baud, String powerCycle, ConsoleOptions options,
                          Duration bootTimeout, Identity identity, Consumer<String> log, Consumer<String> live)
            implements GuestFactory {
        @Override
        public Guest start(Path transcript) throws IOException {
            return connect(address, baud, powerCycle, options, bootTimeout, transcript, identity, log, live);
        }

        @Override
        public boolean rebootsOnStart() {
            return powerCycle != null;
        }
    }
}
