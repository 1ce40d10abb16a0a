package dev.khronos.hlbench.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON and JSON Lines (one run per line) for {@link BenchmarkRun}.
 *
 * <p>JSON Lines is the format for result files that grow while a sweep runs: appending one line
 * per finished run never rewrites earlier results, and a run cut off half-way through writing
 * leaves at most one unreadable last line, which {@link #readJsonLines(Path)} reports.
 *
 * <p>Thread-safe: the shared {@link ObjectMapper} is configured once and only used afterwards.
 * Appending to the same file from several threads or processes is not coordinated.
 */
public final class ResultJson {

    /**
     * Unknown properties are ignored so that files written by a later version (with more fields)
     * stay readable; derived properties such as {@code size_check.passed} are ignored on read.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private ResultJson() {
    }

    /**
     * @return a copy of the configured mapper, for callers that embed runs in other JSON
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * @param run a run
     * @return compact one-line JSON
     */
    public static String toJson(BenchmarkRun run) {
        try {
            return MAPPER.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a run", e);
        }
    }

    /**
     * @param runs runs
     * @return an indented JSON array
     */
    public static String toPrettyJson(List<BenchmarkRun> runs) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(runs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise runs", e);
        }
    }

    /**
     * @param json one JSON object
     * @return the run
     * @throws IllegalArgumentException if the text is not a valid run
     */
    public static BenchmarkRun fromJson(String json) {
        try {
            return MAPPER.readValue(json, BenchmarkRun.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark run: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param json a JSON array of runs
     * @return the runs
     * @throws IllegalArgumentException if the text is not an array of valid runs
     */
    public static List<BenchmarkRun> listFromJson(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<BenchmarkRun>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a list of benchmark runs: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Appends one run as one line, creating the file (and its directory) if needed. The line is
     * written with a single write call and forced to the device, so that a sweep killed right
     * after a run still has that run on disk.
     *
     * @param file the JSON Lines file
     * @param run  the run
     * @throws UncheckedIOException on I/O failure
     */
    public static void appendJsonLine(Path file, BenchmarkRun run) {
        byte[] line = (toJson(run) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                var buffer = java.nio.ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /**
     * Writes runs as JSON Lines, replacing the file.
     *
     * @param file the file
     * @param runs the runs
     * @throws UncheckedIOException on I/O failure
     */
    public static void writeJsonLines(Path file, List<BenchmarkRun> runs) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (BenchmarkRun run : runs) {
                w.write(toJson(run));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads a JSON Lines file; blank lines are skipped.
     *
     * @param file the file
     * @return the runs in file order
     * @throws IllegalArgumentException naming the file and line if a line is not a valid run
     * @throws UncheckedIOException     on I/O failure
     */
    public static List<BenchmarkRun> readJsonLines(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                runs.add(fromJson(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return runs;
    }
}
