package io.samlad.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An RGB image with float channels in [0, 1], stored planar: {@code data[c * width * height + y * width + x]}.
 * Immutable by convention: no method writes into the array it was built from.
 *
 * <p>An image decoded from an 8-bit file may instead hold its samples as bytes ({@link #ofPlanarBytes}): each sample
 * stands for the float {@link #LEVELS}{@code [b]}, and the float planes are made only when someone asks for them
 * ({@link #planar()}). A resize that narrows the image reads the bytes directly, with the same float arithmetic, so
 * its result is the same bit for bit; any other resize makes the floats first. Why: memory. At 800x1600 the float
 * planes are 15 MB per image (3.8 MB of samples), held by every image in flight in a folder run (workers and the
 * writer's queue), and a prediction reads them only to shrink them to the working size. The CPU is about the same either way: making the floats costs 2.3 ms, and shrinking from the
 * samples 2 ms more than from floats (the table look-up in the inner loop; docs/performance.md, round 7).
 */
public final class RgbImage {
    /**
     * The float each 8-bit sample stands for: the sample times the float nearest 1/255, computed in double and
     * rounded to float (what {@link ImageLoader} makes of ImageIO's 8-bit decoding).
     */
    static final float[] LEVELS = new float[256];

    static {
        double scale = (float) (1.0 / 255);
        for (int v = 0; v < 256; v++) {
            LEVELS[v] = (float) (v * scale);
        }
    }

    private final int width;
    private final int height;
    /** Planar 8-bit samples standing for {@link #LEVELS}, or null for an image made of floats. */
    private final byte[] samples;
    /** The float planes: given, or made from {@link #samples} on first use (any thread; all make equal arrays). */
    private volatile float[] data;
    /** The last shrinking {@link #resize} (null: none yet), see there. */
    private volatile Resized lastShrink;

    private record Resized(int width, int height, RgbImage image) {
    }

    private RgbImage(int width, int height, float[] data) {
        this(width, height, data, null);
    }

    private RgbImage(int width, int height, float[] data, byte[] samples) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        int n = data != null ? data.length : samples.length;
        if (n != 3 * width * height) {
            throw new IllegalArgumentException("expected " + 3 * width * height + " values, got " + n);
        }
        this.width = width;
        this.height = height;
        this.data = data;
        this.samples = samples;
    }

    /** Wraps planar data (R plane, then G, then B), values in [0, 1]. The array is not copied. */
    public static RgbImage ofPlanar(int width, int height, float[] planar) {
        return new RgbImage(width, height, Objects.requireNonNull(planar));
    }

    /**
     * Wraps planar 8-bit samples (R plane, then G, then B); sample b stands for {@code LEVELS[b & 0xff]}, i.e. the
     * float {@link #planar()} gives for it. The array is not copied and must not change afterwards.
     */
    public static RgbImage ofPlanarBytes(int width, int height, byte[] planar) {
        return new RgbImage(width, height, null, Objects.requireNonNull(planar));
    }

    /** The float an 8-bit sample of {@link #ofPlanarBytes} stands for. */
    public static float level(int sample) {
        return LEVELS[sample & 0xff];
    }

    /** Converts an 8-bit-per-channel {@link BufferedImage}; use {@link ImageLoader} for files of any depth. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] d = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            d[i] = ((p >> 16) & 0xff) / 255f;
            d[plane + i] = ((p >> 8) & 0xff) / 255f;
            d[2 * plane + i] = (p & 0xff) / 255f;
        }
        return new RgbImage(w, h, d);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] rgb = new int[plane];
        float[] data = planar();
        for (int i = 0; i < plane; i++) {
            rgb[i] = (to8(data[i]) << 16) | (to8(data[plane + i]) << 8) | to8(data[2 * plane + i]);
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) at pixel (x, y). */
    public float get(int c, int x, int y) {
        return planar()[c * width * height + y * width + x];
    }

    /**
     * The planar array itself (not a copy): callers must not write into it. An image of 8-bit samples makes it on
     * the first call (and keeps it).
     */
    public float[] planar() {
        float[] d = data;
        if (d == null) {
            byte[] s = samples;
            d = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                d[i] = LEVELS[s[i] & 0xff];
            }
            data = d;
        }
        return d;
    }

    /**
     * Resizes with area averaging when shrinking and bilinear interpolation when enlarging (per axis), which keeps
     * thin structures visible on the way down and avoids blocky artefacts on the way up.
     *
     * <p>The last shrinking resize is kept with the image and returned again for the same size (the same object):
     * the detector shrinks a large image to its working size and the overlay's panels of such an image are often
     * that size too (800x1600 to 256x512: 4 ms each time). Only shrinking, so that what an image keeps is smaller
     * than the image itself.
     */
    public RgbImage resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        boolean shrinking = (long) newWidth * newHeight < (long) width * height;
        Resized kept = lastShrink;
        if (shrinking && kept != null && kept.width() == newWidth && kept.height() == newHeight) {
            return kept.image();
        }
        RgbImage out;
        if (data == null && newWidth < width) {
            // straight from the 8-bit samples: the same floats, without making the full-size planes (enlarging makes
            // them: it was slower from the samples)
            out = new RgbImage(newWidth, newHeight,
                    Resampling.resizePlanes(samples, LEVELS, width, height, 3, newWidth, newHeight));
        } else {
            out = new RgbImage(newWidth, newHeight, Resampling.resizePlanes(planar(), width, height, 3, newWidth,
                    newHeight));
        }
        if (shrinking) {
            lastShrink = new Resized(newWidth, newHeight, out);
        }
        return out;
    }

    /** Resizes so that the shorter side is {@code shortSide} pixels, keeping the aspect ratio. */
    public RgbImage resizeShortSide(int shortSide) {
        double s = (double) shortSide / Math.min(width, height);
        int w = Math.max(1, (int) Math.round(width * s));
        int h = Math.max(1, (int) Math.round(height * s));
        return resize(w, h);
    }
}
