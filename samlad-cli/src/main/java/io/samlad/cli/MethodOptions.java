package io.samlad.cli;

import io.samlad.config.DetectorKind;
import io.samlad.config.SamladConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options of the method itself (picocli mixin for fit and evaluate). Each option starts at the value of
 * {@link SamladConfig#defaults()}, which is also what the help shows ({@code ${DEFAULT-VALUE}} is the field's initial
 * value): a default lives in {@code SamladConfig} only.
 */
public class MethodOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private static final SamladConfig DEFAULTS = SamladConfig.defaults();

    @Option(names = "--detector", paramLabel = "NAME",
            description = "samlad or patch-knn (the baseline: patch nearest neighbour, no objects); default ${DEFAULT-VALUE}")
    String detector = DEFAULTS.kind().label();

    @Option(names = {"-k", "--references"}, paramLabel = "K",
            description = "nearest normal images compared with each query (default ${DEFAULT-VALUE})")
    int references = DEFAULTS.references();

    @Option(names = "--retrieval-candidates", paramLabel = "N",
            description = "choose the k references among N global-descriptor neighbours by object matching (0: off; default ${DEFAULT-VALUE})")
    int retrievalCandidates = DEFAULTS.retrievalCandidates();

    @Option(names = "--working-size", paramLabel = "PIXELS",
            description = "shorter image side the method works at (default ${DEFAULT-VALUE})")
    int workingSize = DEFAULTS.workingShortSide();

    @Option(names = "--feature-stride", paramLabel = "PIXELS",
            description = "embedded features: patch grid stride (default ${DEFAULT-VALUE})")
    int featureStride = DEFAULTS.featureStride();

    @Option(names = "--object-stride", paramLabel = "PIXELS",
            description = "object grid cell size (default ${DEFAULT-VALUE})")
    int objectStride = DEFAULTS.objectStride();

    @Option(names = "--neighbourhood", paramLabel = "CELLS",
            description = "patch search radius, in patches (default ${DEFAULT-VALUE})")
    int neighbourhood = DEFAULTS.measuring().neighbourhood();

    @Option(names = "--bank-references", paramLabel = "N",
            description = "nearest normal images the structural patch measure compares with (0: off; default ${DEFAULT-VALUE})")
    int bankReferences = DEFAULTS.measuring().bankReferences();

    @Option(names = "--threshold-quantile", paramLabel = "Q",
            description = "threshold = this plain quantile of normal scores, no guarantee (0: off, the threshold keeps"
                    + " to --target-fpr; default ${DEFAULT-VALUE})")
    double thresholdQuantile = DEFAULTS.measuring().thresholdQuantile();

    @Option(names = "--target-fpr", paramLabel = "RATE",
            description = "false-positive rate on normal images that the threshold keeps to (default ${DEFAULT-VALUE})")
    double targetFpr = DEFAULTS.thresholding().targetFalsePositiveRate();

    @Option(names = "--threshold-confidence", paramLabel = "C",
            description = "confidence of that guarantee, given the number of normal scores (default ${DEFAULT-VALUE})")
    double thresholdConfidence = DEFAULTS.thresholding().confidence();

    @Option(names = "--calibration-folds", paramLabel = "K",
            description = "the threshold is set on scores cross-fitted over K folds of the calibration images"
                    + " (1: in-sample; default ${DEFAULT-VALUE})")
    int calibrationFolds = DEFAULTS.thresholding().calibrationFolds();

    @Option(names = "--identity-images", paramLabel = "N",
            description = "normal images whose objects at the same place each object's appearance is compared with"
                    + " (0: the IDENTITY measure is off; default ${DEFAULT-VALUE})")
    int identityImages = DEFAULTS.identity().images();

    @Option(names = "--identity-descriptor", paramLabel = "KIND",
            description = "object appearance descriptor of the IDENTITY measure: NORMALISED (centred, scaled and"
                    + " deskewed by the object's moments) or BOX (its bounding square as it is); default ${DEFAULT-VALUE}")
    SamladConfig.Identity.Descriptor identityDescriptor = DEFAULTS.identity().descriptor();

    @Option(names = "--identity-consistency", paramLabel = "SHARE",
            description = "IDENTITY judges an object only where this share of the normal examples at its place"
                    + " recognise their place, leave-one-out (0: everywhere; default ${DEFAULT-VALUE})")
    double identityConsistency = DEFAULTS.identity().minConsistency();

    @Option(names = "--seed", paramLabel = "N", description = "seed of the calibration split (default ${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    /** The configuration; throws {@link IllegalArgumentException} on values out of range. */
    public SamladConfig config() {
        if (!(thresholdQuantile >= 0 && thresholdQuantile <= 1)) {
            throw new IllegalArgumentException("--threshold-quantile must be in [0, 1] (0: keep to --target-fpr), got "
                    + thresholdQuantile);
        }
        if (!(targetFpr > 0 && targetFpr < 1)) {
            throw new IllegalArgumentException("--target-fpr must be in (0, 1), got " + targetFpr);
        }
        if (!(thresholdConfidence > 0 && thresholdConfidence < 1)) {
            throw new IllegalArgumentException("--threshold-confidence must be in (0, 1), got " + thresholdConfidence);
        }
        return DEFAULTS.toBuilder()
                .kind(DetectorKind.parse(detector))
                .references(references)
                .retrievalCandidates(retrievalCandidates)
                .workingShortSide(workingSize)
                .featureStride(featureStride)
                .objectStride(objectStride)
                .seed(seed)
                .measuring(DEFAULTS.measuring()
                        .withNeighbourhood(neighbourhood)
                        .withThresholdQuantile(thresholdQuantile)
                        .withBankReferences(bankReferences))
                .thresholding(DEFAULTS.thresholding()
                        .withTargetFalsePositiveRate(targetFpr)
                        .withConfidence(thresholdConfidence)
                        .withCalibrationFolds(calibrationFolds))
                .identity(DEFAULTS.identity().withImages(identityImages).withDescriptor(identityDescriptor)
                        .withMinConsistency(identityConsistency))
                .build();
    }
}
