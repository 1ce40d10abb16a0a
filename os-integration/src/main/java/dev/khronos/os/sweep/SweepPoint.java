package dev.khronos.os.sweep;

import dev.khronos.hlbench.result.RunParameters;
import java.util.Objects;

/**
 * One command of a sweep. Immutable and thread-safe.
 *
 * @param benchmark  {@code kbench} or {@code hlbench}
 * @param sync       sync name as the parser reports it (e.g. {@code mvrlu})
 * @param command    the command typed at the prompt; also the key used to resume
 * @param parameters the run's parameters
 */
public record SweepPoint(String benchmark, String sync, String command, RunParameters parameters) {

    /** Requires all fields. */
    public SweepPoint {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * MV-RLU hangs when run a second time in one KhronOS boot (khronos-reference §7.1: 3 of 3
     * tries, kbench -s 1 or hlbench_mvrlu after another MV-RLU run), so such a run needs a boot
     * of its own.
     *
     * @return whether this is an MV-RLU run
     */
    public boolean isMvrlu() {
        return sync.equals("mvrlu");
    }
}
