package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a run reported its totals. Immutable enum, thread-safe.
 */
public enum RunStatus {
    /** The run printed (or returned) its totals. */
    COMPLETE,
    /** The run was cut off (hang, panic, timeout, end of transcript) before its totals. */
    INCOMPLETE;

    /** @return the lower-case name used in JSON and CSV */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@link #id()} (case-insensitive).
     *
     * @param id the text
     * @return the status
     * @throws IllegalArgumentException for an unknown id
     */
    @JsonCreator
    public static RunStatus fromId(String id) {
        for (RunStatus s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown run status: " + id);
    }
}
