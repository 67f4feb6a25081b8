package io.samlad;

import io.samlad.bank.BankCodec;
import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.detector.BankFitter;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladDetector;
import io.samlad.features.EmbeddedFeatureExtractor;
import io.samlad.image.ImageLimits;
import io.samlad.segment.FelzenszwalbSegmenter;
import io.samlad.upsample.JointBilateralUpsampler;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Entry points of the library: fit a detector on normal images, load a saved one, build the embedded pipeline. */
public final class Samlad {
    private Samlad() {
    }

    /**
     * Fits a detector on normal images, using every core.
     *
     * @param pipeline    the stages to run (see {@link #embeddedPipeline}); not closed by this method
     * @param config      method settings
     * @param train       normal images for the template bank (at least 2)
     * @param calibration normal images used only to calibrate scores and the threshold; if empty, a seeded subset of
     *                    {@code train} is scored leave-one-out instead
     * @param progress    progress of the work
     * @throws InvalidInputException if an image cannot be read
     */
    public static FittedDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ProgressListener progress) {
        return fit(pipeline, config, train, calibration, ImageLimits.defaults(), progress);
    }

    /**
     * {@link #fit(Pipeline, SamladConfig, List, List, ProgressListener)} with a limit on the images read: an image
     * whose header states more pixels fails with {@link InvalidInputException} before it is decoded. What the fit-time
     * sanity checks find is in {@link FittedDetector#fitFindings()} and in the bank's provenance.
     */
    public static FittedDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ImageLimits limits, ProgressListener progress) {
        return BankFitter.fit(pipeline, config, train, calibration, progress, ParallelMap.defaultThreads(), limits);
    }

    /**
     * Loads a saved bank for use with {@code pipeline}, which the caller keeps and closes.
     *
     * @throws InvalidInputException if the file is damaged, of another format version, or was fitted with other
     *                               stages (models) than {@code pipeline}'s
     */
    public static FittedDetector load(Path bankFile, Pipeline pipeline) {
        return load(readBank(bankFile), bankFile, pipeline);
    }

    /**
     * Reads and checks a bank file; its {@link TemplateBank#config()} says how to build the pipeline to
     * {@link #load(TemplateBank, Path, Pipeline) load} it with, without reading the file twice.
     *
     * @throws InvalidInputException if the file is damaged or of another format version
     */
    public static TemplateBank readBank(Path bankFile) {
        return BankCodec.read(bankFile);
    }

    /**
     * A detector from a bank already read from {@code bankFile} (named in errors).
     *
     * @throws InvalidInputException if the bank was fitted with other stages (models) than {@code pipeline}'s
     */
    public static FittedDetector load(TemplateBank bank, Path bankFile, Pipeline pipeline) {
        checkStages(bank, bankFile, pipeline);
        return new SamladDetector(pipeline, bank);
    }

    /**
     * Reads a bank and returns a detector that owns the stages {@code stages} builds for the bank's configuration:
     * closing the detector closes them (ONNX sessions included).
     *
     * @throws InvalidInputException if the file is damaged, of another format version, or the stages built are not
     *                               those the bank was fitted with (they are closed again)
     */
    public static FittedDetector open(Path bankFile, Function<SamladConfig, Pipeline> stages) {
        TemplateBank bank = readBank(bankFile);
        Pipeline pipeline = stages.apply(bank.config());
        try {
            checkStages(bank, bankFile, pipeline);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return new SamladDetector(pipeline, bank, true);
    }

    private static void checkStages(TemplateBank bank, Path bankFile, Pipeline pipeline) {
        if (!bank.pipelineId().equals(pipeline.id())) {
            throw new InvalidInputException(bankFile, "bank was fitted with other stages than those given: bank has ["
                    + bank.pipelineId() + "], given [" + pipeline.id() + "]");
        }
    }

    /** The pure-Java stages with no model download; one image's masks overlap its features on an idle core. */
    public static Pipeline embeddedPipeline(SamladConfig config) {
        SamladConfig.Segmentation s = config.segmentation();
        SamladConfig.Upsampling u = config.upsampling();
        return new Pipeline(new EmbeddedFeatureExtractor(config.featureStride()),
                new JointBilateralUpsampler(u.radius(), u.spatialSigma(), u.rangeSigma()),
                new FelzenszwalbSegmenter(s.scale(), s.sigma(), s.minArea()), true);
    }
}
