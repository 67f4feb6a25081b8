package io.samlad.detector;

import io.samlad.config.SamladConfig;
import java.io.IOException;
import java.nio.file.Path;

/** A detector together with the template bank it was fitted on, which it can save. */
public interface FittedDetector extends AnomalyDetector {
    /** Saves the bank atomically (temp file, then rename). */
    void save(Path bankFile) throws IOException;

    /** The configuration the bank was fitted with. */
    SamladConfig config();

    /** Number of normal images in the template bank. */
    int bankSize();

    /** What the fit-time sanity checks found, one line per finding (see {@link TrainingChecks}). */
    default java.util.List<String> fitFindings() {
        return java.util.List.of();
    }

    /**
     * How well the bank's normal images agree on their object count (segmentation stability), or empty for a
     * detector without objects.
     */
    default java.util.Optional<io.samlad.objects.ObjectCounts> objectCounts() {
        return java.util.Optional.empty();
    }

    /** What the threshold promises (the false-positive rate it keeps and how sure), or empty when it promises none. */
    default java.util.Optional<String> thresholdPromise() {
        return java.util.Optional.empty();
    }

    /** How the backbone's patch features are projected (the bank's provenance line), or empty when they are not. */
    default java.util.Optional<String> featureProjection() {
        return java.util.Optional.empty();
    }
}
