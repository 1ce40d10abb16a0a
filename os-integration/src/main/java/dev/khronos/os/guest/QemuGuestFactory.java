package dev.khronos.os.guest;

import dev.khronos.os.console.ConsoleOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Boots a fresh QEMU guest for each {@link #start}. Not thread-safe (one sweep, one thread).
 */
public final class QemuGuestFactory implements GuestFactory {

    private final GuestSpec spec;
    private final ConsoleOptions options;
    private final Consumer<String> log;
    private final Consumer<String> live;

    /**
     * @param spec    what to boot
     * @param options console settings
     * @param log     one-line notes for the user
     * @param live    console output as it arrives, or {@code null}
     */
    public QemuGuestFactory(GuestSpec spec, ConsoleOptions options, Consumer<String> log, Consumer<String> live) {
        this.spec = spec;
        this.options = options;
        this.log = log;
        this.live = live;
    }

    @Override
    public Guest start(Path transcript) throws IOException {
        return QemuGuest.boot(spec, options, transcript, log, live);
    }

    @Override
    public boolean rebootsOnStart() {
        return true;
    }
}
