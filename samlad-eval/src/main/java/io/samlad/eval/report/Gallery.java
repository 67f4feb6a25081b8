package io.samlad.eval.report;

import io.samlad.data.DefectMask;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.Verdict;
import io.samlad.image.FloatMap;
import io.samlad.image.RgbImage;
import io.samlad.output.OverlayRenderer;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One gallery row for the report: the image, its ground truth, the anomaly map over it, and the detected objects
 * with their verdicts, each panel scaled into a square tile.
 */
public final class Gallery {
    private static final int CAPTION = 22;
    private static final Color[] MASK_COLORS = {new Color(230, 25, 75), new Color(60, 180, 75), new Color(0, 130, 200),
        new Color(245, 130, 48), new Color(145, 30, 180)};
    private Gallery() {
    }

    /**
     * @param title   the row's heading (image, split, scores)
     * @param lo      map value drawn fully transparent
     * @param hi      map value drawn fully red
     */
    public static BufferedImage row(String title, RgbImage image, List<DefectMask> masks, FloatMap map, double lo,
            double hi, List<DetectedObject> objects, int tile) {
        int w = image.width();
        int h = image.height();
        double scale = Math.min(tile / (double) w, tile / (double) h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        int gap = 8;
        BufferedImage out = new BufferedImage(4 * tile + 5 * gap, tile + 2 * CAPTION + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Plot.graphics(out);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(new Color(30, 30, 30));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, gap, 15);

        BufferedImage base = image.toBufferedImage();
        String[] captions = {"image", "ground truth (" + masks.size() + " mask" + (masks.size() == 1 ? "" : "s") + ")",
            "anomaly map", "objects (" + objects.size() + ")"};
        BufferedImage[] panels = {base, groundTruth(base, masks), heat(base, map, lo, hi), objects(base, objects)};
        for (int i = 0; i < 4; i++) {
            int x = gap + i * (tile + gap) + (tile - tw) / 2;
            int y = CAPTION + (tile - th) / 2;
            g.drawImage(panels[i], x, y, tw, th, null);
            g.setColor(new Color(200, 200, 200));
            g.drawRect(x - 1, y - 1, tw + 1, th + 1);
            g.setColor(new Color(60, 60, 60));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(captions[i], gap + i * (tile + gap), CAPTION + tile + 15);
        }
        g.dispose();
        return out;
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage c = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = c.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return c;
    }

    /** Each mask in its own colour, so that separate defects stay apart. */
    static BufferedImage groundTruth(BufferedImage base, List<DefectMask> masks) {
        BufferedImage c = dimmed(base);
        int w = c.getWidth();
        for (int i = 0; i < masks.size(); i++) {
            Color col = MASK_COLORS[i % MASK_COLORS.length];
            var bits = masks.get(i).pixels();
            for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
                int x = p % w;
                int y = p / w;
                c.setRGB(x, y, blend(c.getRGB(x, y), col.getRGB(), 0.6));
            }
        }
        return c;
    }

    static BufferedImage heat(BufferedImage base, FloatMap map, double lo, double hi) {
        BufferedImage c = dimmed(base);
        BufferedImage overlay = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_ARGB);
        float[] d = map.data();
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                overlay.setRGB(x, y, Colormap.argb((d[y * map.width() + x] - lo) / (hi - lo)));
            }
        }
        Graphics2D g = c.createGraphics();
        g.setComposite(AlphaComposite.SrcOver);
        g.drawImage(overlay, 0, 0, c.getWidth(), c.getHeight(), null);
        g.dispose();
        return c;
    }

    static BufferedImage objects(BufferedImage base, List<DetectedObject> objects) {
        BufferedImage c = copy(base);
        Graphics2D g = Plot.graphics(c);
        float stroke = Math.max(1.5f, c.getWidth() / 150f);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, c.getWidth() / 22)));
        for (DetectedObject o : objects) {
            Color col = OverlayRenderer.colourOf(o.verdict()); // the same colours as predict's overlays
            g.setColor(col);
            g.setStroke(o.verdict() == Verdict.MISSING ? new BasicStroke(stroke, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f) : new BasicStroke(stroke));
            g.drawRect(o.minX(), o.minY(), Math.max(1, o.maxX() - o.minX()), Math.max(1, o.maxY() - o.minY()));
            if (o.verdict() != Verdict.OK) {
                g.drawString(o.verdict().label(), o.minX() + 2, Math.max(g.getFont().getSize(), o.minY() - 3));
            }
        }
        g.dispose();
        return c;
    }

    private static BufferedImage dimmed(BufferedImage base) {
        BufferedImage c = copy(base);
        for (int y = 0; y < c.getHeight(); y++) {
            for (int x = 0; x < c.getWidth(); x++) {
                int p = c.getRGB(x, y);
                int grey = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;
                int v = 60 + grey * 150 / 255;
                c.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return c;
    }

    private static int blend(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }
}
