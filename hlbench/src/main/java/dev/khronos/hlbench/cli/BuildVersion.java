package dev.khronos.hlbench.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code --version} of the command-line tools (hlbench, kbench, khronos-os): the command's name and
 * the project version this build was made from (a resource filled in by Maven), so the text never
 * goes stale when the version changes.
 *
 * <p>Thread-safety: picocli makes one per command; {@link #version()} is thread-safe.
 */
public final class BuildVersion implements IVersionProvider {
    private static final String RESOURCE = "build.properties";

    @Spec
    CommandSpec spec;

    /**
     * @return the project version, e.g. {@code 0.1.0}
     * @throws IllegalStateException if the build did not include the version resource
     */
    public static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " beside " + BuildVersion.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isEmpty() || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by the build: version=" + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {spec.name() + " " + version()};
    }
}
