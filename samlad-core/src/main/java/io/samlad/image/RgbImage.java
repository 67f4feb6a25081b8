package io.samlad.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An RGB image with float channels in [0, 1], stored planar: {@code data[c * width * height + y * width + x]}.
 * Immutable by convention: no method writes into the array it was built from.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final float[] data;

    private RgbImage(int width, int height, float[] data) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (data.length != 3 * width * height) {
            throw new IllegalArgumentException("expected " + 3 * width * height + " values, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** Wraps planar data (R plane, then G, then B), values in [0, 1]. The array is not copied. */
    public static RgbImage ofPlanar(int width, int height, float[] planar) {
        return new RgbImage(width, height, Objects.requireNonNull(planar));
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
        return data[c * width * height + y * width + x];
    }

    /** The planar array itself (not a copy): callers must not write into it. */
    public float[] planar() {
        return data;
    }

    /**
     * Resizes with area averaging when shrinking and bilinear interpolation when enlarging (per axis), which keeps
     * thin structures visible on the way down and avoids blocky artefacts on the way up.
     */
    public RgbImage resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new RgbImage(newWidth, newHeight, Resampling.resizePlanes(data, width, height, 3, newWidth, newHeight));
    }

    /** Resizes so that the shorter side is {@code shortSide} pixels, keeping the aspect ratio. */
    public RgbImage resizeShortSide(int shortSide) {
        double s = (double) shortSide / Math.min(width, height);
        int w = Math.max(1, (int) Math.round(width * s));
        int h = Math.max(1, (int) Math.round(height * s));
        return resize(w, h);
    }
}
