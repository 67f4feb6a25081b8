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
import java.util.Locale;

/**
 * Renders a prediction as three panels side by side: the image, the anomaly map blended over it, and the objects with
 * their verdicts (boxes coloured by verdict; missing objects dashed, where the reference had them). A header line
 * gives the score, the threshold and the decision.
 */
public final class OverlayRenderer {
    private static final int HEADER = 22;

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
     * @param mapLow  map value drawn as the coolest colour (e.g. 0: a typical normal image)
     * @param mapHigh map value drawn as the hottest colour (e.g. twice the threshold)
     */
    public static BufferedImage render(RgbImage image, Prediction p, double threshold, double mapLow, double mapHigh) {
        int w = image.width();
        int h = image.height();
        // Panels are scaled so small images (MNIST grids) stay legible and large ones stay moderate.
        double s = Math.max(1, Math.min(4, 320.0 / Math.max(w, h)));
        if (Math.max(w, h) > 640) {
            s = 640.0 / Math.max(w, h);
        }
        int pw = (int) Math.round(w * s);
        int ph = (int) Math.round(h * s);
        BufferedImage out = new BufferedImage(3 * pw + 8, ph + HEADER, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        BufferedImage base = image.toBufferedImage();
        g.drawImage(base, 0, HEADER, pw, ph, null);
        g.drawImage(heatOverlay(base, p.anomalyMap(), mapLow, mapHigh), pw + 4, HEADER, pw, ph, null);
        g.drawImage(base, 2 * pw + 8, HEADER, pw, ph, null);
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

    /** The image blended with the heat colour of the map, more opaque where the map is hotter. */
    static BufferedImage heatOverlay(BufferedImage base, FloatMap map, double low, double high) {
        int w = base.getWidth();
        int h = base.getHeight();
        FloatMap m = map.width() == w && map.height() == h ? map : map.resize(w, h);
        float[] values = m.data();
        // Whole-array pixel access: per-pixel getRGB/setRGB costs more than the prediction itself.
        int[] rgb = base.getRGB(0, 0, w, h, null, 0, w);
        double span = Math.max(1e-9, high - low);
        for (int i = 0; i < rgb.length; i++) {
            double t = (values[i] - low) / span;
            int heat = HeatColours.rgb(t);
            double alpha = 0.35 + 0.5 * Math.max(0, Math.min(1, t));
            int b = rgb[i];
            int r = (int) ((1 - alpha) * ((b >> 16) & 0xff) + alpha * ((heat >> 16) & 0xff));
            int gg = (int) ((1 - alpha) * ((b >> 8) & 0xff) + alpha * ((heat >> 8) & 0xff));
            int bb = (int) ((1 - alpha) * (b & 0xff) + alpha * (heat & 0xff));
            rgb[i] = (r << 16) | (gg << 8) | bb;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }
}
