package io.samlad.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Small Java2D charts for the report: line charts of curves in the unit square, and a two-class histogram. */
public final class Plot {
    private static final int LEFT = 62;
    private static final int RIGHT = 18;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color INK = new Color(40, 40, 40);

    private Plot() {
    }

    /** One curve of a line chart. */
    public record Series(String name, Color color, double[] x, double[] y) {
    }

    /** Colours that stay apart for the usual two or three series. */
    public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233)};

    /**
     * A line chart over x in [0, xMax] and y in [0, 1].
     *
     * @param marks x positions drawn as dashed vertical lines, labelled (e.g. integration limits)
     */
    public static BufferedImage lines(String title, String xLabel, String yLabel, List<Series> series, double xMax,
            double[] marks, boolean diagonal, int width, int height) {
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        Frame f = new Frame(width, height, 0, xMax, 0, 1);
        axes(g, f, title, xLabel, yLabel, 5, 5, false);
        if (diagonal) {
            g.setColor(new Color(170, 170, 170));
            g.setStroke(dashed(1f));
            g.drawLine(f.px(0), f.py(0), f.px(Math.min(1, xMax)), f.py(Math.min(1, xMax)));
        }
        g.setFont(g.getFont().deriveFont(11f));
        for (int k = 0; k < marks.length; k++) {
            double m = marks[k];
            if (m > xMax) {
                continue;
            }
            g.setColor(new Color(120, 120, 120));
            g.setStroke(dashed(1f));
            g.drawLine(f.px(m), f.py(0), f.px(m), f.py(1));
            g.drawString(fmt(m), f.px(m) + 3, f.py(0.03 + 0.05 * (k % 2)));
        }
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setClip(LEFT, TOP, width - LEFT - RIGHT + 1, height - TOP - BOTTOM + 1);
        for (Series s : series) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < s.x().length; i++) {
                double x = f.fx(s.x()[i]);
                double y = f.fy(s.y()[i]);
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            g.setColor(s.color());
            g.draw(path);
        }
        g.setClip(null);
        // curves in the unit square rise towards the top left, so the bottom right is where a legend hides nothing
        legend(g, series.stream().map(Series::name).toList(), series.stream().map(Series::color).toList(), width,
                height - BOTTOM - series.size() * 18 - 8);
        g.dispose();
        return img;
    }

    /**
     * Overlaid histograms of normal and anomalous image scores with the decision threshold; bars are counts per
     * bin, so that the two classes' sizes stay visible. When anomalous scores reach far beyond the threshold (more
     * than 20 times its distance from the lowest score), the x axis is symmetric-logarithmic, so that the region
     * around the threshold, where decisions are made, is not squeezed into one bin.
     */
    public static BufferedImage histogram(String title, double[] good, double[] anomalous, double threshold, int bins,
            int width, int height) {
        double rawLo = Math.min(threshold, Math.min(min(good), min(anomalous)));
        double rawHi = Math.max(threshold, Math.max(max(good), max(anomalous)));
        boolean log = rawHi - rawLo > 20 * Math.max(1e-12, Math.abs(threshold - rawLo)) && threshold > rawLo;
        java.util.function.DoubleUnaryOperator t = log ? Plot::symlog : v -> v;
        double lo = t.applyAsDouble(rawLo);
        double hi = t.applyAsDouble(rawHi);
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double pad = 0.02 * (hi - lo);
        lo -= pad;
        hi += pad;
        int[] cg = counts(good, t, lo, hi, bins);
        int[] ca = counts(anomalous, t, lo, hi, bins);
        int top = 1;
        for (int i = 0; i < bins; i++) {
            top = Math.max(top, Math.max(cg[i], ca[i]));
        }
        BufferedImage img = canvas(width, height);
        Graphics2D g = graphics(img);
        Frame f = new Frame(width, height, lo, hi, 0, top * 1.1);
        axes(g, f, title, log ? "image score (symmetric log scale)" : "image score", "images", log ? 0 : 5, 4, true);
        if (log) {
            logTicks(g, f, rawLo, rawHi);
        }
        Color goodColor = new Color(0, 158, 115, 150);
        Color badColor = new Color(213, 94, 0, 150);
        double bw = (hi - lo) / bins;
        for (int i = 0; i < bins; i++) {
            bar(g, f, lo + i * bw, lo + (i + 1) * bw, cg[i], goodColor);
            bar(g, f, lo + i * bw, lo + (i + 1) * bw, ca[i], badColor);
        }
        double tx = t.applyAsDouble(threshold);
        g.setColor(INK);
        g.setStroke(dashed(2f));
        g.drawLine(f.px(tx), f.py(0), f.px(tx), TOP);
        g.setFont(g.getFont().deriveFont(11f));
        g.drawString("threshold " + fmt(threshold), f.px(tx) + 4, TOP + 14);
        legend(g, List.of("good (" + good.length + ")", "anomalous (" + anomalous.length + ")"),
                List.of(goodColor, badColor), width, TOP + 10);
        g.dispose();
        return img;
    }

    /** sign(v) log10(1 + |v|): linear near 0, logarithmic far from it, defined for negative scores too. */
    static double symlog(double v) {
        return Math.signum(v) * Math.log10(1 + Math.abs(v));
    }

    private static void logTicks(Graphics2D g, Frame f, double rawLo, double rawHi) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        List<Double> ticks = new java.util.ArrayList<>();
        ticks.add(0.0);
        for (double m = 1; m <= Math.max(Math.abs(rawLo), Math.abs(rawHi)) * 1.0001; m *= 10) {
            ticks.add(m);
            ticks.add(-m);
            if (3 * m <= Math.max(Math.abs(rawLo), Math.abs(rawHi))) {
                ticks.add(3 * m);
                ticks.add(-3 * m);
            }
        }
        for (double v : ticks) {
            double x = symlog(v);
            if (x < f.x0() || x > f.x1()) {
                continue;
            }
            g.setColor(GRID);
            g.drawLine(f.px(x), f.py(f.y0()), f.px(x), f.py(f.y1()));
            g.setColor(INK);
            String s = fmt(v);
            g.drawString(s, f.px(x) - fm.stringWidth(s) / 2, f.py(f.y0()) + 15);
        }
    }

    private static void bar(Graphics2D g, Frame f, double x0, double x1, int count, Color c) {
        if (count == 0) {
            return;
        }
        g.setColor(c);
        int a = f.px(x0);
        int b = f.px(x1);
        int y = f.py(count);
        g.fillRect(a, y, Math.max(1, b - a - 1), f.py(0) - y);
    }

    private static int[] counts(double[] v, java.util.function.DoubleUnaryOperator t, double lo, double hi,
            int bins) {
        int[] c = new int[bins];
        for (double raw : v) {
            double x = t.applyAsDouble(raw);
            int i = (int) Math.floor((x - lo) / (hi - lo) * bins);
            c[Math.max(0, Math.min(bins - 1, i))]++;
        }
        return c;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Maps data coordinates to pixels inside the margins. */
    private record Frame(int width, int height, double x0, double x1, double y0, double y1) {
        double fx(double x) {
            return LEFT + (x - x0) / (x1 - x0) * (width - LEFT - RIGHT);
        }

        double fy(double y) {
            return height - BOTTOM - (y - y0) / (y1 - y0) * (height - TOP - BOTTOM);
        }

        int px(double x) {
            return (int) Math.round(fx(x));
        }

        int py(double y) {
            return (int) Math.round(fy(y));
        }
    }

    private static void axes(Graphics2D g, Frame f, String title, String xLabel, String yLabel, int xTicks,
            int yTicks, boolean integerY) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        double xs = niceStep((f.x1() - f.x0()) / Math.max(1, xTicks));
        for (double x = Math.ceil(f.x0() / xs - 1e-9) * xs; xTicks > 0 && x <= f.x1() + 1e-9 * xs; x += xs) {
            g.setColor(GRID);
            g.drawLine(f.px(x), f.py(f.y0()), f.px(x), f.py(f.y1()));
            g.setColor(INK);
            String s = tick(x, xs);
            g.drawString(s, f.px(x) - fm.stringWidth(s) / 2, f.py(f.y0()) + 15);
        }
        double ys = niceStep((f.y1() - f.y0()) / yTicks);
        if (integerY) {
            ys = Math.max(1, ys == 2.5 ? 2 : Math.ceil(ys)); // counts: whole images only
        }
        for (double y = Math.ceil(f.y0() / ys - 1e-9) * ys; y <= f.y1() + 1e-9 * ys; y += ys) {
            g.setColor(GRID);
            g.drawLine(f.px(f.x0()), f.py(y), f.px(f.x1()), f.py(y));
            g.setColor(INK);
            String s = tick(y, ys);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), f.py(y) + 4);
        }
        g.setColor(INK);
        g.drawRect(LEFT, TOP, f.width() - LEFT - RIGHT, f.height() - TOP - BOTTOM);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fm = g.getFontMetrics();
        g.drawString(xLabel, LEFT + (f.width() - LEFT - RIGHT - fm.stringWidth(xLabel)) / 2, f.height() - 12);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(TOP + (f.height() - TOP - BOTTOM + fm.stringWidth(yLabel)) / 2), 16);
        r.dispose();
    }

    /** The round step (1, 2, 2.5 or 5 times a power of ten) nearest above {@code raw}, so ticks read well. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick label with as many decimals as its step needs. */
    static String tick(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++; // 2.5 x 10^k needs one more
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }

    private static void legend(Graphics2D g, List<String> names, List<Color> colors, int width, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int w = 0;
        for (String n : names) {
            w = Math.max(w, fm.stringWidth(n));
        }
        int x = width - RIGHT - w - 38;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 6, y - 4, w + 36, names.size() * 18 + 6);
        for (int i = 0; i < names.size(); i++) {
            g.setColor(colors.get(i));
            g.fillRect(x, y + i * 18 + 3, 20, 8);
            g.setColor(INK);
            g.drawString(names.get(i), x + 26, y + i * 18 + 12);
        }
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.2f" : "%.3f", v);
    }
}
