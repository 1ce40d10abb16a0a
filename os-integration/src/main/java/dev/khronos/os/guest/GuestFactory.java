package dev.khronos.os.guest;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts guests one after the other, e.g. a fresh boot for each MV-RLU run of a sweep.
 *
 * <p>Not thread-safe: one sweep uses one factory from one thread.
 */
public interface GuestFactory {

    /**
     * Boots (or power-cycles) a guest and waits for its prompt.
     *
     * @param transcript where to write the raw console output of this boot
     * @return the guest at its prompt
     * @throws IOException if the guest does not reach its prompt
     */
    Guest start(Path transcript) throws IOException;

    /** @return whether each {@link #start} gives a freshly booted system (needed between MV-RLU runs) */
    boolean rebootsOnStart();
}
