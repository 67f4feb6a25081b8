package io.samlad.toy;

import io.samlad.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Small constructed scenes whose answer is known, for tests and examples: four coloured discs on a grey table,
 * slightly jittered and noisy from image to image, and the same scene with one disc removed, one added, one
 * recoloured, or a scratch drawn across one. Deterministic for a given seed.
 */
public final class ToyScenes {
    /** Image side in pixels. */
    public static final int SIZE = 128;
    /** Disc centres (x, y) of the normal scene. */
    public static final int[][] DISCS = {{36, 36}, {92, 36}, {36, 92}, {92, 92}};
    /** Their colours. */
    public static final Color[] COLOURS = {
        new Color(200, 40, 40), new Color(40, 160, 60), new Color(40, 70, 200), new Color(230, 200, 40)
    };
    public static final int RADIUS = 14;
    /** Where {@link Defect#EXTRA} adds a disc. */
    public static final int[] EXTRA_AT = {64, 64};
    /** Which disc {@link Defect#MISSING}, {@link Defect#RECOLOURED} and {@link Defect#SCRATCH} change. */
    public static final int CHANGED = 1;

    /** What is wrong with a scene. */
    public enum Defect { NONE, MISSING, EXTRA, RECOLOURED, SCRATCH }

    private ToyScenes() {
    }

    public static RgbImage scene(long seed, Defect defect) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int grey = 120 + rnd.nextInt(-6, 7);
        g.setColor(new Color(grey, grey, grey + 8));
        g.fillRect(0, 0, SIZE, SIZE);
        int dx = rnd.nextInt(-2, 3);
        int dy = rnd.nextInt(-2, 3);
        for (int i = 0; i < DISCS.length; i++) {
            if (defect == Defect.MISSING && i == CHANGED) {
                continue;
            }
            Color c = COLOURS[i];
            if (defect == Defect.RECOLOURED && i == CHANGED) {
                c = new Color(230, 120, 200);
            }
            disc(g, DISCS[i][0] + dx, DISCS[i][1] + dy, c);
        }
        if (defect == Defect.EXTRA) {
            disc(g, EXTRA_AT[0] + dx, EXTRA_AT[1] + dy, new Color(40, 200, 200));
        }
        if (defect == Defect.SCRATCH) {
            g.setColor(new Color(20, 20, 20));
            g.setStroke(new BasicStroke(2f));
            int cx = DISCS[CHANGED][0] + dx;
            int cy = DISCS[CHANGED][1] + dy;
            g.drawLine(cx - 10, cy - 8, cx + 10, cy + 9);
        }
        g.dispose();
        // Sensor noise, so that no two normal images are identical.
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int p = img.getRGB(x, y);
                int n = rnd.nextInt(-4, 5);
                int r = clamp(((p >> 16) & 0xff) + n);
                int gg = clamp(((p >> 8) & 0xff) + n);
                int b = clamp((p & 0xff) + n);
                img.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
        return RgbImage.fromBufferedImage(img);
    }

    private static void disc(Graphics2D g, int cx, int cy, Color c) {
        g.setColor(c);
        g.fillOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
