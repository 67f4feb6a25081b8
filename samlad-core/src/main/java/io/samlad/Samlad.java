package io.samlad;

import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladConfig;
import io.samlad.util.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/** Entry points of the library: fit a detector on normal images, load a saved one, build the embedded pipeline. */
public final class Samlad {
    private Samlad() {
    }

    /**
     * Fits a detector on normal images.
     *
     * @param pipeline    the stages to run (see {@link #embeddedPipeline}); not closed by this method
     * @param config      method settings
     * @param train       normal images for the template bank
     * @param calibration normal images used only to calibrate scores and the threshold; if empty, a seeded subset of
     *                    {@code train} is scored leave-one-out instead
     * @param progress    progress of the work
     */
    public static FittedDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ProgressListener progress) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Loads a saved bank; fails with {@link InvalidInputException} if damaged, of another version or other stages. */
    public static FittedDetector load(Path bankFile, Pipeline pipeline) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The pure-Java stages with no model download. */
    public static Pipeline embeddedPipeline(SamladConfig config) {
        throw new UnsupportedOperationException("not yet");
    }
}
