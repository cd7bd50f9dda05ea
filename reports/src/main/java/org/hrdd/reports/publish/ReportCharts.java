package org.hrdd.reports.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
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
    public static final List<String> ALL = List.of(TIERS, TREND, BLIND_SPOTS, FUNNEL, REACH);

    static final Map<String, Color> TIER_COLOURS = Map.of("critical", new Color(0x9b1c1c), "high",
            new Color(0xd9822b), "medium", new Color(0xe8c547), "low", new Color(0x5b8c5a));
    private static final Color INK = new Color(0x22313f);
    private static final Color[] SERIES = {new Color(0x9b1c1c), new Color(0x2f6f8f), new Color(0xd9822b),
        new Color(0x5b8c5a), new Color(0x6a4c93)};
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;

    private ReportCharts() {
    }

    /** Writes every chart under {@code out/charts/}; returns the files by chart name. */
    public static Map<String, Path> write(ReportData d, Path out) {
        System.setProperty("java.awt.headless", "true");
        Path dir = out.resolve(DIR);
        try {
            Files.createDirectories(dir);
            Map<String, Path> files = new LinkedHashMap<>();
            files.put(TIERS, save(tiers(d.tiers()), dir.resolve(TIERS + ".png")));
            files.put(TREND, save(trend(d.trend()), dir.resolve(TREND + ".png")));
            Path heat = dir.resolve(BLIND_SPOTS + ".png");
            ImageIO.write(heatmap(d.blindSpots()), "png", heat.toFile());
            files.put(BLIND_SPOTS, heat);
            files.put(FUNNEL, save(funnel(d.funnel()), dir.resolve(FUNNEL + ".png")));
            files.put(REACH, save(reach(d.reach(), d.k()), dir.resolve(REACH + ".png")));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write charts to " + dir, e);
        }
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        chart.setAntiAlias(true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    static JFreeChart tiers(Table tiers) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < tiers.rowCount(); i++) {
            ds.addValue(tiers.intColumn("facilities").get(i), "facilities", tiers.stringColumn("tier").get(i));
        }
        JFreeChart chart = ChartFactory.createBarChart("Facilities by risk tier", null, "facilities", ds,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart);
        BarRenderer r = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return TIER_COLOURS.getOrDefault((String) ds.getColumnKey(column), INK);
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        plot.setRenderer(r);
        return chart;
    }

    static JFreeChart trend(Table trend) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        TreeSet<String> periods = new TreeSet<>();
        for (int i = 0; i < trend.rowCount(); i++) {
            periods.add(trend.stringColumn("period").get(i));
        }
        for (int i = 0; i < trend.rowCount(); i++) {
            String label = trend.stringColumn("facility_id").get(i) + " " + trend.stringColumn("facility_name").get(i);
            ds.addValue(trend.doubleColumn("score").get(i), label, trend.stringColumn("period").get(i));
        }
        JFreeChart chart = ChartFactory.createLineChart("Score trend of the highest-risk facilities", null, "score (0-100)",
                ds, PlotOrientation.VERTICAL, true, false, false);
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

    static JFreeChart funnel(Table funnel) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < funnel.rowCount(); i++) {
            ds.addValue(funnel.longColumn("caps").get(i), "CAPs", funnel.stringColumn("stage").get(i));
        }
        JFreeChart chart = ChartFactory.createBarChart("Remediation: opened, closed, verified effective", null, "CAPs",
                ds, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = style(chart);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x2f6f8f));
        return chart;
    }

    static JFreeChart reach(Table reach, int k) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < reach.rowCount(); i++) {
            String period = reach.stringColumn("period").get(i);
            boolean suppressed = reach.booleanColumn("is_suppressed").get(i);
            ds.addValue(suppressed ? null : reach.longColumn("workers_reached").get(i), "workers reached", period);
            ds.addValue(reach.longColumn("facilities_covered").get(i), "facilities with worker voice", period);
        }
        JFreeChart chart = ChartFactory.createBarChart("Worker voice reach by period (cells under " + k
                + " workers withheld)", null, "count", ds, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = style(chart);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x2f6f8f));
        r.setSeriesPaint(1, new Color(0x9fc5d8));
        return chart;
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

    /**
     * Theme × scheme heat map of the blind-spot rate (worker-elevated cells the scheme's audits did not flag, over
     * the elevated cells it audited); each cell prints rate and count. Drawn with Java2D: JFreeChart's block renderer
     * cannot label categorical axes.
     */
    static BufferedImage heatmap(Table b) {
        List<String> themes = new ArrayList<>(new TreeSet<>(b.stringColumn("theme").asList()));
        List<String> schemes = new ArrayList<>(new TreeSet<>(b.stringColumn("scheme").asList()));
        schemes.remove(ReportQueries.NO_AUDIT);
        if (b.stringColumn("scheme").contains(ReportQueries.NO_AUDIT)) {
            schemes.add(ReportQueries.NO_AUDIT);
        }
        int labelW = 250;
        int cellW = 96;
        int cellH = 22;
        int top = 56;
        int w = Math.max(WIDTH, labelW + cellW * Math.max(1, schemes.size()) + 20);
        int h = top + cellH * Math.max(1, themes.size()) + 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(INK);
            g.setFont(FONT.deriveFont(Font.BOLD, 14f));
            g.drawString("Audit blind spots: share of worker-elevated cells not flagged, by theme and scheme", 10, 20);
            g.setFont(FONT);
            FontMetrics fm = g.getFontMetrics();
            for (int s = 0; s < schemes.size(); s++) {
                String label = schemes.get(s);
                g.drawString(label, labelW + s * cellW + (cellW - fm.stringWidth(label)) / 2, top - 8);
            }
            if (themes.isEmpty()) {
                g.drawString("no worker-elevated cells in the period", labelW, top + 16);
            }
            for (int t = 0; t < themes.size(); t++) {
                int y = top + t * cellH;
                g.setColor(INK);
                g.drawString(themes.get(t), 10, y + 15);
                for (int s = 0; s < schemes.size(); s++) {
                    int x = labelW + s * cellW;
                    Table cell = b.where(b.stringColumn("theme").isEqualTo(themes.get(t))
                            .and(b.stringColumn("scheme").isEqualTo(schemes.get(s))));
                    if (cell.rowCount() == 0) {
                        g.setColor(new Color(0xf2f2f2));
                        g.fillRect(x + 1, y + 1, cellW - 2, cellH - 2);
                        continue;
                    }
                    double rate = cell.doubleColumn("rate").get(0);
                    long n = cell.longColumn("blind_spots").get(0) + cell.longColumn("corroborated").get(0);
                    g.setColor(heat(rate));
                    g.fillRect(x + 1, y + 1, cellW - 2, cellH - 2);
                    g.setColor(rate > 0.6 ? Color.WHITE : INK);
                    String text = Math.round(rate * 100) + " % of " + n;
                    g.drawString(text, x + (cellW - fm.stringWidth(text)) / 2, y + 15);
                }
            }
            g.setColor(INK);
            g.drawString("cells: worker-elevated facility × theme cells of the period; " + ReportQueries.NO_AUDIT
                    + ": no audit in the window", 10, h - 12);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Color heat(double rate) {
        double r = Math.max(0, Math.min(1, rate));
        int red = (int) Math.round(0xf7 + (0x9b - 0xf7) * r);
        int green = (int) Math.round(0xe8 + (0x1c - 0xe8) * r);
        int blue = (int) Math.round(0xd0 + (0x1c - 0xd0) * r);
        return new Color(red, green, blue);
    }
}
