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
     * Does ahead what the first {@link #predict} would do once for the whole detector (tables about its normal
     * images), so that a caller about to predict a batch can run it beside decoding the first images. Optional and
     * thread-safe with {@link #predict}: a prediction that needs the work waits for it or does it itself; the results
     * are the same either way.
     */
    default void prepare() {
    }

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
