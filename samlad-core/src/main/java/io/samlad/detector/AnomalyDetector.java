package io.samlad.detector;

import io.samlad.image.RgbImage;

/** A fitted detector. Thread-safe: {@link #predict} may be called from several threads at once. */
public interface AnomalyDetector extends AutoCloseable {
    Prediction predict(RgbImage image);

    /** The decision threshold on {@link Prediction#score()} calibrated on normal images at fit time. */
    double threshold();

    /** Short name of the method, e.g. {@code samlad} or {@code patch-knn}. */
    String name();

    @Override
    default void close() {
    }
}
