package dev.khronos.hlbench.engine;

/**
 * How the workload engine fills the set before the timed run.
 *
 * <ul>
 *   <li>{@link #RANDOM}: keys drawn from {@code [0, range)} until {@code initial} distinct keys
 *       are in (KhronOS {@code hlbench_*} and {@code kbench}, and the MV-RLU repository's tree
 *       benchmarks, {@code tree_rlu.c}). The default.</li>
 *   <li>{@link #STRIDED}: every {@code stride}-th key from 0, {@code stride = range / initial}
 *       (integer division), i.e. the keys {@code 0, stride, 2*stride, ... < range}. This is the
 *       list prefill of the MV-RLU repository's set benchmark ({@code benchmark/versioning},
 *       {@code list_global_init} of {@code list_rlu.c} and the other list variants). When
 *       {@code range} is not a multiple of {@code initial} it inserts more than {@code initial}
 *       keys, {@code ceil(range / stride)}, exactly as the C code does; see
 *       {@link WorkloadConfig#prefillCount()}. With {@code initial = 0} it inserts nothing (the C
 *       code would divide by zero).</li>
 * </ul>
 *
 * <p>Thread-safety: immutable.
 */
public enum Prefill {
    /** {@code initial} distinct random keys. */
    RANDOM,
    /** Every {@code range / initial}-th key from 0 ({@code benchmark_list.c}'s lists). */
    STRIDED;

    /** @return the name as recorded in results and printed by {@code setbench} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
