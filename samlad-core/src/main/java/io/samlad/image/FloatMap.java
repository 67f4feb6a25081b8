package io.samlad.image;

/**
 * A single-channel float map, row-major ({@code data[y * width + x]}): anomaly maps and score layers.
 */
public final class FloatMap {
    private final int width;
    private final int height;
    private final float[] data;

    public FloatMap(int width, int height, float[] data) {
        if (data.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " values, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    public static FloatMap zeros(int width, int height) {
        return new FloatMap(width, height, new float[width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float get(int x, int y) {
        return data[y * width + x];
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Area-averaged or bilinear resize, see {@link Resampling}. */
    public FloatMap resize(int newWidth, int newHeight) {
        return new FloatMap(newWidth, newHeight, Resampling.resize(data, width, height, newWidth, newHeight));
    }
}
