package io.samlad.measure;

import io.samlad.image.FloatMap;
import java.util.Arrays;
import java.util.List;

/**
 * How much the nearest-reference patch distance varies at each position on normal images. Glass edges, foam and
 * reflections differ from image to image even when nothing is wrong, while a label or an icon is nearly identical
 * on every good part; dividing by the per-position spread makes one unit of distance mean the same everywhere:
 * {@code d'(p) = (d(p) - mean(p)) / max(std(p), floorShare * median_p std(p))}.
 *
 * @param width  grid width the statistics were computed on
 * @param height grid height
 * @param mean   per-position mean distance on normal images
 * @param scale  per-position spread (floored), > 0
 */
public record PatchNoise(int width, int height, float[] mean, float[] scale) {
    /** Positions whose spread is below this share of the median spread use the floor instead. */
    public static final double FLOOR_SHARE = 0.25;

    /**
     * Statistics of several normal images' distance maps; empty if there are fewer than 3 or their grids differ (then
     * positions do not correspond and no per-position model is possible).
     */
    public static java.util.Optional<PatchNoise> fit(List<FloatMap> maps) {
        if (maps.size() < 3) {
            return java.util.Optional.empty();
        }
        int w = maps.get(0).width();
        int h = maps.get(0).height();
        for (FloatMap m : maps) {
            if (m.width() != w || m.height() != h) {
                return java.util.Optional.empty();
            }
        }
        int n = w * h;
        float[] mean = new float[n];
        float[] std = new float[n];
        for (FloatMap m : maps) {
            for (int i = 0; i < n; i++) {
                mean[i] += m.data()[i] / maps.size();
            }
        }
        for (FloatMap m : maps) {
            for (int i = 0; i < n; i++) {
                float d = m.data()[i] - mean[i];
                std[i] += d * d / (maps.size() - 1);
            }
        }
        for (int i = 0; i < n; i++) {
            std[i] = (float) Math.sqrt(std[i]);
        }
        float[] sorted = std.clone();
        Arrays.sort(sorted);
        float floor = (float) Math.max(1e-6, FLOOR_SHARE * sorted[n / 2]);
        for (int i = 0; i < n; i++) {
            std[i] = Math.max(std[i], floor);
        }
        return java.util.Optional.of(new PatchNoise(w, h, mean, std));
    }

    /** The normalised map; a map on another grid is compared with the statistics resampled onto it. */
    public FloatMap apply(FloatMap distances) {
        float[] m = mean;
        float[] s = scale;
        if (distances.width() != width || distances.height() != height) {
            m = new FloatMap(width, height, mean).resize(distances.width(), distances.height()).data();
            s = new FloatMap(width, height, scale).resize(distances.width(), distances.height()).data();
        }
        float[] d = distances.data();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (d[i] - m[i]) / s[i];
        }
        return new FloatMap(distances.width(), distances.height(), out);
    }
}
