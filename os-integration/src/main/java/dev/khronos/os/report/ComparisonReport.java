package dev.khronos.os.report;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.RunStatus;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Matches kernel and JVM runs with the same parameters and writes the comparison.
 *
 * <p>Matching key: sync name and threads, initial size, buckets, update rate and range. The
 * duration is not part of the key (rates are per second either way) but is shown. Sync names are
 * compared case-insensitively with {@code -}, {@code _} and spaces removed, and hlbench's
 * {@code spin} counts as {@code spinlock} (both are a per-bucket spinlock over sorted lists).
 * Only complete runs are compared; repeated runs are averaged. Runs without a partner are still
 * listed, with the other side empty.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class ComparisonReport {

    private final List<Row> rows;
    private final List<String> kernelSources;
    private final List<String> jvmSources;
    private final int kernelIgnored;
    private final int jvmIgnored;

    /**
     * @param kernelRuns runs from KhronOS
     * @param jvmRuns    runs from the JVM suite
     * @throws IllegalArgumentException if neither side has a complete run
     */
    public ComparisonReport(List<BenchmarkRun> kernelRuns, List<BenchmarkRun> jvmRuns) {
        Map<Key, Acc[]> map = new TreeMap<>();
        kernelIgnored = add(map, kernelRuns, 0);
        jvmIgnored = add(map, jvmRuns, 1);
        if (map.isEmpty()) {
            throw new IllegalArgumentException("no complete runs to report");
        }
        List<Row> r = new ArrayList<>();
        map.forEach((k, acc) -> r.add(new Row(k, acc[0], acc[1])));
        rows = List.copyOf(r);
        kernelSources = sources(kernelRuns);
        jvmSources = sources(jvmRuns);
    }

    private static int add(Map<Key, Acc[]> map, List<BenchmarkRun> runs, int side) {
        int ignored = 0;
        for (BenchmarkRun run : runs) {
            if (run.status() != RunStatus.COMPLETE) {
                ignored++;
                continue;
            }
            Acc[] acc = map.computeIfAbsent(Key.of(run), k -> new Acc[] {new Acc(), new Acc()});
            acc[side].add(run);
        }
        return ignored;
    }

    private static List<String> sources(List<BenchmarkRun> runs) {
        Set<String> s = new LinkedHashSet<>();
        for (BenchmarkRun r : runs) {
            RunSource src = r.source();
            s.add(src.kind().id() + ": " + (src.machine() == null ? "machine unknown" : src.machine())
                    + "; CPUs: " + (src.cpus() == null ? "unknown" : src.cpus())
                    + (src.kernelImage() == null ? "" : "; kernel image: " + src.kernelImage()));
        }
        return List.copyOf(s);
    }

    /**
     * @param sync a sync name from a record
     * @return the name used for matching, e.g. {@code spinchain} for {@code spin-chain}
     */
    public static String canonicalSync(String sync) {
        String s = sync.toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
        return s.equals("spin") ? "spinlock" : s;
    }

    /** @return the table rows, ordered by sync and parameters */
    public List<Row> rows() {
        return rows;
    }

    /** @return the Markdown report: environment, then the table */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# KhronOS vs JVM\n\n");
        sb.append("Kernel results from:\n");
        kernelSources.forEach(s -> sb.append("- ").append(s).append('\n'));
        if (kernelSources.isEmpty()) {
            sb.append("- (none)\n");
        }
        sb.append("\nJVM results from:\n");
        jvmSources.forEach(s -> sb.append("- ").append(s).append('\n'));
        if (jvmSources.isEmpty()) {
            sb.append("- (none)\n");
        }
        if (kernelIgnored + jvmIgnored > 0) {
            sb.append("\nIncomplete runs left out: ").append(kernelIgnored).append(" kernel, ")
                    .append(jvmIgnored).append(" JVM.\n");
        }
        sb.append("\nRates are operations per second as each run reported them (KhronOS divides by the nominal duration).\n\n");
        sb.append("| sync | threads | initial | buckets | update ‰ | range | kernel bench | kernel ops/s (n) | JVM ops/s (n) | JVM/kernel | size mismatches |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Key k = r.key();
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %d |%n",
                    k.sync(), k.threads(), k.initial(), k.buckets(), k.update(), k.range(),
                    r.kernel().n == 0 ? "-" : String.join(",", r.kernel().benchmarks),
                    cell(r.kernel()), cell(r.jvm()), ratio(r), r.kernel().sizeFailures + r.jvm().sizeFailures));
        }
        return sb.toString();
    }

    /** @return the table as CSV */
    public String csv() {
        StringBuilder sb = new StringBuilder("sync,threads,initial,buckets,update_permille,range,kernel_benchmarks,"
                + "kernel_ops_per_s,kernel_runs,jvm_ops_per_s,jvm_runs,jvm_over_kernel,size_mismatches\n");
        for (Row r : rows) {
            Key k = r.key();
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%s,%s,%d,%s,%d,%s,%d%n", k.sync(), k.threads(),
                    k.initial(), k.buckets(), k.update(), k.range(), String.join(";", r.kernel().benchmarks),
                    r.kernel().n == 0 ? "" : num(r.kernel().mean()), r.kernel().n,
                    r.jvm().n == 0 ? "" : num(r.jvm().mean()), r.jvm().n,
                    r.kernel().n == 0 || r.jvm().n == 0 ? "" : num(r.jvm().mean() / r.kernel().mean()),
                    r.kernel().sizeFailures + r.jvm().sizeFailures));
        }
        return sb.toString();
    }

    /**
     * Draws a bar chart of ops/s per parameter point, kernel next to JVM, on a log axis (MV-RLU in
     * the kernel and a JVM spinlock can differ by three orders of magnitude).
     *
     * @param png destination
     * @throws IOException if it cannot be written
     */
    public void writeChart(Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Row r : rows) {
            Key k = r.key();
            String label = String.format(Locale.ROOT, "%s t=%d u=%d b=%d i=%d", k.sync(), k.threads(), k.update(),
                    k.buckets(), k.initial());
            if (r.kernel().n > 0) {
                data.addValue(r.kernel().mean(), "KhronOS", label);
            }
            if (r.jvm().n > 0) {
                data.addValue(r.jvm().mean(), "JVM", label);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Hash-list throughput: KhronOS vs JVM", null, "ops/s (log)",
                data, PlotOrientation.VERTICAL, true, false, false);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        for (String s : kernelSources) {
            chart.addSubtitle(new TextTitle("kernel: " + s, small));
        }
        for (String s : jvmSources) {
            chart.addSubtitle(new TextTitle("JVM: " + s, small));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = new LogAxis("ops/s (log scale)");
        axis.setSmallestValue(1);
        axis.setTickUnit(new NumberTickUnit(1));
        plot.setRangeAxis(axis);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xff7f0e));
        int width = Math.max(800, 60 * rows.size() + 200);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, 600 + 14 * (kernelSources.size() + jvmSources.size()));
    }

    private static String cell(Acc a) {
        return a.n == 0 ? "-" : num(a.mean()) + " (" + a.n + ")";
    }

    private static String ratio(Row r) {
        return r.kernel().n == 0 || r.jvm().n == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f", r.jvm().mean() / r.kernel().mean());
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /**
     * The matching key of a run. Immutable, thread-safe, ordered by sync then parameters.
     *
     * @param sync    canonical sync name
     * @param threads threads
     * @param initial initial size
     * @param buckets buckets
     * @param update  update rate per mille
     * @param range   key range
     */
    public record Key(String sync, int threads, long initial, int buckets, int update, long range)
            implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::sync).thenComparingLong(Key::initial)
                .thenComparingInt(Key::buckets).thenComparingLong(Key::range).thenComparingInt(Key::update)
                .thenComparingInt(Key::threads);

        static Key of(BenchmarkRun run) {
            RunParameters p = run.parameters();
            return new Key(canonicalSync(run.sync()), p.threads(), p.initial(), p.buckets(), p.updatePermille(), p.range());
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * One line of the table. Immutable once the report is built.
     *
     * @param key    the parameters
     * @param kernel kernel-side aggregate
     * @param jvm    JVM-side aggregate
     */
    public record Row(Key key, Acc kernel, Acc jvm) {
    }

    /** Mean of ops/s over runs; mutated only while the report is built. */
    public static final class Acc {
        private int n;
        private double sum;
        private int sizeFailures;
        private final Set<String> benchmarks = new LinkedHashSet<>();

        void add(BenchmarkRun run) {
            n++;
            sum += run.rates().opsPerSec();
            benchmarks.add(run.benchmark());
            if (run.sizeCheck() != null && !run.sizeCheck().passed()) {
                sizeFailures++;
            }
        }

        /** @return number of runs */
        public int count() {
            return n;
        }

        /** @return mean ops/s, NaN without runs */
        public double mean() {
            return n == 0 ? Double.NaN : sum / n;
        }

        /** @return runs whose size check failed */
        public int sizeFailures() {
            return sizeFailures;
        }
    }
}
