package io.samlad.data.synth;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.Objects;

/** One ground-truth region of an anomalous image: its defect type and its outline in image pixel coordinates. */
public record DefectRegion(DefectType type, Shape shape) {
    public DefectRegion {
        Objects.requireNonNull(type);
        Objects.requireNonNull(shape);
    }

    /** A region drawn in an object's own coordinates, placed in the frame by {@code toFrame}. */
    static DefectRegion inFrame(DefectType type, Shape local, AffineTransform toFrame) {
        return new DefectRegion(type, toFrame.createTransformedShape(local));
    }
}
