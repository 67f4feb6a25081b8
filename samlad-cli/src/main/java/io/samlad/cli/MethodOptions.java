package io.samlad.cli;

import io.samlad.detector.DetectorKind;
import io.samlad.detector.SamladConfig;
import picocli.CommandLine.Option;

/** Options of the method itself (picocli mixin for fit and evaluate); defaults are those of {@link SamladConfig}. */
public class MethodOptions {
    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "samlad",
            description = "samlad (default) or patch-knn (the baseline: patch nearest neighbour, no objects)")
    String detector;

    @Option(names = {"-k", "--references"}, paramLabel = "K", description = "nearest normal images compared with each query (default 4)")
    Integer references;

    @Option(names = "--retrieval-candidates", paramLabel = "N",
            description = "choose the k references among N global-descriptor neighbours by object matching (default 0: off)")
    Integer retrievalCandidates;

    @Option(names = "--working-size", paramLabel = "PIXELS", description = "shorter image side the method works at (default 256)")
    Integer workingSize;

    @Option(names = "--feature-stride", paramLabel = "PIXELS", description = "embedded features: patch grid stride (default 8)")
    Integer featureStride;

    @Option(names = "--object-stride", paramLabel = "PIXELS", description = "object grid cell size (default 4)")
    Integer objectStride;

    @Option(names = "--neighbourhood", paramLabel = "CELLS", description = "patch search radius in patches (default 2)")
    Integer neighbourhood;

    @Option(names = "--bank-references", paramLabel = "N",
            description = "nearest normal images the structural patch measure compares with (default 16; 0: off)")
    Integer bankReferences;

    @Option(names = "--threshold-quantile", paramLabel = "Q",
            description = "threshold = this plain quantile of calibrated normal scores, no guarantee (default: off,"
                    + " the threshold keeps to --target-fpr)")
    Double thresholdQuantile;

    @Option(names = "--target-fpr", paramLabel = "RATE",
            description = "false-positive rate on normal images that the threshold keeps to (default 0.05)")
    Double targetFpr;

    @Option(names = "--threshold-confidence", paramLabel = "C",
            description = "confidence of that guarantee, given the number of normal scores (default 0.9)")
    Double thresholdConfidence;

    @Option(names = "--calibration-folds", paramLabel = "K",
            description = "the threshold is set on scores cross-fitted over K folds of the calibration images (default 5;"
                    + " 1: in-sample)")
    Integer calibrationFolds;

    @Option(names = "--identity-images", paramLabel = "N",
            description = "normal images whose objects at the same place each object's appearance is compared with"
                    + " (default 64; 0: the IDENTITY measure is off)")
    Integer identityImages;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the calibration split (default 42)")
    Long seed;

    /** The configuration; throws {@link IllegalArgumentException} on values out of range. */
    public SamladConfig config() {
        SamladConfig.Builder b = SamladConfig.defaults().toBuilder().kind(DetectorKind.parse(detector));
        if (references != null) {
            b.references(references);
        }
        if (retrievalCandidates != null) {
            b.retrievalCandidates(retrievalCandidates);
        }
        if (workingSize != null) {
            b.workingShortSide(workingSize);
        }
        if (featureStride != null) {
            b.featureStride(featureStride);
        }
        if (objectStride != null) {
            b.objectStride(objectStride);
        }
        if (seed != null) {
            b.seed(seed);
        }
        SamladConfig base = b.build();
        SamladConfig.Measuring m = base.measuring();
        if (identityImages != null) {
            SamladConfig.Identity id = base.identity();
            base = base.toBuilder().identity(new SamladConfig.Identity(identityImages, id.radius(),
                    identityImages == 0 ? id.neighbours() : Math.min(id.neighbours(), identityImages))).build();
        }
        if (neighbourhood != null || thresholdQuantile != null || bankReferences != null || targetFpr != null
                || thresholdConfidence != null || calibrationFolds != null) {
            m = new SamladConfig.Measuring(neighbourhood != null ? neighbourhood : m.neighbourhood(), m.shrinkage(),
                    m.calibrationImages(), thresholdQuantile != null ? thresholdQuantile : m.thresholdQuantile(),
                    m.smoothingSigma(), m.objectAreaScale(), m.gaussianWeight(),
                    bankReferences != null ? bankReferences : m.bankReferences(), m.bankNeighbourhood(),
                    targetFpr != null ? targetFpr : m.targetFalsePositiveRate(),
                    thresholdConfidence != null ? thresholdConfidence : m.thresholdConfidence(),
                    calibrationFolds != null ? calibrationFolds : m.calibrationFolds(),
                    m.thresholdImages());
        }
        return base.toBuilder().measuring(m).build();
    }
}
