package dev.khronos.os;

import dev.khronos.os.console.ConsoleAddress;
import dev.khronos.os.guest.GuestFactory;
import dev.khronos.os.guest.HardwareGuest;
import dev.khronos.os.guest.QemuGuestFactory;
import dev.khronos.os.sweep.SweepPoint;
import dev.khronos.os.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sweep}: the kbench grid or the run_hlbench.sh grid inside KhronOS, one command at a
 * time, with progress, ETA and resume. Not thread-safe.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the kbench grid (sync 0-4 x threads x update rates) or the run_hlbench.sh grid inside KhronOS.",
                "Results go to DIR/results.jsonl as each run ends; re-running with the same --out resumes.",
                GridSettings.DEFAULTS_KBENCH, GridSettings.DEFAULTS_HLBENCH})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    QemuSettings qemu;

    @Mixin
    ConsoleSettings console;

    @Mixin
    GridSettings grid;

    @Option(names = "--console", paramLabel = "tcp://HOST:PORT|/dev/ttyX", description = "Sweep on hardware instead of QEMU.")
    String hardwareConsole;

    @Option(names = "--power-cycle", paramLabel = "CMD", description = "Hardware: command that power-cycles the machine (needed to reboot between MV-RLU runs).")
    String powerCycle;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory; an existing one is resumed (default: khronos-runs/sweep-<benchmark>).")
    Path out;

    @Option(names = "--dry-run", description = "Print the commands of the grid and exit.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<SweepPoint> points = grid.points();
        if (dryRun) {
            points.forEach(p -> spec.commandLine().getOut().println(p.command()));
            return 0;
        }
        validateCommands(points, console);
        GuestFactory factory;
        if (hardwareConsole != null) {
            if (qemu.kernel != null) {
                throw new UserError("give either --kernel (QEMU) or --console (hardware), not both", 2);
            }
            ConsoleAddress addr;
            try {
                addr = ConsoleAddress.parse(hardwareConsole);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), 2);
            }
            factory = new HardwareGuest.Factory(addr, null, powerCycle, console.options(), Duration.ofMinutes(10),
                    new HardwareGuest.Identity(null, null, null), m -> err.println("khronos-os: " + m), console.live());
        } else {
            factory = new QemuGuestFactory(qemu.spec(), console.options(), m -> err.println("khronos-os: " + m),
                    console.live());
        }
        Path dir = out != null ? out : Path.of("khronos-runs", "sweep-" + grid.benchmark);
        SweepRunner runner = new SweepRunner(factory, dir, m -> err.println("khronos-os: " + m),
                console.timeoutSeconds == null ? null : console.timeout(null),
                console.silenceSeconds == null ? null : console.silence(null));
        SweepRunner.Summary s;
        try {
            s = runner.run(points);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        err.printf("khronos-os: sweep done: %d points, %d already complete, %d completed now, %d failed; results in %s%n",
                s.total(), s.skipped(), s.completed(), s.failed(), dir.resolve(SweepRunner.JSONL));
        return s.failed() == 0 ? 0 : 1;
    }

    /** Refuses, before anything boots, a command the console would refuse (e.g. too long). */
    static void validateCommands(List<SweepPoint> points, ConsoleSettings console) {
        for (SweepPoint p : points) {
            try {
                dev.khronos.os.console.SerialConsole.validateCommand(p.command(), console.options());
            } catch (IllegalArgumentException e) {
                throw new UserError(p.command() + ": " + e.getMessage(), 2);
            }
        }
    }
}
