package dev.khronos.os.guest;

import dev.khronos.hlbench.result.RunSource;
import dev.khronos.os.console.SerialConsole;
import java.nio.file.Path;

/**
 * A booted system whose shell is at the prompt, driven through its console.
 *
 * <p>Thread-safety: a guest is driven by one thread; {@link #close()} may be called from another
 * thread (e.g. a shutdown hook) to stop it.
 */
public interface Guest extends AutoCloseable {

    /** @return the console, at the prompt after boot */
    SerialConsole console();

    /** @return what to record as the source of runs in this guest (machine, CPUs, kernel image) */
    RunSource source();

    /** @return the file the raw console transcript goes to */
    Path transcript();

    /**
     * Gives up on the guest at once, e.g. after a hang: QEMU is killed, a hardware console is
     * disconnected. Idempotent.
     */
    void kill();

    /**
     * Shuts the guest down: QEMU guests are halted (and killed if they do not stop in time);
     * hardware is left running. Idempotent.
     */
    @Override
    void close();
}
