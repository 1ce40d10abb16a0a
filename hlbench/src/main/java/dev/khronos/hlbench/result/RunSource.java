package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Where and on what a run happened, so that a report can name the machine, the CPUs and the kernel
 * image. Immutable and thread-safe.
 *
 * @param kind        JVM, KhronOS under QEMU, or KhronOS on hardware
 * @param machine     free-form machine description (host name, CPU model, emulator and accelerator)
 * @param cpus        CPUs the run could use (guest CPUs for a VM), or {@code null} if unknown
 * @param kernelImage kernel image identification (path and digest), {@code null} for JVM runs
 * @param transcript  path of the console transcript the run was parsed from, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSource(
        @JsonProperty("kind") SourceKind kind,
        @JsonProperty("machine") String machine,
        @JsonProperty("cpus") Integer cpus,
        @JsonProperty("kernel_image") String kernelImage,
        @JsonProperty("transcript") String transcript) {

    /** Requires a kind; rejects a non-positive CPU count. */
    public RunSource {
        Objects.requireNonNull(kind, "kind");
        if (cpus != null && cpus <= 0) {
            throw new IllegalArgumentException("cpus must be > 0: " + cpus);
        }
    }

    /**
     * Returns a copy naming the transcript file.
     *
     * @param path transcript path, or {@code null}
     * @return a new source
     */
    public RunSource withTranscript(String path) {
        return new RunSource(kind, machine, cpus, kernelImage, path);
    }
}
