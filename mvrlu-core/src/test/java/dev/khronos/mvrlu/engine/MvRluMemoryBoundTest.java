package dev.khronos.mvrlu.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void hotObjectUnderSmallHeapStaysBounded() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path output = Files.createTempFile("mvrlu-memory-bound", ".log");
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                MemoryBoundWorkload.class.getName(), Long.toString(UPDATES), Integer.toString(CAPACITY)))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())        // no pipe to drain: waitFor alone bounds the wait
                .start();
        String out;
        try {
            boolean finished = p.waitFor(240, TimeUnit.SECONDS);
            if (!finished) {
                out = Files.readString(output, StandardCharsets.UTF_8);
                fail("child JVM did not finish within 240 s; its output so far:\n" + out
                        + "\nits threads:\n" + threadDump(p.pid()));
            }
            out = Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(output);
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

    /** A hung child's thread dump (jcmd, itself bounded), to name where it hangs. */
    private static String threadDump(long pid) {
        String jcmd = System.getProperty("java.home") + File.separator + "bin" + File.separator + "jcmd";
        try {
            Path dump = Files.createTempFile("mvrlu-memory-bound", ".threads");
            Process j = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            try {
                j.waitFor(30, TimeUnit.SECONDS);
                return Files.readString(dump, StandardCharsets.UTF_8);
            } finally {
                j.destroyForcibly();
                Files.deleteIfExists(dump);
            }
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }
}
