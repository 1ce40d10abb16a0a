package dev.khronos.hlbench.cli;

import dev.khronos.hlbench.result.BenchmarkRun;
import dev.khronos.hlbench.result.RunParameters;
import dev.khronos.hlbench.result.RunStatus;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a sweep: a table (rows: update rate, other parameters and sync; columns: threads;
 * cells: measured Mops/s) and a PNG chart drawn with JFreeChart (throughput vs threads, one line
 * per sync, one panel per update rate and parameter set).
 *
 * <p>A cell ends with {@code !} when the size check failed and reads {@code fail} for a run that
 * did not complete. Thread-safety: immutable after construction, thread-safe.
 */
public final class SweepReport {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private final List<BenchmarkRun> runs;

    /** @param runs the sweep's runs (hlbench records) */
    public SweepReport(List<BenchmarkRun> runs) {
        this.runs = List.copyOf(runs);
    }

    private static String panel(RunParameters p) {
        return "update " + p.updatePermille() + "\u2030, initial " + p.initial() + ", buckets " + p.buckets()
                + ", range " + p.range();
    }

    /** @return the table, one line per row, with a header line */
    public String table() {
        Set<Integer> threads = new TreeSet<>();
        Map<String, Map<Integer, String>> rows = new LinkedHashMap<>();
        List<BenchmarkRun> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> {
            RunParameters p = a.parameters();
            RunParameters q = b.parameters();
            int c = Integer.compare(p.updatePermille(), q.updatePermille());
            if (c == 0) {
                c = Long.compare(p.initial(), q.initial());
            }
            if (c == 0) {
                c = Integer.compare(p.buckets(), q.buckets());
            }
            if (c == 0) {
                c = Long.compare(p.range(), q.range());
            }
            return c;
        });
        for (BenchmarkRun r : sorted) {
            RunParameters p = r.parameters();
            threads.add(p.threads());
            String key = String.format(Locale.ROOT, "%7d %8d %8d %8d  %-10s", p.updatePermille(), p.initial(),
                    p.buckets(), p.range(), r.sync());
            rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.threads(), cell(r));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Throughput in Mops/s (measured duration); ! = size check failed\n");
        sb.append(String.format(Locale.ROOT, "%7s %8s %8s %8s  %-10s", "update\u2030", "initial", "buckets", "range", "sync"));
        for (int t : threads) {
            sb.append(String.format(Locale.ROOT, " %10s", "t=" + t));
        }
        sb.append('\n');
        rows.forEach((k, cells) -> {
            sb.append(k);
            for (int t : threads) {
                sb.append(String.format(Locale.ROOT, " %10s", cells.getOrDefault(t, "-")));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    private static String cell(BenchmarkRun r) {
        if (r.status() != RunStatus.COMPLETE) {
            return "fail";
        }
        String v = String.format(Locale.ROOT, "%.3f", r.rates().opsPerSec() / 1e6);
        return r.sizeCheck() != null && !r.sizeCheck().passed() ? v + "!" : v;
    }

    /**
     * Draws the chart.
     *
     * @param png   the file to write
     * @param title the chart title
     * @throws IOException on write failure
     */
    public void chart(Path png, String title) throws IOException {
        Map<String, Map<String, XYSeries>> panels = new LinkedHashMap<>();
        Set<String> syncs = new LinkedHashSet<>();
        List<BenchmarkRun> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Integer.compare(a.parameters().updatePermille(), b.parameters().updatePermille()));
        for (BenchmarkRun r : sorted) {
            syncs.add(r.sync());
        }
        for (BenchmarkRun r : sorted) {
            if (r.status() != RunStatus.COMPLETE) {
                continue;
            }
            Map<String, XYSeries> series = panels.computeIfAbsent(panel(r.parameters()), k -> {
                Map<String, XYSeries> m = new LinkedHashMap<>();
                for (String s : syncs) {
                    m.put(s, new XYSeries(s, true, true));
                }
                return m;
            });
            series.get(r.sync()).addOrUpdate(r.parameters().threads(), r.rates().opsPerSec() / 1e6);
        }
        NumberAxis threadsAxis = new NumberAxis("threads");
        threadsAxis.setAutoRangeIncludesZero(false);
        threadsAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(threadsAxis);
        plot.setGap(12);
        for (Map.Entry<String, Map<String, XYSeries>> e : panels.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            e.getValue().values().forEach(data::addSeries);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int i = 0; i < data.getSeriesCount(); i++) {
                renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                renderer.setSeriesStroke(i, new BasicStroke(2f));
            }
            NumberAxis y = new NumberAxis("Mops/s");
            y.setAutoRangeIncludesZero(true);
            XYPlot sub = new XYPlot(data, null, y, renderer);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setDomainGridlinePaint(Color.LIGHT_GRAY);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
            sub.addAnnotation(new org.jfree.chart.annotations.XYTitleAnnotation(0.01, 0.98,
                    new org.jfree.chart.title.TextTitle(e.getKey()), org.jfree.chart.ui.RectangleAnchor.TOP_LEFT));
            plot.add(sub, 1);
        }
        if (!plot.getSubplots().isEmpty()) {
            plot.setFixedLegendItems(((XYPlot) plot.getSubplots().get(0)).getLegendItems());
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 140 + 280 * Math.max(1, panels.size()));
    }
}
