package io.samlad.detector;

import io.samlad.bank.BankCodec;
import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.image.RgbImage;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.Scorer;
import io.samlad.measure.Scorers;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fitted detector: the pipeline's stages plus a template bank. Stateless per call, so {@link #predict} is
 * thread-safe as long as the pipeline's stages are.
 */
public final class SamladDetector implements FittedDetector {
    private final Pipeline pipeline;
    private final TemplateBank bank;
    private final SceneAnalyzer analyzer;
    private final Scorer scorer;
    private final boolean ownsPipeline;

    /** A detector that uses {@code pipeline} and leaves closing it to the caller. */
    public SamladDetector(Pipeline pipeline, TemplateBank bank) {
        this(pipeline, bank, false);
    }

    /**
     * @param ownsPipeline whether {@link #close()} closes the pipeline
     */
    public SamladDetector(Pipeline pipeline, TemplateBank bank, boolean ownsPipeline) {
        this.pipeline = pipeline;
        this.bank = bank;
        this.scorer = Scorers.forConfig(bank.config());
        // queries go through the projection the bank's features went through, if any
        this.analyzer = pipeline.analyzer(bank.config(), scorer.needsObjects(), bank.projection());
        this.ownsPipeline = ownsPipeline;
    }

    @Override
    public Prediction predict(RgbImage image) {
        StageTimings timings = new StageTimings();
        Scene query = analyzer.analyze(image, timings);
        RawMeasurement raw = scorer.score(query, bank, -1, timings).weighted();
        return PredictionAssembler.assemble(image.width(), image.height(), query, raw, bank, bank.calibration(),
                timings);
    }

    @Override
    public void prepare() {
        scorer.prepare(bank);
    }

    @Override
    public double threshold() {
        return bank.calibration().threshold();
    }

    @Override
    public String name() {
        return bank.config().kind().label();
    }

    @Override
    public void save(Path bankFile) throws IOException {
        BankCodec.write(bank, bankFile);
    }

    @Override
    public List<String> referenceNames() {
        return bank.names();
    }

    @Override
    public void close() {
        if (ownsPipeline) {
            pipeline.close();
        }
    }

    @Override
    public SamladConfig config() {
        return bank.config();
    }

    @Override
    public int bankSize() {
        return bank.size();
    }

    @Override
    public java.util.List<String> fitFindings() {
        return bank.provenance() == null ? java.util.List.of() : bank.provenance().findings();
    }

    @Override
    public java.util.Optional<String> thresholdPromise() {
        return java.util.Optional.ofNullable(bank.calibration().promise()).map(p -> p.describe());
    }

    @Override
    public java.util.Optional<String> featureProjection() {
        return java.util.Optional.ofNullable(bank.provenance() == null ? null : bank.provenance().projection());
    }

    @Override
    public java.util.Optional<io.samlad.objects.ObjectCounts> objectCounts() {
        if (!scorer.needsObjects()) {
            return java.util.Optional.empty();
        }
        java.util.List<Scene> scenes = new java.util.ArrayList<>(bank.size());
        for (int i = 0; i < bank.size(); i++) {
            scenes.add(bank.scene(i));
        }
        return java.util.Optional.of(io.samlad.objects.ObjectCounts.of(scenes));
    }

    public TemplateBank bank() {
        return bank;
    }

    public Pipeline pipeline() {
        return pipeline;
    }
}
