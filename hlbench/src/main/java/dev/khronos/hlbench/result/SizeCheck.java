package dev.khronos.hlbench.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The correctness check at the end of a run: the final size of the set against
 * {@code initial + successful inserts - successful deletes}. Immutable and thread-safe.
 *
 * @param actual   size found by walking the set after the run
 * @param expected size expected from the successful updates
 */
public record SizeCheck(
        @JsonProperty("actual") long actual,
        @JsonProperty("expected") long expected) {

    /** @return whether the sizes agree; written to JSON as {@code passed}, ignored when read */
    @JsonProperty("passed")
    public boolean passed() {
        return actual == expected;
    }
}
