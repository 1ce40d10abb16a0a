package dev.khronos.os.parse;

import dev.khronos.hlbench.result.BenchmarkRun;
import java.util.List;

/**
 * Runs found in a transcript, plus warnings about what could not be used. Immutable and
 * thread-safe.
 *
 * @param runs     runs in transcript order, complete and incomplete
 * @param warnings one line each, with the transcript line number where known
 */
public record ParseResult(List<BenchmarkRun> runs, List<String> warnings) {
    /** Freezes the lists. */
    public ParseResult {
        runs = List.copyOf(runs);
        warnings = List.copyOf(warnings);
    }
}
