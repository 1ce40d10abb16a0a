package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One benchmark run: what ran ({@code benchmark}, {@code sync}, {@code parameters}), what it
 * counted and how fast, whether the final set size matched, and where it ran.
 *
 * <p>The same record describes a JVM run and a run inside a KhronOS kernel, so that a report can
 * put both side by side. Fields that a source cannot know are {@code null}: KhronOS prints rates
 * computed from the <em>nominal</em> duration, so {@code measuredDurationMs} is {@code null} for
 * kernel runs; a run cut off by a hang or panic has {@link RunStatus#INCOMPLETE} and may lack
 * counters, rates and the size check.
 *
 * <p>Immutable and therefore thread-safe (the {@code extra} map of {@link RunParameters} is
 * copied into an unmodifiable map).
 *
 * @param benchmark          benchmark family: {@code kbench} (in-kernel threads), {@code hlbench}
 *                           (user space or JVM), or another name a later suite introduces
 * @param sync               synchronisation scheme, lower case, e.g. {@code spinlock}, {@code mvrlu},
 *                           {@code rcu}, {@code spin-chain}, {@code rlu}, {@code spin}
 * @param parameters         the run's parameters
 * @param counters           summed operation counters, {@code null} if the run did not report them
 * @param rates              rates as reported by the run, {@code null} if not reported
 * @param measuredDurationMs wall-clock duration measured by the run itself, {@code null} if unknown
 * @param sizeCheck          final size against the expected size, {@code null} if not reported
 * @param source             where the run happened
 * @param status             whether the run reported its totals
 * @param command            the command line that started the run, {@code null} if unknown
 * @param note               free text, e.g. why a run is incomplete; {@code null} if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchmarkRun(
        @JsonProperty("benchmark") String benchmark,
        @JsonProperty("sync") String sync,
        @JsonProperty("parameters") RunParameters parameters,
        @JsonProperty("counters") RunCounters counters,
        @JsonProperty("rates") RunRates rates,
        @JsonProperty("measured_duration_ms") Long measuredDurationMs,
        @JsonProperty("size_check") SizeCheck sizeCheck,
        @JsonProperty("source") RunSource source,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("command") String command,
        @JsonProperty("note") String note) {

    /** Validates the mandatory fields; see the class comment for which may be {@code null}. */
    public BenchmarkRun {
        requireText(benchmark, "benchmark");
        requireText(sync, "sync");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        if (measuredDurationMs != null && measuredDurationMs < 0) {
            throw new IllegalArgumentException("measured_duration_ms must be >= 0: " + measuredDurationMs);
        }
        if (status == RunStatus.COMPLETE && (counters == null || rates == null)) {
            throw new IllegalArgumentException("a complete run needs counters and rates");
        }
    }

    /**
     * Whether this run finished and, where the size was checked, the check passed.
     *
     * @return {@code true} for a complete run without a size mismatch
     */
    public boolean succeeded() {
        return status == RunStatus.COMPLETE && (sizeCheck == null || sizeCheck.passed());
    }

    /**
     * Returns a copy with another source, e.g. to attach the transcript path after parsing.
     *
     * @param newSource the source to use
     * @return a new record
     */
    public BenchmarkRun withSource(RunSource newSource) {
        return new BenchmarkRun(benchmark, sync, parameters, counters, rates, measuredDurationMs,
                sizeCheck, newSource, status, command, note);
    }

    /**
     * Returns a copy with another note.
     *
     * @param newNote the note, or {@code null}
     * @return a new record
     */
    public BenchmarkRun withNote(String newNote) {
        return new BenchmarkRun(benchmark, sync, parameters, counters, rates, measuredDurationMs,
                sizeCheck, source, status, command, newNote);
    }

    /**
     * Returns a copy with another command line, e.g. without the output option a tool added when
     * it started the run.
     *
     * @param newCommand the command line, or {@code null}
     * @return a new record
     */
    public BenchmarkRun withCommand(String newCommand) {
        return new BenchmarkRun(benchmark, sync, parameters, counters, rates, measuredDurationMs,
                sizeCheck, source, status, newCommand, note);
    }

    /**
     * Returns a copy with other parameters, e.g. with extras a tool that started the run adds.
     *
     * @param newParameters the parameters
     * @return a new record
     */
    public BenchmarkRun withParameters(RunParameters newParameters) {
        return new BenchmarkRun(benchmark, sync, newParameters, counters, rates, measuredDurationMs,
                sizeCheck, source, status, command, note);
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
