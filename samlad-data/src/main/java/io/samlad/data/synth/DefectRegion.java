package io.samlad.data.synth;

import java.awt.Shape;
import java.util.Objects;

/** One ground-truth region of an anomalous image: its defect type and its outline in image pixel coordinates. */
public record DefectRegion(DefectType type, Shape shape) {
    public DefectRegion {
        Objects.requireNonNull(type);
        Objects.requireNonNull(shape);
    }
}
