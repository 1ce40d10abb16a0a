package dev.khronos.rlu.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs {@link HashListBenchmark} for both engines, 2/20/50 % updates, with 1 and 2 threads in one
 * run, and prints one table of ops/µs. Arguments: {@code [forks] [iterationSeconds]} (default 1, 2).
 *
 * <pre>{@code mvn -pl mvrlu-rlu test-compile exec:exec -Pjmh -Djmh.args=...}  or
 * java -cp <test classpath> dev.khronos.rlu.bench.HashListComparison 1 2}</pre>
 */
public final class HashListComparison {
    private HashListComparison() {
    }

    public static void main(String[] args) throws Exception {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String[]> rows = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Options opt = new OptionsBuilder()
                    .include(HashListBenchmark.class.getName() + ".hashList")
                    .forks(forks)
                    .threads(threads)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
                    .jvmArgsAppend("-Xms1g", "-Xmx1g", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED")
                    .build();
            Collection<RunResult> results = new Runner(opt).run();
            for (RunResult r : results) {
                var p = r.getParams();
                var s = r.getPrimaryResult();
                rows.add(new String[] {p.getParam("engine"), p.getParam("updatePercent"), Integer.toString(threads),
                        String.format("%.3f", s.getScore()), String.format("%.3f", s.getScoreError())});
            }
        }
        System.out.println();
        System.out.println("hash list: 1000 buckets, 5000 initial, range 10000; ops/us (JMH throughput, +- 99.9% error)");
        System.out.printf("%-7s %8s %8s %10s %10s%n", "engine", "update%", "threads", "ops/us", "error");
        rows.sort((a, b) -> {
            int c = Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1]));
            if (c == 0) {
                c = a[2].compareTo(b[2]);
            }
            return c == 0 ? a[0].compareTo(b[0]) : c;
        });
        for (String[] row : rows) {
            System.out.printf("%-7s %8s %8s %10s %10s%n", (Object[]) row);
        }
    }
}
