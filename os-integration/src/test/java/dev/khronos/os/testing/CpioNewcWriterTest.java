package dev.khronos.os.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.khronos.os.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test's cpio writer, checked against GNU cpio's reading of the archive. */
class CpioNewcWriterTest {

    @Test
    void gnuCpioListsTheEntries(@TempDir Path dir) throws Exception {
        byte[] archive = CpioNewcWriter.toBytes(w -> {
            w.directory("bin");
            w.file("bin/hello", 0755, "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII));
            w.charDevice("dev-console", 0600, 5, 1);
            w.symlink("sh", "bin/hello");
        });
        assertEquals(0, archive.length % 512);
        assertEquals("070701", new String(archive, 0, 6, StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("a.cpio"), archive);
        ChildProcesses.Completed cpio;
        try {
            cpio = ChildProcesses.run(List.of("cpio", "-itv", "-F", file.toString()), Duration.ofSeconds(20))
                    .orElseThrow(() -> new AssertionError("cpio did not finish within 20 s"));
        } catch (java.io.IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("cpio is not installed (os-integration/ci/install-deps.sh installs it)");
            return;
        }
        String out = cpio.output();
        assertEquals(0, cpio.exitCode(), out);
        List<String> lines = out.lines().filter(l -> !l.contains("block")).toList();
        assertEquals(4, lines.size(), out);
        assertTrue(lines.get(0).startsWith("drwxr-xr-x") && lines.get(0).endsWith(" bin"), out);
        assertTrue(lines.get(1).startsWith("-rwxr-xr-x") && lines.get(1).endsWith(" bin/hello"), out);
        assertTrue(lines.get(2).startsWith("crw-------") && lines.get(2).contains("5,") && lines.get(2).endsWith("dev-console"), out);
        assertTrue(lines.get(3).startsWith("lrwxrwxrwx") && lines.get(3).endsWith("sh -> bin/hello"), out);
    }
}
