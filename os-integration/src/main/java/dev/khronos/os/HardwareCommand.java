package dev.khronos.os;

import dev.khronos.os.console.ConsoleAddress;
import dev.khronos.os.guest.HardwareGuest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hardware}: run one command on a physical KhronOS machine through its serial console,
 * optionally power-cycling it first. The machine is left running. Not thread-safe.
 */
@Command(name = "hardware", mixinStandardHelpOptions = true,
        description = {"Run one command on KhronOS hardware through its serial console.",
                "Example: hardware --console tcp://console-server:7001 --power-cycle 'ipmitool -H bmc power cycle' -- kbench -s 2"})
final class HardwareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConsoleSettings console;

    @Option(names = "--console", required = true, paramLabel = "tcp://HOST:PORT|/dev/ttyX", description = "Console address.")
    String address;

    @Option(names = "--baud", paramLabel = "N", description = "Line speed of a tty console (default: keep the current one).")
    Integer baud;

    @Option(names = "--power-cycle", paramLabel = "CMD", description = "Shell command that power-cycles the machine, run before waiting for the prompt.")
    String powerCycle;

    @Option(names = "--boot-timeout", paramLabel = "SECONDS", description = "Time allowed to reach the prompt after a power cycle (default: ${DEFAULT-VALUE}).")
    int bootTimeoutSeconds = 600;

    @Option(names = "--machine", paramLabel = "TEXT", description = "Machine description to record with the results.")
    String machine;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs of the machine (KhronOS NCPU) to record.")
    Integer cpus;

    @Option(names = "--kernel-image", paramLabel = "TEXT", description = "Kernel image the machine booted, to record.")
    String kernelImage;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: khronos-runs/hardware-<time>).")
    Path out;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command typed at the prompt (after --).")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String cmd = GuestCommandSupport.joinCommand(command);
        ConsoleAddress addr;
        try {
            dev.khronos.os.console.SerialConsole.validateCommand(cmd, console.options());
            addr = ConsoleAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (bootTimeoutSeconds <= 0 || (cpus != null && cpus <= 0)) {
            throw new UserError("--boot-timeout and --cpus must be > 0", 2);
        }
        Path dir = out != null ? out : ResultSink.defaultDir("hardware");
        HardwareGuest guest = HardwareGuest.connect(addr, baud, powerCycle, console.options(),
                Duration.ofSeconds(bootTimeoutSeconds), dir.resolve("console.log"),
                new HardwareGuest.Identity(machine, cpus, kernelImage), m -> err.println("khronos-os: " + m),
                console.live());
        try {
            return GuestCommandSupport.runAndSave(guest, cmd, console, dir, spec.commandLine().getOut(), err);
        } finally {
            guest.close();
        }
    }
}
