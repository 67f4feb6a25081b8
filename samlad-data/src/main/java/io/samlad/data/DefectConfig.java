package io.samlad.data;

import java.util.Objects;

/**
 * One entry of MVTec LOCO's {@code defects_config.json}: how a defect type is marked in the ground truth and how
 * much of a region must be detected before its sPRO saturates at 1.
 *
 * @param name                 defect name, e.g. {@code missing_top_label}
 * @param pixelValue           the grey value (1..255) that marks this defect in a ground-truth PNG
 * @param saturationThreshold  with {@code relativeSaturation} a share of the region's area in (0, 1], else an
 *                             absolute number of pixels (&gt; 0)
 * @param relativeSaturation   whether the threshold is relative to the region's area
 */
public record DefectConfig(String name, int pixelValue, double saturationThreshold, boolean relativeSaturation) {
    public DefectConfig {
        Objects.requireNonNull(name, "name");
        if (pixelValue < 1 || pixelValue > 255) {
            throw new IllegalArgumentException("pixel_value must be in [1, 255], got " + pixelValue);
        }
        if (relativeSaturation && !(saturationThreshold > 0 && saturationThreshold <= 1)) {
            throw new IllegalArgumentException("a relative saturation_threshold must be in (0, 1], got "
                    + saturationThreshold);
        }
        if (!relativeSaturation && !(saturationThreshold > 0 && Double.isFinite(saturationThreshold))) {
            throw new IllegalArgumentException("an absolute saturation_threshold must be a positive number of pixels, got "
                    + saturationThreshold);
        }
    }

    /**
     * The true-positive area at which a region of {@code regionArea} pixels counts as fully detected. As in the
     * official evaluation: {@code floor(threshold * area)} when relative, {@code min(threshold, area)} when absolute.
     * Never below one pixel, so that a tiny region cannot divide by zero.
     */
    public double saturationArea(long regionArea) {
        double s = relativeSaturation ? Math.floor(saturationThreshold * regionArea)
                : Math.min(saturationThreshold, regionArea);
        return Math.max(1.0, s);
    }
}
