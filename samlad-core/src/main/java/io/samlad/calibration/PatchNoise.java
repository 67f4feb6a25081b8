package io.samlad.calibration;

import io.samlad.image.FloatMap;
import java.util.Arrays;
import java.util.List;

/**
 * How much the nearest-reference patch distance varies at each position on normal images. Glass edges, foam and
 * reflections differ from image to image even when nothing is wrong, while a label or an icon is nearly identical
 * on every good part; dividing by the per-position spread makes one unit of distance mean the same everywhere:
 * {@code d'(p) = (d(p) - mean(p)) / scale(p)}.
 *
 * <p>With n normal images the per-position estimates are noisy, so both are shrunk towards the image-wide median
 * as if {@value #PRIOR_IMAGES} more images had shown exactly the median:
 * {@code mean(p) = (n m(p) + n0 M) / (n + n0)}, {@code scale(p)^2 = (n s(p)^2 + n0 S^2) / (n + n0)}, with m, s the
 * sample mean and standard deviation at p and M, S their medians over positions. A bank calibrated on a dozen
 * images then behaves almost uniformly; one calibrated on a hundred follows its positions.
 *
 * @param width  grid width the statistics were computed on
 * @param height grid height
 * @param mean   per-position mean distance on normal images
 * @param scale  per-position spread (floored), > 0
 */
public record PatchNoise(int width, int height, float[] mean, float[] scale) {
    /** Pseudo-count of the image-wide prior in the per-position estimates. */
    public static final int PRIOR_IMAGES = 20;

    /**
     * Statistics of several normal images' distance maps with the default prior ({@value #PRIOR_IMAGES} images);
     * empty if there are fewer than 3 or their grids differ (then positions do not correspond and no per-position model
     * is possible).
     */
    public static java.util.Optional<PatchNoise> fit(List<FloatMap> maps) {
        return fit(maps, PRIOR_IMAGES);
    }

    /**
     * As {@link #fit(List)}, with the image-wide prior counted as {@code priorImages} images (0: each position's own
     * statistics; very large: one mean and spread for every position).
     */
    public static java.util.Optional<PatchNoise> fit(List<FloatMap> maps, double priorImages) {
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
        float[] sortedStd = std.clone();
        Arrays.sort(sortedStd);
        float[] sortedMean = mean.clone();
        Arrays.sort(sortedMean);
        double medianStd = Math.max(1e-6, sortedStd[n / 2]);
        double medianMean = sortedMean[n / 2];
        double k = maps.size();
        double n0 = priorImages;
        for (int i = 0; i < n; i++) {
            mean[i] = (float) ((k * mean[i] + n0 * medianMean) / (k + n0));
            std[i] = (float) Math.sqrt((k * std[i] * (double) std[i] + n0 * medianStd * medianStd) / (k + n0));
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
