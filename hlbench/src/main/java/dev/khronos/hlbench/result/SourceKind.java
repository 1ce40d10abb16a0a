package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a run happened: on the JVM, inside a KhronOS kernel under QEMU, or inside KhronOS on real
 * hardware. Immutable enum, thread-safe.
 */
public enum SourceKind {
    /** The JVM suite. */
    JVM("jvm"),
    /** A KhronOS kernel booted in QEMU. */
    KHRONOS_QEMU("khronos-qemu"),
    /** A KhronOS kernel on a physical machine, driven over its serial console. */
    KHRONOS_HARDWARE("khronos-hardware");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    /** @return the id used in JSON and CSV, e.g. {@code khronos-qemu} */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses {@link #id()} (case-insensitive).
     *
     * @param id the text
     * @return the kind
     * @throws IllegalArgumentException for an unknown id
     */
    @JsonCreator
    public static SourceKind fromId(String id) {
        for (SourceKind k : values()) {
            if (k.id.equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown source kind: " + id + " (expected jvm, khronos-qemu or khronos-hardware)");
    }
}
