package io.samlad.detector;

import io.samlad.image.RgbImage;
import java.util.List;

/** A fitted detector. Thread-safe: {@link #predict} may be called from several threads at once. */
public interface AnomalyDetector extends AutoCloseable {
    Prediction predict(RgbImage image);

    /** The decision threshold on {@link Prediction#score()} calibrated on normal images at fit time. */
    double threshold();

    /** Short name of the method, e.g. {@code samlad} or {@code patch-knn}. */
    String name();

    /**
     * File names of the normal images that {@link Prediction#references()} and
     * {@link DetectedObject#matchedReference()} index; empty for a detector without such images.
     */
    default List<String> referenceNames() {
        return List.of();
    }

    /**
     * Releases what the detector holds. A detector that owns its stages (see {@code Samlad.open}) closes them, ONNX
     * sessions included; one given stages by its caller ({@code Samlad.fit}, {@code Samlad.load}) leaves them to the
     * caller.
     */
    @Override
    default void close() {
    }
}
