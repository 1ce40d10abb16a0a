package dev.khronos.hlbench.cli;

import org.junit.jupiter.api.DynamicTest;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --help} of every command of a picocli CLI, each in a fresh JVM as a user runs it: exit
 * status 0, the usage on standard output and nothing at all on standard error. A fresh JVM because
 * picocli's own warnings (an unescaped {@code %} in a description, for one) go to the
 * {@code System.err} of the moment its tracer class was loaded, which an in-process test cannot
 * capture reliably. The commands are enumerated from the {@link CommandLine} tree, so a new
 * sub-command is covered without touching the test. Shared by hlbench, kbench and os-integration
 * (hlbench's test-jar).
 *
 * <p>Thread-safety: stateless; each returned test forks and destroys its own child JVM.
 */
public final class HelpOutputCheck {
    /** Generous: a child JVM printing its usage takes well under a second on an idle machine. */
    private static final long CHILD_DEADLINE_SECONDS = 120;

    private HelpOutputCheck() {
    }

    /**
     * @param root     the CLI's top command, as its {@code main} builds it
     * @param mainClass the class whose {@code main} is the CLI's entry point
     * @return one test per command ({@code prog --help}, {@code prog sub --help}, ...)
     */
    public static Stream<DynamicTest> forEveryCommand(CommandLine root, Class<?> mainClass) {
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        String prog = root.getCommandName();
        return paths.stream().map(path -> DynamicTest.dynamicTest(
                (prog + " " + String.join(" ", path)).strip() + " --help",
                () -> assertCleanHelp(mainClass, path)));
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getValue().getCommandName().equals(e.getKey())) {
                continue;                                   // an alias of a command already listed
            }
            path.add(e.getKey());
            collect(e.getValue(), path, into);
            path.remove(path.size() - 1);
        }
    }

    /** Runs {@code java -cp CLASSPATH mainClass path... --help} and checks its exit status and streams. */
    static void assertCleanHelp(Class<?> mainClass, List<String> path) throws IOException, InterruptedException {
        Path out = Files.createTempFile("help-out", ".txt");
        Path err = Files.createTempFile("help-err", ".txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");                // starts faster; prints nothing itself
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(path);
        cmd.add("--help");
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS), "--help did not finish in "
                    + CHILD_DEADLINE_SECONDS + " s: " + String.join(" ", path));
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals("", stderr, "--help must print nothing on stderr");
            assertEquals(0, p.exitValue(), "exit status of --help; stdout:\n" + stdout);
            assertTrue(stdout.startsWith("Usage: "), "the usage on stdout:\n" + stdout);
        } finally {
            if (p != null) {
                p.destroyForcibly().waitFor(CHILD_DEADLINE_SECONDS, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
