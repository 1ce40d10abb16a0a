package dev.khronos.hlbench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs JMH once per thread count and merges the JSON results into one array (JMH's {@code -t}
 * takes a single value and {@code @Param} cannot vary threads).
 *
 * <pre>{@code java -cp hlbench/target/benchmarks.jar dev.khronos.hlbench.jmh.ThreadSweep \
 *     --threads 1,2 --out results/jmh.json HashListBenchmark -p sync=mvrlu,chm -f 1 -wi 2 -i 3}</pre>
 *
 * Everything after the sweep's own options is passed to JMH unchanged. Each entry of the merged
 * file keeps JMH's {@code "threads"} field. Exit status 2 for a usage error (one line).
 *
 * <p>Thread-safety: a command-line program; not for concurrent use.
 */
public final class ThreadSweep {
    private ThreadSweep() {
    }

    /**
     * @param args {@code [--threads LIST] [--out FILE] JMH-ARGS...}
     */
    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | CommandLineOptionException e) {
            System.err.println("ThreadSweep: " + e.getMessage());
            System.exit(2);
        } catch (IOException | RunnerException e) {
            System.err.println("ThreadSweep: " + e);
            System.exit(1);
        }
    }

    static int run(String[] args) throws IOException, RunnerException, CommandLineOptionException {
        List<Integer> threads = new ArrayList<>();
        Path out = Path.of("results", "jmh.json");
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads") && i + 1 < args.length) {
                for (String t : args[++i].split(",")) {
                    try {
                        threads.add(Integer.parseInt(t.trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--threads needs a comma-separated list of integers, got '" + t + "'");
                    }
                }
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                jmh.add(args[i]);
            }
        }
        if (threads.isEmpty()) {
            for (int t = 1; t <= Runtime.getRuntime().availableProcessors(); t++) {
                threads.add(t);
            }
        }
        for (int t : threads) {
            if (t <= 0) {
                throw new IllegalArgumentException("--threads values must be > 0, got " + t);
            }
        }
        CommandLineOptions cli = new CommandLineOptions(jmh.toArray(new String[0]));
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode merged = mapper.createArrayNode();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        for (int t : threads) {
            Path part = Files.createTempFile("jmh-t" + t + "-", ".json");
            try {
                new Runner(new OptionsBuilder().parent(cli).threads(t).resultFormat(ResultFormatType.JSON)
                        .result(part.toString()).build()).run();
                JsonNode node = mapper.readTree(part.toFile());
                if (node != null && node.isArray()) {
                    node.forEach(merged::add);
                }
            } finally {
                Files.deleteIfExists(part);
            }
            mapper.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), merged);
        }
        System.out.println("ThreadSweep: " + merged.size() + " results for threads " + threads + " in " + out);
        return 0;
    }
}
