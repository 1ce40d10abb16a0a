package dev.khronos.mvrlu.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Millions of updates to one hot object, with readers holding sections, in a child JVM with a
 * 32 MiB heap (and no JVM flags beyond it, as a library user would run it): must finish without
 * OutOfMemoryError, with the version chain never longer than the log capacity allows.
 */
class MvRluMemoryBoundTest {
    private static final long UPDATES = 2_000_000;
    private static final int CAPACITY = 1024;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void hotObjectUnderSmallHeapStaysBounded(@TempDir Path dir) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        // Output to a file and a deadline on the wait, so that a child that never ends fails the
        // test instead of blocking a read forever; the child is destroyed in every case.
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                MemoryBoundWorkload.class.getName(), Long.toString(UPDATES), Integer.toString(CAPACITY)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        String out;
        try {
            boolean finished = p.waitFor(200, TimeUnit.SECONDS);
            out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(finished, "child JVM did not finish in 200 s; its output:\n" + out);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "child JVM output:\n" + out);
        Matcher m = Pattern.compile("OK updates=(\\d+) maxChain=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(UPDATES, Long.parseLong(m.group(1)));
        int maxChain = Integer.parseInt(m.group(2));
        // The writer blocks at the high watermark (0.75 * capacity) and every reclaimed version is
        // cut from the chain, so the chain can never hold more than one log's worth of versions.
        assertTrue(maxChain <= CAPACITY, "max chain length " + maxChain + " exceeds the log capacity " + CAPACITY);
        System.out.println(out);
    }
}
