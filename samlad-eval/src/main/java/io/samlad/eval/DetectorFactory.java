package io.samlad.eval;

import io.samlad.data.Category;
import io.samlad.detector.AnomalyDetector;
import io.samlad.util.ProgressListener;

/**
 * Builds the detector for one category: fitted on its normal training images and calibrated on its validation
 * images. {@code samlad evaluate} passes one that calls {@code Samlad.fit}; tests pass small fakes.
 */
@FunctionalInterface
public interface DetectorFactory {
    AnomalyDetector fit(Category category, ProgressListener progress);
}
