package dev.khronos.mvrlu.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs jcstress ({@code org.openjdk.jcstress.Main} with this JVM's class path and the given
 * arguments) in a child JVM, and runs it again, up to {@value #ATTEMPTS} times in all, when it
 * failed only because its start-up CPU probe misfired on a busy machine.
 *
 * <p>jcstress 0.16 counts the CPUs by sampling {@code availableProcessors()} in a loop that ends
 * once one second passes without change; when the sampling thread is not scheduled for that
 * second (a loaded machine), it counts 0 CPUs and refuses {@code -c 2}: "Requested to use 2 CPUs,
 * but system has only 0 CPUs", exit 1, no test run. That is not a test failure; every other
 * failure, and the third misfire, is passed on with jcstress's exit status.
 *
 * <p>The output is copied line by line to stdout; system properties {@code khronos.*} of this JVM
 * are passed to the child (e.g. {@code -Dkhronos.engine=rlu}); if this JVM is stopped (the
 * exec-maven-plugin timeout), a shutdown hook kills the child and its forks.
 *
 * <p>Thread-safety: a program entry point; not for concurrent use.
 */
public final class JcstressLauncher {
    static final int ATTEMPTS = 3;
    private static final String PROBE_MISFIRE = " CPUs, but system has only ";

    private JcstressLauncher() {
    }

    /**
     * @param args jcstress's arguments
     * @throws Exception if jcstress cannot be started
     */
    public static void main(String[] args) throws Exception {
        System.exit(run("org.openjdk.jcstress.Main", args, System.out));
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM, again while it misfires.
     *
     * @param out where the child's output and the launcher's notes go
     * @return the exit status of the last attempt
     */
    static int run(String mainClass, String[] args, PrintStream out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildProcess.javaLauncher());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("khronos.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        int status = 1;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread killer = new Thread(() -> ChildProcess.destroyTree(p.toHandle()), "jcstress-killer");
            Runtime.getRuntime().addShutdownHook(killer);
            boolean misfire = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.println(line);
                    misfire |= line.startsWith("Requested to use ") && line.contains(PROBE_MISFIRE);
                }
            } catch (IOException e) {
                // The child is gone; its exit status says the rest.
            }
            status = p.waitFor();
            Runtime.getRuntime().removeShutdownHook(killer);
            if (status == 0 || !misfire) {
                break;
            }
            out.println("jcstress-launcher: jcstress's CPU probe misfired on a busy machine (attempt " + attempt
                    + " of " + ATTEMPTS + ")" + (attempt < ATTEMPTS ? "; running it again" : ""));
        }
        return status;
    }
}
