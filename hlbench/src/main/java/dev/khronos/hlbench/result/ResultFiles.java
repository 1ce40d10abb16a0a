package dev.khronos.hlbench.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads runs from result files or directories of them: {@code *.jsonl} (JSON Lines),
 * {@code *.json} (an array or a single run) and {@code *.csv}.
 *
 * <p>A sweep writes the same runs as {@code results.jsonl} and {@code results.csv}; to avoid
 * counting them twice, a CSV file is skipped when a JSON file with the same base name sits next
 * to it. Stateless and thread-safe.
 */
public final class ResultFiles {

    private ResultFiles() {
    }

    /**
     * @param path a result file, or a directory searched recursively
     * @return the runs, files in path order
     * @throws IllegalArgumentException if the path does not exist or a file is malformed
     * @throws UncheckedIOException     on I/O failure
     */
    public static List<BenchmarkRun> load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or directory: " + path);
        }
        if (Files.isRegularFile(path)) {
            return loadFile(path);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(path)) {
            files = s.filter(Files::isRegularFile).filter(ResultFiles::isResultFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        Set<Path> jsonBases = new HashSet<>();
        for (Path f : files) {
            if (!extension(f).equals("csv")) {
                jsonBases.add(base(f));
            }
        }
        List<BenchmarkRun> runs = new ArrayList<>();
        for (Path f : files) {
            if (extension(f).equals("csv") && jsonBases.contains(base(f))) {
                continue;
            }
            runs.addAll(loadFile(f));
        }
        return runs;
    }

    private static List<BenchmarkRun> loadFile(Path f) {
        switch (extension(f)) {
            case "jsonl":
                return ResultJson.readJsonLines(f);
            case "csv":
                return ResultCsv.read(f);
            case "json":
                try {
                    String text = Files.readString(f).strip();
                    return text.startsWith("[") ? ResultJson.listFromJson(text) : List.of(ResultJson.fromJson(text));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
                }
            default:
                throw new IllegalArgumentException("not a result file (.jsonl, .json or .csv): " + f);
        }
    }

    private static boolean isResultFile(Path f) {
        String ext = extension(f);
        return ext.equals("jsonl") || ext.equals("json") || ext.equals("csv");
    }

    private static String extension(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path base(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return f.resolveSibling(dot < 0 ? name : name.substring(0, dot));
    }
}
