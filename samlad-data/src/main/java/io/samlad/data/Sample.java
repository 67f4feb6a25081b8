package io.samlad.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One image of a dataset.
 *
 * @param image      the image file
 * @param split      where it belongs
 * @param defectType {@value #GOOD} for normal images, else the anomaly folder's name (for MVTec LOCO
 *                   {@code logical_anomalies} or {@code structural_anomalies})
 * @param masks      its ground-truth masks, one file per defect region group; kept separate because MVTec LOCO's
 *                   sPRO scores every ground-truth image on its own. Empty for normal images and where a
 *                   layout has no masks.
 */
public record Sample(Path image, Split split, String defectType, List<Path> masks) {
    /** The defect type of normal images. */
    public static final String GOOD = "good";

    public Sample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(defectType, "defectType");
        masks = List.copyOf(masks);
    }

    public static Sample good(Path image, Split split) {
        return new Sample(image, split, GOOD, List.of());
    }

    public boolean isGood() {
        return GOOD.equals(defectType);
    }

    /** The file name without its extension, e.g. {@code 007}; the official anomaly-map layout is keyed by it. */
    public String id() {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
