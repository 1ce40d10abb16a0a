package dev.khronos.os;

import dev.khronos.os.console.ConsoleAddress;
import dev.khronos.os.guest.GuestFactory;
import dev.khronos.os.guest.HardwareGuest;
import dev.khronos.os.guest.QemuGuestFactory;
import dev.khronos.os.sweep.SweepGrid;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sweep}: the kbench grid or the run_hlbench.sh grid inside KhronOS, one command at a
 * time, with progress, ETA and resume. Not thread-safe.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run the kbench grid (sync 0-4 x threads x update rates) or the run_hlbench.sh grid inside KhronOS.",
                "Results go to DIR/results.jsonl as each run ends; re-running with the same --out resumes.",
                "Defaults: kbench -i 32 -b 2 -r 64 -d 1500, threads 1,2,4,8,15, updates 20,200,500, syncs 0-4;",
                "hlbench as run_hlbench.sh: rcu,rlu,mvrlu,spin x 1,5,10,15 threads x 20,200,500, 5000/1000/10000 ms/10000."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    QemuSettings qemu;

    @Mixin
    ConsoleSettings console;

    @Parameters(index = "0", paramLabel = "kbench|hlbench", description = "Which grid.")
    String benchmark;

    @Option(names = "--sync", split = ",", paramLabel = "S", description = "kbench: -s values 0-4; hlbench: rcu,rlu,mvrlu,spin.")
    List<String> syncs;

    @Option(names = "--threads", split = ",", paramLabel = "N", description = "Thread counts.")
    List<Integer> threads;

    @Option(names = "--update", split = ",", paramLabel = "PERMILLE", description = "Update rates per mille (200 = 20 %%).")
    List<Integer> updates;

    @Option(names = "--initial", paramLabel = "N", description = "Initial set size.")
    Integer initial;

    @Option(names = "--buckets", paramLabel = "N", description = "Hash buckets.")
    Integer buckets;

    @Option(names = "--range", paramLabel = "N", description = "Key range.")
    Integer range;

    @Option(names = "--duration", paramLabel = "MS", description = "Duration of each run in ms.")
    Integer duration;

    @Option(names = "--repeat", paramLabel = "N", description = "Runs per grid point (default: ${DEFAULT-VALUE}).")
    int repeat = 1;

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
        List<SweepPoint> points = grid();
        if (dryRun) {
            points.forEach(p -> spec.commandLine().getOut().println(p.command()));
            return 0;
        }
        for (SweepPoint p : points) {
            try {
                dev.khronos.os.console.SerialConsole.validateCommand(p.command(), console.options());
            } catch (IllegalArgumentException e) {
                throw new UserError(p.command() + ": " + e.getMessage(), 2);
            }
        }
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
        Path dir = out != null ? out : Path.of("khronos-runs", "sweep-" + benchmark);
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

    List<SweepPoint> grid() {
        try {
            if (benchmark.equals("kbench")) {
                List<Integer> s = syncs == null ? List.of(0, 1, 2, 3, 4) : syncs.stream().map(SweepCommand::integer).toList();
                return SweepGrid.kbench(s, or(threads, List.of(1, 2, 4, 8, 15)), or(updates, List.of(20, 200, 500)),
                        or(initial, 32), or(buckets, 2), or(duration, 1500), or(range, 64), repeat);
            }
            if (benchmark.equals("hlbench")) {
                return SweepGrid.hlbench(or(syncs, List.of("rcu", "rlu", "mvrlu", "spin")),
                        or(threads, List.of(1, 5, 10, 15)), or(updates, List.of(20, 200, 500)),
                        or(initial, 5000), or(buckets, 1000), or(duration, 10000), or(range, 10000), repeat);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        throw new UserError("unknown sweep " + benchmark + " (expected kbench or hlbench)", 2);
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kbench --sync takes numbers 0-4: " + s);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
