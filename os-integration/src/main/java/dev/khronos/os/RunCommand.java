package dev.khronos.os;

import dev.khronos.os.guest.GuestSpec;
import dev.khronos.os.guest.QemuGuest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run}: boot a kernel in QEMU, type one command at the prompt, save its output, results and
 * the console transcript, power off. Not thread-safe.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Boot a kernel in QEMU, run one command at its prompt and power off.",
                "Example: run --kernel o.qemu/kernel.elf -- kbench -t 2 -d 1000 -s 0"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    QemuSettings qemu;

    @Mixin
    ConsoleSettings console;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: khronos-runs/run-<time>).")
    Path out;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command typed at the prompt (after --).")
    List<String> command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String cmd = GuestCommandSupport.joinCommand(command);
        try {
            dev.khronos.os.console.SerialConsole.validateCommand(cmd, console.options());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        GuestSpec gs = qemu.spec();
        Path dir = out != null ? out : ResultSink.defaultDir("run");
        Path transcript = dir.resolve("console.log");
        long t0 = System.nanoTime();
        QemuGuest guest = QemuGuest.boot(gs, console.options(), transcript, m -> err.println("khronos-os: " + m),
                console.live());
        try {
            err.printf(java.util.Locale.ROOT, "khronos-os: booted to the prompt in %.1f s (%s)%n",
                    (System.nanoTime() - t0) / 1e9, guest.accelNote());
            return GuestCommandSupport.runAndSave(guest, cmd, console, dir, stdout, err);
        } finally {
            guest.close();
        }
    }
}
