package dev.khronos.os;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.ResultCsv;
import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Appends parsed runs to {@code results.jsonl} and {@code results.csv} in an output directory and
 * prints one summary line per run. Not thread-safe.
 */
final class ResultSink {

    private final Path dir;
    private final PrintWriter err;

    ResultSink(Path dir, PrintWriter err) {
        this.dir = dir;
        this.err = err;
    }

    void save(List<BenchmarkRun> runs) {
        for (BenchmarkRun r : runs) {
            ResultJson.appendJsonLine(dir.resolve("results.jsonl"), r);
            ResultCsv.append(dir.resolve("results.csv"), r);
            err.println("khronos-os: " + summary(r));
        }
        if (!runs.isEmpty()) {
            err.println("khronos-os: " + runs.size() + " result record(s) appended to " + dir.resolve("results.jsonl"));
        }
    }

    static String summary(BenchmarkRun r) {
        String head = r.benchmark() + " " + r.sync() + " t=" + r.parameters().threads() + " u=" + r.parameters().updatePermille();
        if (r.status() != RunStatus.COMPLETE) {
            return head + ": incomplete (" + r.note() + ")";
        }
        String size = r.sizeCheck() == null ? "" : r.sizeCheck().passed() ? ", size check ok"
                : ", SIZE CHECK FAILED (" + r.sizeCheck().actual() + " != expected " + r.sizeCheck().expected() + ")";
        return String.format(Locale.ROOT, "%s: %.1f ops/s (%.1f reads/s, %.1f updates/s)%s", head,
                r.rates().opsPerSec(), r.rates().readsPerSec(), r.rates().updatesPerSec(), size);
    }

    static Path defaultDir(String prefix) {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("khronos-runs", prefix + "-" + stamp);
    }
}
