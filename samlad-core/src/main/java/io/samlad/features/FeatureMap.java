package io.samlad.features;

/**
 * A grid of patch feature vectors covering the whole image: cell (x, y) of a {@code width x height} grid covers the
 * image region {@code [x/width, (x+1)/width) x [y/height, (y+1)/height)} in relative coordinates. Stored
 * patch-major, {@code data[(y * width + x) * channels + c]}, because every consumer (distances, Gaussians, pooling)
 * reads whole vectors.
 */
public final class FeatureMap {
    private final int channels;
    private final int width;
    private final int height;
    private final float[] data;

    public FeatureMap(int channels, int width, int height, float[] data) {
        if (channels <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad feature map shape " + channels + "x" + height + "x" + width);
        }
        if (data.length != channels * width * height) {
            throw new IllegalArgumentException("expected " + channels * width * height + " values, got " + data.length);
        }
        this.channels = channels;
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** Builds a map from channel-major data {@code [c][y][x]}, the layout of ONNX/NCHW tensors. */
    public static FeatureMap fromChannelMajor(int channels, int width, int height, float[] chw) {
        float[] out = new float[chw.length];
        int plane = width * height;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < plane; i++) {
                out[i * channels + c] = chw[c * plane + i];
            }
        }
        return new FeatureMap(channels, width, height, out);
    }

    public int channels() {
        return channels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Offset of the vector of cell (x, y) in {@link #data()}. */
    public int offset(int x, int y) {
        return (y * width + x) * channels;
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    /** A copy of the vector at (x, y). */
    public float[] vector(int x, int y) {
        float[] v = new float[channels];
        System.arraycopy(data, offset(x, y), v, 0, channels);
        return v;
    }
}
