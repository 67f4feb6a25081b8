package io.samlad.output;

import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import io.samlad.image.FloatMap;
import io.samlad.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.Locale;

/**
 * Renders a prediction as three panels side by side: the image, the anomaly map blended over it, and the objects with
 * their verdicts (boxes coloured by verdict; missing objects dashed, where the reference had them). A header line
 * gives the score, the threshold and the decision.
 */
public final class OverlayRenderer {
    /**
     * The longest side of the panels of an image larger than that, by default: 512 pixels, which for MVTec LOCO's
     * 800x1600 images is the detector's working size (256x512), so the image panel is the working image the
     * detector already made ({@link RgbImage#resize} keeps it) instead of another reduction of the full image, and
     * the PNG has a third fewer pixels than with the 640 used before (docs/performance.md, round 7).
     */
    public static final int DEFAULT_PANEL_LIMIT = 512;
    /** The smallest panel limit: below it the header's text no longer fits the overlay. */
    public static final int MIN_PANEL_LIMIT = 160;
    private static final int HEADER = 22;
    private static final int BACKGROUND = 0x1e1e1e;

    private OverlayRenderer() {
    }

    public static Color colourOf(Verdict v) {
        return switch (v) {
            case OK -> new Color(80, 200, 120);
            case MISSING -> new Color(255, 70, 70);
            case EXTRA -> new Color(255, 170, 0);
            case MISMATCHED -> new Color(230, 80, 230);
            case STRUCTURAL -> new Color(70, 170, 255);
        };
    }

    /**
     * With panels of at most {@link #DEFAULT_PANEL_LIMIT} pixels.
     *
     * @param mapLow  map value drawn as the coolest colour (e.g. 0: a typical normal image)
     * @param mapHigh map value drawn as the hottest colour (e.g. twice the threshold)
     */
    public static BufferedImage render(RgbImage image, Prediction p, double threshold, double mapLow, double mapHigh) {
        return render(image, p, threshold, mapLow, mapHigh, DEFAULT_PANEL_LIMIT);
    }

    /**
     * @param panelLimit the longest side of the panels of an image larger than that (at least
     *                   {@link #MIN_PANEL_LIMIT})
     */
    public static BufferedImage render(RgbImage image, Prediction p, double threshold, double mapLow, double mapHigh,
            int panelLimit) {
        if (panelLimit < MIN_PANEL_LIMIT) {
            throw new IllegalArgumentException("panel limit must be at least " + MIN_PANEL_LIMIT + ", got "
                    + panelLimit);
        }
        int w = image.width();
        int h = image.height();
        // Panels are scaled so small images (MNIST grids) stay legible and large ones stay moderate.
        double s = Math.max(1, Math.min(4, 320.0 / Math.max(w, h)));
        if (Math.max(w, h) > panelLimit) {
            s = (double) panelLimit / Math.max(w, h);
        }
        int pw = (int) Math.round(w * s);
        int ph = (int) Math.round(h * s);
        BufferedImage out = new BufferedImage(3 * pw + 8, ph + HEADER, BufferedImage.TYPE_INT_RGB);
        // The panels are composed straight into the output's pixel array at panel size (image and map resampled
        // once, area-averaged when shrinking): faster than scaling three images through Graphics2D, and free of the
        // aliasing a bilinear 4x reduction shows.
        int[] px = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        Arrays.fill(px, BACKGROUND);
        int[] base = packed(image.resize(pw, ph));
        FloatMap map = p.anomalyMap();
        float[] heat = (map.width() == pw && map.height() == ph ? map : map.resize(pw, ph)).data();
        composePanels(base, heat, pw, ph, out.getWidth(), mapLow, mapHigh, px);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(2f));
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        g.setFont(font);
        for (DetectedObject o : p.objects()) {
            g.setColor(colourOf(o.verdict()));
            if (o.verdict() == Verdict.MISSING) {
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f},
                        0f));
            } else {
                g.setStroke(new BasicStroke(o.verdict() == Verdict.OK ? 1f : 2f));
            }
            int x0 = 2 * pw + 8 + (int) Math.round(o.minX() * s);
            int y0 = HEADER + (int) Math.round(o.minY() * s);
            int bw = (int) Math.round((o.maxX() - o.minX() + 1) * s);
            int bh = (int) Math.round((o.maxY() - o.minY() + 1) * s);
            g.drawRect(x0, y0, bw, bh);
            if (o.verdict() != Verdict.OK) {
                g.drawString(o.verdict().label(), x0 + 2, Math.max(HEADER + 10, y0 - 2));
            }
        }
        boolean anomalous = p.isAnomalous(threshold);
        g.setColor(anomalous ? new Color(255, 90, 90) : new Color(120, 220, 140));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(String.format(Locale.ROOT, "%s  score %.2f (logical %.2f, structural %.2f)  threshold %.2f",
                anomalous ? "ANOMALY" : "normal", p.score(), p.logicalScore(), p.structuralScore(), threshold), 4, 15);
        g.dispose();
        return out;
    }

    /**
     * The three panels' pixels below the header: the image, the image blended with the heat map, the image again (for
     * the boxes). A method of its own so that the JIT compiles this loop alone (it is on-stack replaced in the first
     * large overlay) instead of all of {@link #render} with the drawing calls inlined.
     */
    private static void composePanels(int[] base, float[] heat, int pw, int ph, int stride, double mapLow,
            double mapHigh, int[] px) {
        double span = Math.max(1e-9, mapHigh - mapLow);
        double toLevel = LEVELS / span;
        for (int y = 0; y < ph; y++) {
            int row = (HEADER + y) * stride;
            System.arraycopy(base, y * pw, px, row, pw);
            System.arraycopy(base, y * pw, px, row + 2 * pw + 8, pw);
            for (int x = 0; x < pw; x++) {
                px[row + pw + 4 + x] = blendLevel(base[y * pw + x], level((heat[y * pw + x] - mapLow) * toLevel));
            }
        }
    }

    /**
     * How far right of the image panel its copy (the objects' panel) starts in an overlay {@code overlayWidth}
     * pixels wide: each row repeats there, apart from the boxes, which the PNG encoder can use.
     */
    public static int copiedPanelShift(int overlayWidth) {
        int pw = (overlayWidth - 8) / 3;
        return 2 * pw + 8;
    }

    /** The image as packed 0xRRGGBB pixels. */
    private static int[] packed(RgbImage image) {
        float[] d = image.planar();
        int n = image.width() * image.height();
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = (to8(d[i]) << 16) | (to8(d[n + i]) << 8) | to8(d[2 * n + i]);
        }
        return rgb;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    /**
     * Heat levels of the blend, t in [0, 1] in steps of 1/1024 (a step changes a channel by at most one unit): the
     * colour ramp and the opacity per level are computed once, so that blending an 800x1600 image's panel (205 000
     * pixels) costs table look-ups instead of a colour interpolation each (5 ms of the overlay before).
     */
    private static final int LEVELS = 1024;
    private static final double[] KEEP = new double[LEVELS + 1];
    private static final double[] HEAT_R = new double[LEVELS + 1];
    private static final double[] HEAT_G = new double[LEVELS + 1];
    private static final double[] HEAT_B = new double[LEVELS + 1];

    static {
        for (int k = 0; k <= LEVELS; k++) {
            double t = k / (double) LEVELS;
            int heat = HeatColours.rgb(t);
            double alpha = 0.35 + 0.5 * t;
            KEEP[k] = 1 - alpha;
            HEAT_R[k] = alpha * ((heat >> 16) & 0xff);
            HEAT_G[k] = alpha * ((heat >> 8) & 0xff);
            HEAT_B[k] = alpha * (heat & 0xff);
        }
    }

    /** The level nearest to {@code scaled} (t times {@link #LEVELS}), clamped to the ramp; NaN counts as 0. */
    private static int level(double scaled) {
        return scaled > 0 ? (int) Math.min(LEVELS, scaled + 0.5) : 0;
    }

    /** A pixel blended with the heat colour of t (map value scaled to [0, 1]), more opaque where hotter. */
    static int blend(int b, double t) {
        return blendLevel(b, level(t * LEVELS));
    }

    private static int blendLevel(int b, int k) {
        double keep = KEEP[k];
        int r = (int) (keep * ((b >> 16) & 0xff) + HEAT_R[k]);
        int g = (int) (keep * ((b >> 8) & 0xff) + HEAT_G[k]);
        int bb = (int) (keep * (b & 0xff) + HEAT_B[k]);
        return (r << 16) | (g << 8) | bb;
    }
}
