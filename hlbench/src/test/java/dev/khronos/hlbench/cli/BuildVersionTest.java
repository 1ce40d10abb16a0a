package dev.khronos.hlbench.cli;

import org.junit.jupiter.api.Test;

import static dev.khronos.hlbench.cli.CliTestSupport.hlbench;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class BuildVersionTest {
    @Test
    void versionIsThePomVersion() {
        String pomVersion = System.getProperty("khronos.project.version");
        assertNotNull(pomVersion, "Surefire passes the POM's version as khronos.project.version");
        assertEquals(pomVersion, BuildVersion.version());
        CliTestSupport.Result r = hlbench("--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("hlbench " + pomVersion + "\n", r.out());
    }
}
