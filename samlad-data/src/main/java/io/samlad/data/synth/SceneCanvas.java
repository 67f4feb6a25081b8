package io.samlad.data.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders a {@link Scene} to an RGB image of any size: scenes are drawn in a 256 x 256 reference frame, scaled
 * uniformly to fit the image's shorter side and centred, then lit unevenly and given sensor noise so that no two
 * normal images are alike at the pixel level.
 */
public final class SceneCanvas {
    /** Side of the square reference frame that scenes are designed in. */
    public static final double REFERENCE = 256;

    private SceneCanvas() {
    }

    /** An image with its ground-truth regions in image pixel coordinates. */
    public record Rendered(BufferedImage image, String kind, List<DefectRegion> regions) {
    }

    /** The reference-frame-to-image transform for an image of the given size. */
    public static AffineTransform frame(int width, int height) {
        double s = Math.min(width, height) / REFERENCE;
        AffineTransform t = AffineTransform.getTranslateInstance((width - REFERENCE * s) / 2, (height - REFERENCE * s) / 2);
        t.scale(s, s);
        return t;
    }

    public static Rendered render(Scene scene, int width, int height, SplittableRandom rng) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(scene.background());
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            AffineTransform frame = frame(width, height);
            g.transform(frame);
            scene.painter().paint(g);
        } finally {
            g.dispose();
        }
        lightAndNoise(image, rng);
        AffineTransform frame = frame(width, height);
        List<DefectRegion> regions = new ArrayList<>();
        for (DefectRegion r : scene.regions()) {
            Shape s = frame.createTransformedShape(r.shape());
            regions.add(new DefectRegion(r.type(), s));
        }
        return new Rendered(image, scene.kind(), regions);
    }

    /**
     * Multiplies the image by a gently tilted illumination plane (overall gain 0.93-1.07, up to +-6 % across the
     * image) and adds Gaussian noise of 2.5 grey levels: variation a normal image really has, far smaller than
     * any anomaly.
     */
    static void lightAndNoise(BufferedImage image, SplittableRandom rng) {
        int w = image.getWidth();
        int h = image.getHeight();
        double gain = 0.93 + 0.14 * rng.nextDouble();
        double gx = (rng.nextDouble() - 0.5) * 0.12;
        double gy = (rng.nextDouble() - 0.5) * 0.12;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                double light = gain + gx * (x / (double) w - 0.5) + gy * (y / (double) h - 0.5);
                int p = row[x];
                int r = clamp(((p >> 16) & 0xff) * light + rng.nextGaussian() * 2.5);
                int gr = clamp(((p >> 8) & 0xff) * light + rng.nextGaussian() * 2.5);
                int b = clamp((p & 0xff) * light + rng.nextGaussian() * 2.5);
                row[x] = (r << 16) | (gr << 8) | b;
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
