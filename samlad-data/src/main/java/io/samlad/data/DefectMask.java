package io.samlad.data;

import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * One ground-truth mask, decoded: the defect's pixels ({@code y * width + x}) and, for MVTec LOCO, its defect type.
 *
 * @param width  mask width
 * @param height mask height
 * @param pixels set where the defect is
 * @param defect the defect type from {@code defects_config.json}; empty for layouts without one
 */
public record DefectMask(int width, int height, BitSet pixels, Optional<DefectConfig> defect) {
    public DefectMask {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(defect, "defect");
        if (pixels.length() > width * height) {
            throw new IllegalArgumentException("mask bit outside a " + width + "x" + height + " image");
        }
    }

    public int area() {
        return pixels.cardinality();
    }
}
