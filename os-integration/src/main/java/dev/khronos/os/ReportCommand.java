package dev.khronos.os;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultFiles;
import dev.khronos.os.report.ComparisonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code report}: kernel and JVM results side by side, as Markdown on stdout and
 * {@code report.md}, {@code report.csv} and {@code report.png} in the output directory.
 * Not thread-safe.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Put in-kernel and JVM results for the same parameters side by side (table + PNG chart).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kernel-results", required = true, paramLabel = "DIR", description = "Result files from run/sweep/parse (.jsonl, .json, .csv).")
    Path kernelResults;

    @Option(names = "--jvm-results", required = true, paramLabel = "DIR", description = "Result files of the JVM suite.")
    Path jvmResults;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write report.md, report.csv and report.png (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("khronos-report");

    @Override
    public Integer call() throws IOException {
        List<BenchmarkRun> kernel = load(kernelResults, "--kernel-results");
        List<BenchmarkRun> jvm = load(jvmResults, "--jvm-results");
        ComparisonReport report;
        try {
            report = new ComparisonReport(kernel, jvm);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " in " + kernelResults + " and " + jvmResults, 1);
        }
        write(report, out, spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }

    /**
     * Writes {@code report.md}, {@code report.csv} and {@code report.png} into {@code out}, prints
     * the Markdown on {@code stdout} and where it went on {@code err} (also for {@code compare}).
     */
    static void write(ComparisonReport report, Path out, PrintWriter stdout, PrintWriter err) throws IOException {
        Files.createDirectories(out);
        String md = report.markdown();
        Files.writeString(out.resolve("report.md"), md);
        Files.writeString(out.resolve("report.csv"), report.csv());
        report.writeChart(out.resolve("report.png"));
        stdout.print(md);
        stdout.flush();
        err.println("khronos-os: wrote " + out.resolve("report.md") + ", report.csv and report.png");
    }

    private static List<BenchmarkRun> load(Path p, String option) {
        if (!Files.exists(p)) {
            throw new UserError(option + ": no such file or directory: " + p, 2);
        }
        try {
            return ResultFiles.load(p);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), 1);
        }
    }
}
