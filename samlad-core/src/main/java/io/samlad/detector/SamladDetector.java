package io.samlad.detector;

import io.samlad.bank.BankCodec;
import io.samlad.bank.TemplateBank;
import io.samlad.image.RgbImage;
import io.samlad.measure.PatchKnnScorer;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.SamladScorer;
import io.samlad.measure.Scorer;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted detector: the pipeline's stages plus a template bank. Stateless per call, so {@link #predict} is
 * thread-safe as long as the pipeline's stages are.
 */
public final class SamladDetector implements FittedDetector {
    private final Pipeline pipeline;
    private final TemplateBank bank;
    private final SceneAnalyzer analyzer;
    private final Scorer scorer;

    public SamladDetector(Pipeline pipeline, TemplateBank bank) {
        this.pipeline = pipeline;
        this.bank = bank;
        this.scorer = scorerFor(bank.config());
        this.analyzer = new SceneAnalyzer(pipeline, bank.config(), scorer.needsObjects());
    }

    /** The scorer (AMM) a bank fitted with {@code config} uses. */
    public static Scorer scorerFor(SamladConfig config) {
        return config.kind() == DetectorKind.PATCH_KNN ? new PatchKnnScorer(config) : new SamladScorer(config);
    }

    @Override
    public Prediction predict(RgbImage image) {
        StageTimings timings = new StageTimings();
        Scene query = analyzer.analyze(image, timings);
        RawMeasurement raw = scorer.score(query, bank, -1, timings);
        return PredictionAssembler.assemble(image.width(), image.height(), query, raw, bank, bank.calibration(),
                timings);
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
    public SamladConfig config() {
        return bank.config();
    }

    @Override
    public int bankSize() {
        return bank.size();
    }

    public TemplateBank bank() {
        return bank;
    }

    public Pipeline pipeline() {
        return pipeline;
    }
}
