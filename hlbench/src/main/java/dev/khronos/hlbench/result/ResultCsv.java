package dev.khronos.hlbench.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV (RFC 4180: comma-separated, fields with a comma, quote or line break in double quotes) for
 * {@link BenchmarkRun}, one flat row per run, for spreadsheets and plotting scripts.
 *
 * <p>Columns are found by header name when reading, so column order may change between versions;
 * unknown columns are ignored and missing optional ones read as {@code null} (a file written
 * before {@code snapshot_readers}, {@code snapshots}, {@code snapshots_per_s}, {@code clock} and
 * {@code clock_bound_ns} existed reads as before). Empty cells are {@code null}. {@code size_ok} is derived and only
 * written. {@code extra} parameters are written as {@code key=value} pairs separated by {@code ;}.
 *
 * <p>Stateless and thread-safe. Appending to the same file concurrently is not coordinated.
 */
public final class ResultCsv {

    /** The columns, in the order they are written. */
    public static final List<String> COLUMNS = List.of(
            "benchmark", "sync", "status", "threads", "initial", "buckets", "duration_ms",
            "update_permille", "range", "ops", "reads", "updates", "adds", "removes", "founds",
            "ops_per_s", "reads_per_s", "updates_per_s", "snapshot_readers", "snapshots", "snapshots_per_s",
            "clock", "clock_bound_ns", "measured_duration_ms", "size_actual",
            "size_expected", "size_ok", "source", "machine", "cpus", "kernel_image", "transcript",
            "command", "note", "extra");

    private ResultCsv() {
    }

    /** @return the header line, without a line break */
    public static String header() {
        return String.join(",", COLUMNS);
    }

    /**
     * @param run a run
     * @return its CSV row, without a line break
     */
    public static String toRow(BenchmarkRun run) {
        RunParameters p = run.parameters();
        RunCounters c = run.counters();
        RunRates r = run.rates();
        SizeCheck s = run.sizeCheck();
        RunSource src = run.source();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("benchmark", run.benchmark());
        v.put("sync", run.sync());
        v.put("status", run.status().id());
        v.put("threads", p.threads());
        v.put("initial", p.initial());
        v.put("buckets", p.buckets());
        v.put("duration_ms", p.durationMs());
        v.put("update_permille", p.updatePermille());
        v.put("range", p.range());
        v.put("ops", c == null ? null : c.ops());
        v.put("reads", c == null ? null : c.reads());
        v.put("updates", c == null ? null : c.updates());
        v.put("adds", c == null ? null : c.adds());
        v.put("removes", c == null ? null : c.removes());
        v.put("founds", c == null ? null : c.founds());
        v.put("ops_per_s", r == null ? null : number(r.opsPerSec()));
        v.put("reads_per_s", r == null ? null : number(r.readsPerSec()));
        v.put("updates_per_s", r == null ? null : number(r.updatesPerSec()));
        v.put("snapshot_readers", p.snapshotReaders());
        v.put("snapshots", c == null ? null : c.snapshots());
        v.put("snapshots_per_s", r == null || r.snapshotsPerSec() == null ? null : number(r.snapshotsPerSec()));
        v.put("clock", p.clock());
        v.put("clock_bound_ns", p.clockBoundNs());
        v.put("measured_duration_ms", run.measuredDurationMs());
        v.put("size_actual", s == null ? null : s.actual());
        v.put("size_expected", s == null ? null : s.expected());
        v.put("size_ok", s == null ? null : s.passed());
        v.put("source", src.kind().id());
        v.put("machine", src.machine());
        v.put("cpus", src.cpus());
        v.put("kernel_image", src.kernelImage());
        v.put("transcript", src.transcript());
        v.put("command", run.command());
        v.put("note", run.note());
        v.put("extra", extraToText(p.extra()));
        StringBuilder sb = new StringBuilder();
        for (String col : COLUMNS) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            Object value = v.get(col);
            if (value != null) {
                sb.append(quote(value.toString()));
            }
        }
        return sb.toString();
    }

    /**
     * Writes a header and one row per run.
     *
     * @param out  destination
     * @param runs runs
     * @throws IOException from {@code out}
     */
    public static void write(Appendable out, List<BenchmarkRun> runs) throws IOException {
        out.append(header()).append('\n');
        for (BenchmarkRun run : runs) {
            out.append(toRow(run)).append('\n');
        }
    }

    /**
     * Appends a row, writing the header first if the file is new or empty.
     *
     * @param file the CSV file
     * @param run  the run
     * @throws UncheckedIOException on I/O failure
     */
    public static void append(Path file, BenchmarkRun run) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean needHeader = !Files.exists(file) || Files.size(file) == 0;
            String text = (needHeader ? header() + "\n" : "") + toRow(run) + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /**
     * Reads a CSV file written by this class.
     *
     * @param file the file
     * @return the runs
     * @throws IllegalArgumentException naming the file and record for malformed content
     * @throws UncheckedIOException     on I/O failure
     */
    public static List<BenchmarkRun> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text with a header line.
     *
     * @param reader the text
     * @return the runs
     * @throws IOException              from the reader
     * @throws IllegalArgumentException for malformed content or a missing required column
     */
    public static List<BenchmarkRun> read(Reader reader) throws IOException {
        List<List<String>> records = parse(new BufferedReader(reader));
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> head = records.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < head.size(); i++) {
            index.put(head.get(i).strip(), i);
        }
        for (String required : List.of("benchmark", "sync", "status", "threads", "initial", "buckets",
                "duration_ms", "update_permille", "range", "source")) {
            if (!index.containsKey(required)) {
                throw new IllegalArgumentException("missing column " + required);
            }
        }
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int n = 1; n < records.size(); n++) {
            List<String> rec = records.get(n);
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                continue;
            }
            try {
                runs.add(toRun(new Row(rec, index)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("record " + n + ": " + e.getMessage(), e);
            }
        }
        return runs;
    }

    private static BenchmarkRun toRun(Row row) {
        RunParameters p = new RunParameters(row.integer("threads"), row.longValue("initial"),
                row.integer("buckets"), row.longValue("duration_ms"), row.integer("update_permille"),
                row.longValue("range"), row.optInt("snapshot_readers"), row.text("clock"), row.optLong("clock_bound_ns"),
                extraFromText(row.text("extra")));
        RunCounters c = null;
        if (row.text("ops") != null) {
            c = new RunCounters(row.longValue("ops"), row.longValue("reads"), row.longValue("updates"),
                    row.optLong("adds"), row.optLong("removes"), row.optLong("founds"), row.optLong("snapshots"));
        }
        RunRates r = null;
        if (row.text("ops_per_s") != null) {
            r = new RunRates(row.dbl("ops_per_s"), row.dbl("reads_per_s"), row.dbl("updates_per_s"),
                    row.optDouble("snapshots_per_s"));
        }
        SizeCheck s = null;
        if (row.text("size_actual") != null) {
            s = new SizeCheck(row.longValue("size_actual"), row.longValue("size_expected"));
        }
        Long cpus = row.optLong("cpus");
        RunSource src = new RunSource(SourceKind.fromId(row.text("source")), row.text("machine"),
                cpus == null ? null : Math.toIntExact(cpus), row.text("kernel_image"), row.text("transcript"));
        return new BenchmarkRun(row.text("benchmark"), row.text("sync"), p, c, r,
                row.optLong("measured_duration_ms"), s, src, RunStatus.fromId(row.text("status")),
                row.text("command"), row.text("note"));
    }

    /** Doubles without exponent notation, trailing zeros dropped ("4063391", "12.5"). */
    private static String number(double d) {
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return s;
    }

    private static String extraToText(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        extra.forEach((k, val) -> {
            if (k.contains("=") || k.contains(";") || val.contains(";")) {
                throw new IllegalArgumentException("extra parameter cannot be written to CSV (contains = or ;): " + k);
            }
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(k).append('=').append(val);
        });
        return sb.toString();
    }

    private static Map<String, String> extraFromText(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null) {
            return m;
        }
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad extra parameter: " + pair);
            }
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> parse(BufferedReader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int ch;
        while ((ch = in.read()) != -1) {
            any = true;
            char c = (char) ch;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (any) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** One CSV record addressed by column name; empty cells read as {@code null}. */
    private record Row(List<String> cells, Map<String, Integer> index) {
        String text(String col) {
            Integer i = index.get(col);
            if (i == null || i >= cells.size()) {
                return null;
            }
            String s = cells.get(i);
            return s.isEmpty() ? null : s;
        }

        String required(String col) {
            String s = text(col);
            if (s == null) {
                throw new IllegalArgumentException("empty " + col);
            }
            return s;
        }

        int integer(String col) {
            return Integer.parseInt(required(col).strip());
        }

        long longValue(String col) {
            return Long.parseLong(required(col).strip());
        }

        Long optLong(String col) {
            String s = text(col);
            return s == null ? null : Long.valueOf(s.strip());
        }

        Integer optInt(String col) {
            String s = text(col);
            return s == null ? null : Integer.valueOf(s.strip());
        }

        Double optDouble(String col) {
            String s = text(col);
            return s == null ? null : Double.valueOf(s.strip());
        }

        double dbl(String col) {
            return Double.parseDouble(required(col).strip());
        }
    }
}
