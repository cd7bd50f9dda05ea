package org.hrdd.reports.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import tech.tablesaw.api.Table;

/**
 * The report's charts as PNG files (JFreeChart, headless), one method per chart, each from a {@link ReportData} table.
 * File names are fixed so the HTML can embed them: {@code charts/<name>.png}.
 */
public final class ReportCharts {

    public static final String DIR = "charts";
    public static final String TIERS = "risk_tiers";
    public static final String TREND = "score_trend";
    public static final String BLIND_SPOTS = "blind_spots";
    public static final String FUNNEL = "remediation_funnel";
    public static final String REACH = "worker_reach";
    public static final String COVERAGE = "worker_voice_coverage";
    public static final List<String> ALL = List.of(TIERS, TREND, BLIND_SPOTS, FUNNEL, REACH, COVERAGE);

    private static final Color INK = new Color(0x22313f);
    private static final Color[] SERIES = {
        new Color(0x9b1c1c), new Color(0x2f6f8f), new Color(0xd9822b), new Color(0x5b8c5a), new Color(0x6a4c93)
    };
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;

    private ReportCharts() {}

    /** Writes every chart under {@code out/charts/}; returns the files by chart name. */
    public static Map<String, Path> write(ReportData d, Path out) {
        System.setProperty("java.awt.headless", "true");
        Path dir = out.resolve(DIR);
        try {
            Files.createDirectories(dir);
            Map<String, Path> files = new LinkedHashMap<>();
            files.put(TIERS, save(tiers(d.tiers(), d.period()), dir.resolve(TIERS + ".png")));
            files.put(TREND, save(trend(d.trend()), dir.resolve(TREND + ".png")));
            files.put(BLIND_SPOTS, save(blindSpots(d), dir.resolve(BLIND_SPOTS + ".png"), HEIGHT + 120));
            files.put(FUNNEL, save(funnel(d.headlines(), d.indicators(), d.period()), dir.resolve(FUNNEL + ".png")));
            files.put(REACH, save(reach(d.reach(), d.k()), dir.resolve(REACH + ".png")));
            files.put(COVERAGE, save(coverage(d.reach(), d.minWorkersReached()), dir.resolve(COVERAGE + ".png")));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write charts to " + dir, e);
        }
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        return save(chart, file, HEIGHT);
    }

    private static Path save(JFreeChart chart, Path file, int height) throws IOException {
        chart.setAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        return file;
    }

    /** Facilities per tier, stacked: with worker voice, and without it (the tier rests on missing evidence). */
    static JFreeChart tiers(Table tiers, String period) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < tiers.rowCount(); i++) {
            String tier = tiers.stringColumn("tier").get(i);
            ds.addValue(tiers.intColumn("with_voice").get(i), "with worker voice", tier);
            ds.addValue(tiers.intColumn("without_voice").get(i), "without worker voice (coverage gap)", tier);
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(
                "Facilities by risk tier, " + period,
                null,
                "facilities",
                ds,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        CategoryPlot plot = style(chart);
        bars(plot, new Color(0x2f6f8f), new Color(0xc9d6df));
        integerAxis(plot);
        return chart;
    }

    static JFreeChart trend(Table trend) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        TreeSet<String> periods = new TreeSet<>();
        for (int i = 0; i < trend.rowCount(); i++) {
            periods.add(trend.stringColumn("period").get(i));
        }
        for (int i = 0; i < trend.rowCount(); i++) {
            String label = trend.stringColumn("facility_id").get(i) + " "
                    + trend.stringColumn("facility_name").get(i);
            ds.addValue(
                    trend.doubleColumn("score").get(i),
                    label,
                    trend.stringColumn("period").get(i));
        }
        String span = periods.isEmpty() ? "" : ", " + periods.first() + " to " + periods.last();
        JFreeChart chart = ChartFactory.createLineChart(
                "Risk score of the " + ds.getRowCount() + " highest-scoring facilities" + span,
                null,
                "score (0-100)",
                ds,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        CategoryPlot plot = style(chart);
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        for (int s = 0; s < ds.getRowCount(); s++) {
            r.setSeriesStroke(s, new BasicStroke(2f));
            r.setSeriesPaint(s, SERIES[s % SERIES.length]);
        }
        plot.setRenderer(r);
        plot.getRangeAxis().setRange(0, 100);
        return chart;
    }

    /**
     * Worker-elevated cells per theme, stacked: corroborated, audited and missed, not audited. From the indicator rows
     * by theme, so a withheld cell stays withheld: a theme any of whose three counts is withheld is left out, and the
     * subtitle says how many were.
     */
    static JFreeChart blindSpots(ReportData d) {
        Table t = d.indicators();
        Map<String, long[]> byTheme = new java.util.TreeMap<>();
        java.util.Set<String> withheld = new java.util.TreeSet<>();
        String[] ids = {"corroboration_rate", "audit_blind_spot_rate", "worker_elevated_unaudited_cells"};
        for (int i = 0; i < t.rowCount(); i++) {
            int series = java.util.Arrays.asList(ids)
                    .indexOf(t.stringColumn("indicator_id").get(i));
            if (series < 0 || !"theme".equals(t.stringColumn("dimension").get(i))) {
                continue;
            }
            String theme = t.stringColumn("breakdown_label").get(i);
            if (Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i))) {
                withheld.add(theme);
                continue;
            }
            Double v = t.doubleColumn("numerator").get(i);
            byTheme.computeIfAbsent(theme, x -> new long[3])[series] = v == null || v.isNaN() ? 0 : Math.round(v);
        }
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        String[] names = {"corroborated by an audit", "audited and missed (blind spot)", "no audit in the window"};
        byTheme.forEach((theme, c) -> {
            if (!withheld.contains(theme) && c[0] + c[1] + c[2] > 0) {
                for (int s = 0; s < 3; s++) {
                    ds.addValue(c[s], names[s], theme);
                }
            }
        });
        JFreeChart chart = ChartFactory.createStackedBarChart(
                "Worker-elevated facility x theme cells, " + d.period(),
                null,
                "cells",
                ds,
                PlotOrientation.HORIZONTAL,
                true,
                false,
                false);
        if (!withheld.isEmpty()) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle(
                    withheld.size() + " theme(s) withheld: fewer than " + d.k() + " workers", FONT));
        }
        if (ds.getColumnCount() == 0) {
            chart.addSubtitle(
                    new org.jfree.chart.title.TextTitle("no worker-elevated cell can be shown for the period", FONT));
        }
        CategoryPlot plot = style(chart);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        bars(plot, new Color(0x5b8c5a), new Color(0x9b1c1c), new Color(0xc9d6df));
        integerAxis(plot);
        return chart;
    }

    /** CAPs by stage, from the headline indicator rows; a withheld stage is left out and named in the subtitle. */
    static JFreeChart funnel(Headlines hl, Table indicators, String period) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<String> withheld = new ArrayList<>();
        Headlines.Figure opened = Headlines.lookup(indicators, "opened", "opened", "caps_opened", "total", "*");
        stage(ds, withheld, "opened", opened);
        stage(ds, withheld, "closed", hl.get("caps_closed"));
        stage(ds, withheld, "with a verdict", hl.get("caps_verdict"));
        Headlines.Figure confirmed = Headlines.lookup(
                indicators, "confirmed", "confirmed", "remediation_worker_verified_share", "total", "*");
        stage(ds, withheld, "confirmed by the worker", confirmed);
        stage(ds, withheld, "tested effective", hl.get("caps_tested_effective"));
        JFreeChart chart = ChartFactory.createBarChart(
                "Corrective-action plans by the end of " + period,
                null,
                "CAPs",
                ds,
                PlotOrientation.HORIZONTAL,
                false,
                false,
                false);
        if (!withheld.isEmpty()) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle("withheld: " + String.join(", ", withheld), FONT));
        }
        CategoryPlot plot = style(chart);
        bars(plot, new Color(0x2f6f8f));
        integerAxis(plot);
        return chart;
    }

    private static void stage(DefaultCategoryDataset ds, List<String> withheld, String label, Headlines.Figure f) {
        if (f.withheld() || !f.present()) {
            withheld.add(label);
        } else {
            ds.addValue(f.n(), "CAPs", label);
        }
    }

    /** Distinct consenting workers reached per period; a period below k is left out and said to be withheld. */
    static JFreeChart reach(Table reach, int k) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < reach.rowCount(); i++) {
            String period = reach.stringColumn("period").get(i);
            boolean suppressed = reach.booleanColumn("is_suppressed").get(i);
            ds.addValue(suppressed ? null : reach.longColumn("workers_reached").get(i), "workers reached", period);
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Workers reached by worker voice" + span(reach),
                null,
                "distinct workers",
                ds,
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        chart.addSubtitle(
                new org.jfree.chart.title.TextTitle("periods with fewer than " + k + " workers withheld", FONT));
        CategoryPlot plot = style(chart);
        bars(plot, new Color(0x2f6f8f));
        integerAxis(plot);
        return chart;
    }

    /** Facilities with at least the minimum workers reached, per period. */
    static JFreeChart coverage(Table reach, int minWorkers) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < reach.rowCount(); i++) {
            ds.addValue(
                    reach.longColumn("facilities_covered").get(i),
                    "facilities",
                    reach.stringColumn("period").get(i));
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Facilities with worker voice (at least " + minWorkers + " workers reached)" + span(reach),
                null,
                "facilities",
                ds,
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        CategoryPlot plot = style(chart);
        bars(plot, new Color(0x9fc5d8));
        integerAxis(plot);
        return chart;
    }

    private static String span(Table reach) {
        return reach.rowCount() == 0
                ? ""
                : ", " + reach.stringColumn("period").get(0) + " to "
                        + reach.stringColumn("period").get(reach.rowCount() - 1);
    }

    /** Flat bars in the given series colours. */
    private static void bars(CategoryPlot plot, Color... colours) {
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < colours.length; i++) {
            r.setSeriesPaint(i, colours[i]);
        }
    }

    private static void integerAxis(CategoryPlot plot) {
        plot.getRangeAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.getTitle().setFont(FONT.deriveFont(Font.BOLD, 14f));
        chart.getTitle().setPaint(INK);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xcccccc));
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setTickLabelFont(FONT);
        plot.getRangeAxis().setTickLabelFont(FONT);
        return plot;
    }
}
