package io.samlad.config;

/**
 * Every tunable choice of the method, in one validated object (see {@code docs/method.md} for what each does and
 * why its default is what it is). Build with {@link #builder()}; every setting has a default.
 *
 * @param kind                 scoring method
 * @param workingShortSide     images are resized so their shorter side has this many pixels before any stage
 * @param featureStride        embedded extractor: patch grid stride in working pixels
 * @param objectStride         object grid (upsampled features and masks) cell size in working pixels
 * @param references           k, the number of nearest normal images each query is compared with
 * @param retrievalCandidates  the k references are chosen among this many nearest images by global descriptor, as
 *                             those whose objects match the query's best (0 or at most k: global descriptor only)
 * @param segmentation         mask generation and clean-up
 * @param upsampling           joint bilateral upsampling
 * @param encoding             DCGA object encoding
 * @param matching             OMM object matching
 * @param measuring            AMM scoring and calibration
 * @param thresholding         how the decision threshold is set and what it promises
 * @param identity             the IDENTITY measure: object appearance against the same place in normal images
 * @param projection           channel projection of wide backbones' features, fitted at fit time
 * @param stability            tolerance to pose jitter and unstable segmentation: the search radius estimated
 *                             from the bank, rims split among objects, the ATTRIBUTE measure
 * @param fusion               how the calibrated measures become one image score
 * @param composition          the COMPOSITION measure: the query's objects, all together, against one normal image
 *                             at a time
 * @param peers                the PEER_SIZE and PEER_SHAPE measures: each object's size and shape, measured on the
 *                             working image's pixels, against the objects of its own kind in the same image
 * @param colours              the COLOURS measure: how much of the image has each of the bank's colours, against the
 *                             nearest normal images' shares
 * @param seed                 seed of every random choice (calibration split), for reproducible banks
 * @param layout               the LAYOUT measure: what lies where inside an object that keeps its place, in the
 *                             object's own coordinates ({@link InnerLayout})
 */
public record SamladConfig(DetectorKind kind, int workingShortSide, int featureStride, int objectStride, int references,
        int retrievalCandidates, Segmentation segmentation, Upsampling upsampling, Encoding encoding, Matching matching,
                Measuring measuring, Thresholding thresholding, Identity identity, Projection projection,
                Stability stability, Fusion fusion, Composition composition, Peers peers, Colours colours,
        long seed, InnerLayout layout) {

    public SamladConfig {
        require(workingShortSide >= 32 && workingShortSide <= 4096, "workingShortSide must be in [32, 4096]");
        require(featureStride >= 2 && featureStride <= 64, "featureStride must be in [2, 64]");
        require(objectStride >= 1 && objectStride <= featureStride, "objectStride must be in [1, featureStride]");
        require(references >= 1 && references <= 64, "references (k) must be in [1, 64]");
        require(retrievalCandidates >= 0 && retrievalCandidates <= 512, "retrievalCandidates must be in [0, 512]");
        require(fusion != null, "fusion must be set");
        require(composition != null, "composition must be set");
        require(peers != null, "peers must be set");
        require(colours != null, "colours must be set");
        // absent from banks written before the LAYOUT measure: off, so that they score as they did
        layout = layout == null ? InnerLayout.OFF : layout;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Felzenszwalb-Huttenlocher segmentation and SAM-LAD's clean-up of over-detailed masks.
     *
     * @param scale              FH's k: larger gives larger segments
     * @param sigma              Gaussian smoothing (grid cells) before segmenting
     * @param minArea            masks smaller than this fraction of the image are dropped
     * @param maxArea            masks larger than this fraction are background, dropped
     * @param borderBackground   a mask touching this share of the image border is background
     * @param containment        a mask lying at least this much inside a larger one is a part of it, dropped
     * @param duplicateIou       of two masks overlapping with at least this IoU the weaker is dropped
     * @param mergeSimilarity    adjacent segments whose mean features have at least this cosine similarity merge
     */
    public record Segmentation(double scale, double sigma, double minArea, double maxArea, double borderBackground,
            double containment, double duplicateIou, double mergeSimilarity) {
        public Segmentation {
            require(scale > 0, "segmentation scale must be > 0");
            require(sigma >= 0, "segmentation sigma must be >= 0");
            require(minArea >= 0 && minArea < maxArea && maxArea <= 1, "need 0 <= minArea < maxArea <= 1");
            require(borderBackground > 0 && borderBackground <= 1, "borderBackground must be in (0, 1]");
            require(containment > 0 && containment <= 1, "containment must be in (0, 1]");
            require(duplicateIou > 0 && duplicateIou <= 1, "duplicateIou must be in (0, 1]");
            require(mergeSimilarity > 0 && mergeSimilarity <= 1.000001, "mergeSimilarity must be in (0, 1]");
        }

        /** The documented defaults (see {@code docs/method.md}). */
        public static final Segmentation DEFAULTS = new Segmentation(1.5, 0.6, 0.003, 0.6, 0.3, 0.85, 0.8, 0.97);

        public Segmentation withScale(double v) {
            return new Segmentation(v, sigma, minArea, maxArea, borderBackground, containment, duplicateIou,
                    mergeSimilarity);
        }

        public Segmentation withSigma(double v) {
            return new Segmentation(scale, v, minArea, maxArea, borderBackground, containment, duplicateIou,
                    mergeSimilarity);
        }

        public Segmentation withMinArea(double v) {
            return new Segmentation(scale, sigma, v, maxArea, borderBackground, containment, duplicateIou,
                    mergeSimilarity);
        }

        public Segmentation withMaxArea(double v) {
            return new Segmentation(scale, sigma, minArea, v, borderBackground, containment, duplicateIou,
                    mergeSimilarity);
        }

        public Segmentation withBorderBackground(double v) {
            return new Segmentation(scale, sigma, minArea, maxArea, v, containment, duplicateIou, mergeSimilarity);
        }

        public Segmentation withContainment(double v) {
            return new Segmentation(scale, sigma, minArea, maxArea, borderBackground, v, duplicateIou, mergeSimilarity);
        }

        public Segmentation withDuplicateIou(double v) {
            return new Segmentation(scale, sigma, minArea, maxArea, borderBackground, containment, v, mergeSimilarity);
        }

        public Segmentation withMergeSimilarity(double v) {
            return new Segmentation(scale, sigma, minArea, maxArea, borderBackground, containment, duplicateIou, v);
        }
    }

    /**
     * @param radius       kernel radius in fine-grid cells
     * @param spatialSigma spatial Gaussian sigma in coarse-grid cells
     * @param rangeSigma   colour-difference sigma (RGB, [0,1] scale)
     */
    public record Upsampling(int radius, double spatialSigma, double rangeSigma) {
        public Upsampling {
            require(radius >= 0 && radius <= 16, "upsampling radius must be in [0, 16]");
            require(spatialSigma > 0, "upsampling spatialSigma must be > 0");
            require(rangeSigma > 0, "upsampling rangeSigma must be > 0");
        }

        /** The documented defaults (see {@code docs/method.md}). */
        public static final Upsampling DEFAULTS = new Upsampling(2, 1.0, 0.12);

        public Upsampling withRadius(int v) {
            return new Upsampling(v, spatialSigma, rangeSigma);
        }

        public Upsampling withSpatialSigma(double v) {
            return new Upsampling(radius, v, rangeSigma);
        }

        public Upsampling withRangeSigma(double v) {
            return new Upsampling(radius, spatialSigma, v);
        }
    }

    /**
     * @param attentionTemperature softmax temperature on cosine similarity between objects
     * @param geometrySigma        distance (relative image units) at which geometric attention falls to 1/e
     * @param contextWeight        weight of the attended neighbourhood in the object vector
     */
    public record Encoding(double attentionTemperature, double geometrySigma, double contextWeight) {
        public Encoding {
            require(attentionTemperature > 0, "attentionTemperature must be > 0");
            require(geometrySigma > 0, "geometrySigma must be > 0");
            require(contextWeight >= 0, "contextWeight must be >= 0");
        }

        /** The documented defaults (see {@code docs/method.md}). */
        public static final Encoding DEFAULTS = new Encoding(0.1, 0.25, 0.5);

        public Encoding withAttentionTemperature(double v) {
            return new Encoding(v, geometrySigma, contextWeight);
        }

        public Encoding withGeometrySigma(double v) {
            return new Encoding(attentionTemperature, v, contextWeight);
        }

        public Encoding withContextWeight(double v) {
            return new Encoding(attentionTemperature, geometrySigma, v);
        }
    }

    /**
     * @param featureWeight   weight of (1 - cosine) between object vectors in the matching cost
     * @param positionWeight  weight of centroid distance (relative units)
     * @param areaWeight      weight of |log area ratio|
     * @param noMatchCost     cost of leaving an object unmatched (the dustbin)
     */
    public record Matching(double featureWeight, double positionWeight, double areaWeight, double noMatchCost) {
        public Matching {
            require(featureWeight >= 0 && positionWeight >= 0 && areaWeight >= 0, "matching weights must be >= 0");
            require(noMatchCost > 0, "noMatchCost must be > 0");
        }

        /** The documented defaults (see {@code docs/method.md}). */
        public static final Matching DEFAULTS = new Matching(0.5, 2.0, 0.3, 0.6);

        public Matching withFeatureWeight(double v) {
            return new Matching(v, positionWeight, areaWeight, noMatchCost);
        }

        public Matching withPositionWeight(double v) {
            return new Matching(featureWeight, v, areaWeight, noMatchCost);
        }

        public Matching withAreaWeight(double v) {
            return new Matching(featureWeight, positionWeight, v, noMatchCost);
        }

        public Matching withNoMatchCost(double v) {
            return new Matching(featureWeight, positionWeight, areaWeight, v);
        }
    }

    /**
     * @param neighbourhood       patch search radius for nearest-reference distances, in cells of the patch grid
     *                            (patches), around the same relative position
     * @param shrinkage           covariance shrinkage in [0,1], or negative for Ledoit-Wolf's estimate
     * @param calibrationImages   normal images held out (leave-one-out) to calibrate scores when no separate
     *                            calibration set is given
     * @param thresholdQuantile   0 (default): the threshold keeps to {@link Thresholding}'s promise; else it is this
     *                            plain quantile of the normal images' scores (no guarantee)
     * @param smoothingSigma      Gaussian smoothing of the anomaly map, in object-grid cells
     * @param objectAreaScale     objects smaller than this share of the image have their logical scores damped by
     *                            sqrt(area / objectAreaScale): a speck of noise matters less than a missing label
     * @param gaussianWeight      weight of the calibrated GAUSSIAN measure in the image score (the others weigh 1):
     *                            object Mahalanobis distances depend on how alike masks are cut from image to image
     * @param bankReferences      the PATCH_BANK measure compares each query patch with this many nearest normal
     *                            images (0: off): local defects against broad normal variation, while the k
     *                            references carry the logical comparison
     * @param bankNeighbourhood   patch search radius for PATCH_BANK beyond the k references (many images already
     *                            cover small shifts, so a smaller radius than {@code neighbourhood} suffices);
     *                            patch-grid cells
     * @param gaussianRidge       ridge added to an object Gaussian's covariance before it is factored, as a share of
     *                            its mean variance ({@code ridge tr(S)/C}): keeps nearly flat directions from
     *                            dominating the Mahalanobis distance
     * @param robustMaxShare      an object's GAUSSIAN value is the mean of this top share of its cells' Mahalanobis
     *                            distances (a robust maximum: one ragged edge cell does not decide it) ...
     * @param robustMaxCells      ... and of at least this many cells
     * @param missingPlaceDistance a reference object left unmatched counts as missing when, in a majority of the
     *                            references, an unmatched object lies within this centroid distance (image-relative
     *                            units) ...
     * @param missingAreaLogRatio ... with an area within this |log ratio| of its own, or, with
     *                            {@code missingAreaMedian}, of the median over those unmatched objects
     * @param patchNoisePrior     the per-position noise model of the PATCH distances ({@code PatchNoise}) shrinks each
     *                            position's mean and spread towards their medians over positions as if this many more
     *                            normal images had shown the medians
     * @param bankNoisePrior      the same for the PATCH_BANK distances; larger, because the bank-wide distances'
     *                            per-position spread, fitted on the training images, follows where parts happened to
     *                            lie in them more than where unseen images vary (docs/method.md, "Per-position noise")
     * @param recognisedPatchWeight where the bank's places have a reliable identity, the calibrated PATCH and
     *                            PATCH_BANK distances around an object that its place's normal examples recognise (a
     *                            majority of its nearest normal objects by appearance stand at its place) are
     *                            multiplied by this: its strokes' positions are that digit's handwriting; 1: off
     *                            (docs/method.md, "The threshold", item 4)
     * @param missingAreaMedian   the unmatched objects that vote for a missing one are of about the size the voters
     *                            agree on (their median), not of the nearest reference's own: a thin digit in the
     *                            nearest reference is still the part the others hold there (false: as banks written
     *                            before it read)
     */
    public record Measuring(int neighbourhood, double shrinkage, int calibrationImages, double thresholdQuantile,
            double smoothingSigma, double objectAreaScale, double gaussianWeight, int bankReferences,
            int bankNeighbourhood, double gaussianRidge, double robustMaxShare, int robustMaxCells,
            double missingPlaceDistance, double missingAreaLogRatio, double patchNoisePrior, double bankNoisePrior,
            double recognisedPatchWeight, boolean missingAreaMedian) {
        public Measuring {
            require(neighbourhood >= 0 && neighbourhood <= 16, "neighbourhood must be in [0, 16]");
            require(shrinkage <= 1, "shrinkage must be <= 1 (negative: Ledoit-Wolf)");
            require(calibrationImages >= 2, "calibrationImages must be >= 2");
            require(thresholdQuantile >= 0 && thresholdQuantile <= 1, "thresholdQuantile must be in [0, 1] (0: off)");
            require(smoothingSigma >= 0, "smoothingSigma must be >= 0");
            require(objectAreaScale > 0 && objectAreaScale <= 1, "objectAreaScale must be in (0, 1]");
            require(gaussianWeight >= 0 && gaussianWeight <= 1, "gaussianWeight must be in [0, 1]");
            require(bankReferences >= 0 && bankReferences <= 4096, "bankReferences must be in [0, 4096]");
            require(bankNeighbourhood >= 0 && bankNeighbourhood <= 16, "bankNeighbourhood must be in [0, 16]");
            require(gaussianRidge > 0 && gaussianRidge < 1, "gaussianRidge must be in (0, 1)");
            require(robustMaxShare >= 0 && robustMaxShare <= 1, "robustMaxShare must be in [0, 1]");
            require(robustMaxCells >= 1, "robustMaxCells must be >= 1");
            require(missingPlaceDistance > 0, "missingPlaceDistance must be > 0");
            require(missingAreaLogRatio > 0, "missingAreaLogRatio must be > 0");
            require(patchNoisePrior >= 0 && Double.isFinite(patchNoisePrior), "patchNoisePrior must be >= 0");
            require(bankNoisePrior >= 0 && Double.isFinite(bankNoisePrior), "bankNoisePrior must be >= 0");
            require(recognisedPatchWeight >= 0 && recognisedPatchWeight <= 1,
                    "recognisedPatchWeight must be in [0, 1] (1: off)");
        }

        /** The documented defaults (see {@code docs/method.md}). */
        public static final Measuring DEFAULTS = new Measuring(2, -1, 40, 0, 1.0, 0.01, 0.5, 16, 1, 1e-3, 0.02, 3,
                0.1, 0.7, 20, 20, 1.0, true);

        public Measuring withNeighbourhood(int v) {
            return new Measuring(v, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma, objectAreaScale,
                    gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare, robustMaxCells,
                    missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withShrinkage(double v) {
            return new Measuring(neighbourhood, v, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withCalibrationImages(int v) {
            return new Measuring(neighbourhood, shrinkage, v, thresholdQuantile, smoothingSigma, objectAreaScale,
                    gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare, robustMaxCells,
                    missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withThresholdQuantile(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, v, smoothingSigma, objectAreaScale,
                    gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare, robustMaxCells,
                    missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withSmoothingSigma(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, v, objectAreaScale,
                    gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare, robustMaxCells,
                    missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withObjectAreaScale(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma, v,
                    gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare, robustMaxCells,
                    missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withGaussianWeight(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, v, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withBankReferences(int v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, v, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withBankNeighbourhood(int v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, v, gaussianRidge, robustMaxShare, robustMaxCells,
                    missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withGaussianRidge(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, v, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withRobustMaxShare(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, v,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withRobustMaxCells(int v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    v, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withMissingPlaceDistance(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, v, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withMissingAreaLogRatio(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, v, patchNoisePrior, bankNoisePrior, recognisedPatchWeight,
                    missingAreaMedian);
        }

        public Measuring withPatchNoisePrior(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, v, bankNoisePrior,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withBankNoisePrior(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, v,
                    recognisedPatchWeight, missingAreaMedian);
        }

        public Measuring withRecognisedPatchWeight(double v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior, v,
                    missingAreaMedian);
        }

        public Measuring withMissingAreaMedian(boolean v) {
            return new Measuring(neighbourhood, shrinkage, calibrationImages, thresholdQuantile, smoothingSigma,
                    objectAreaScale, gaussianWeight, bankReferences, bankNeighbourhood, gaussianRidge, robustMaxShare,
                    robustMaxCells, missingPlaceDistance, missingAreaLogRatio, patchNoisePrior, bankNoisePrior,
                    recognisedPatchWeight, v);
        }
    }

    /**
     * How the decision threshold is set (see {@code docs/method.md}, "The threshold"). {@code
     * Measuring.thresholdQuantile} > 0 replaces this rule by a plain quantile.
     *
     * @param targetFalsePositiveRate the false-positive rate on normal images that the threshold keeps to
     * @param confidence              the confidence with which it keeps to it, given how many normal scores set it
     * @param calibrationFolds        the calibration images' scores are cross-fitted over this many folds (each fold
     *                                scored with statistics fitted without it), so that they score as unseen images
     *                                do (1: in-sample scores)
     * @param images                  normal scores the threshold and the fusion's tail scales are set on: the
     *                                calibration images' (cross-fitted), and further training images scored
     *                                leave-one-out up to this many
     * @param furtherImages           training images beyond {@code images}, up to this many, scored leave-one-out
     *                                with the final statistics and fusion (out of sample, as a query), whose scores
     *                                join the image threshold's normal scores only: more scores tighten the
     *                                guarantee without changing any score (0: none)
     */
    public record Thresholding(double targetFalsePositiveRate, double confidence, int calibrationFolds, int images,
            int furtherImages) {
        public Thresholding {
            require(targetFalsePositiveRate > 0 && targetFalsePositiveRate < 1,
                    "targetFalsePositiveRate must be in (0, 1)");
            require(confidence > 0 && confidence < 1, "threshold confidence must be in (0, 1)");
            require(calibrationFolds >= 1 && calibrationFolds <= 100, "calibrationFolds must be in [1, 100]");
            require(images >= 0, "threshold images must be >= 0");
            require(furtherImages >= 0, "further threshold images must be >= 0");
        }

        public static final Thresholding DEFAULTS = new Thresholding(0.05, 0.9, 10, 120, 400);

        public Thresholding withTargetFalsePositiveRate(double v) {
            return new Thresholding(v, confidence, calibrationFolds, images, furtherImages);
        }

        public Thresholding withConfidence(double v) {
            return new Thresholding(targetFalsePositiveRate, v, calibrationFolds, images, furtherImages);
        }

        public Thresholding withCalibrationFolds(int v) {
            return new Thresholding(targetFalsePositiveRate, confidence, v, images, furtherImages);
        }

        public Thresholding withImages(int v) {
            return new Thresholding(targetFalsePositiveRate, confidence, calibrationFolds, v, furtherImages);
        }

        public Thresholding withFurtherImages(int v) {
            return new Thresholding(targetFalsePositiveRate, confidence, calibrationFolds, images, v);
        }
    }

    /**
     * The IDENTITY measure: each object's appearance against the objects at the same place in normal images.
     *
     * @param images     normal images (the nearest by global descriptor) whose objects at the same place each query
     *                   object is compared with (0: the measure is off)
     * @param radius     centroid distance, relative image units, within which two objects are at the same place
     * @param neighbours how many nearest examples are averaged into an object's identity distance
     * @param descriptor how an object's appearance is described (see {@link Descriptor})
     * @param minConsistency the measure judges an object only where at least this share of the normal examples at its
     *                   place recognise their place (leave-one-out: nearer to the examples at their own place than
     *                   to any object elsewhere); 0: everywhere
     * @param otherPlaceWeight weight of the evidence that an object belongs to another place: how much nearer it is
     *                   to the examples elsewhere than to those at its own place (a swapped part); 0: not used
     * @param mirrorWeight weight of the evidence that an object is mirrored: how much nearer its mirror image is to
     *                   the examples at its place than itself (a part turned over); 0: not used
     * @param rarityVerdicts an object's IDENTITY is judged (verdict, map) by its rarity among normal images, carried
     *                   onto the map's scale; false: by its z, as the patch measures are (only with the
     *                   tail-probability fusion, which knows the rarities)
     * @param rarityScore IDENTITY's own surprisal among normal images competes with the largest z's in the image
     *                   score ({@code max(G_M(M), s_IDENTITY(z)) + w G_F(F)}) in banks whose place consistency (the
     *                   area-weighted share of bank objects recognised at their place) is at least this; 0: never
     * @param ownPlaceWeight weight of the evidence from a nearest-neighbour classification of places: IDENTITY adds
     *                   this times the share of the object's {@code ownPlaceNeighbours} nearest normal objects (by
     *                   appearance, from every place) that stand elsewhere; 0: not used
     * @param ownPlaceNeighbours how many nearest normal objects vote on the object's place
     * @param placeEvidenceConsistency the own-place evidence is used only in banks whose place consistency is at least this
     *                   (places with a reliable identity: DigitAnatomy, not the synthetic categories); so is the
     *                   subspace distance
     * @param subspaceComponents the distance of an object's appearance from the principal subspace (this many
     *                   components) of its place's normal examples replaces {@code subspaceWeight} of its
     *                   nearest-example distance; 0: not used
     * @param subspaceWeight share of the subspace distance in the distance to the place's examples
     * @param topologyWeight IDENTITY adds this times the distance of the object's hole topology ({@code HoleTopology}:
     *                   how many loops, how large, high or low) to the nearest ones at its place (mean of the
     *                   {@code neighbours} nearest images); only in banks whose place consistency is at least
     *                   {@code placeEvidenceConsistency}; 0: not used
     * @param topologyNeighbours how many of the nearest images' hole distances the topology term averages (0: {@code
     *                   neighbours})
     * @param swapPairs  a mismatched object and an object that fits its place better than its own are judged together
     * @param fillWeight IDENTITY adds this times the mean distance of the share of the object its holes fill
     *                   ({@code HoleTopology}: a 0 is mostly hole) to the {@code fillNeighbours} nearest images' at its
     *                   place; only where the hole topology is read (the fit's gate); 0: not used
     * @param fillNeighbours how many of the nearest images' fill distances the fill term averages (0: {@code
     *                   neighbours})
     * @param swapGain   unseeded swaps: the share of its own distance each object of a pair must be nearer to the
     *                   other's place (0: off)
     * @param partsAsOne touching findings are reported as one object
     * @param placeSpread the nearest-example distance {@code d_same} is multiplied by {@code (Q / q_p)^placeSpread},
     *                   {@code q_p} the spread of its place's normal examples (the {@link #SPREAD_QUANTILE}-quantile of
     *                   their leave-one-out {@code d_same}) and {@code Q} the bank's, so that a place whose normal
     *                   parts vary widely does not outweigh a tight one; only in banks whose place consistency is at
     *                   least {@code placeEvidenceConsistency} (the fit's gate); 0: not used
     * @param deformationScale the appearance distance {@code d_same} (after the places' spread) is lowered to this
     *                   times the deformation-tolerant distance ({@code DeformationDistance}: the image distortion
     *                   model on the normalised 24 x 24 contrast) of the place's examples into the object where that is
     *                   smaller (the mean of the {@code neighbours} smallest over the {@code deformationExamples}
     *                   examples nearest by histogram): handwriting that only bends the place's shape comes nearer;
     *                   only where the hole topology is read (the fit's gate); 0: not used
     * @param deformationWindow how far (pixels of the 24 x 24 contrast) each example pixel may move to find its match
     * @param deformationExamples how many of the place's examples, the nearest by histogram (one per image), the
     *                   deformation distance measures
     * @param areaScale  IDENTITY's own area scale for its damping of small objects (0: OBJECT's; see withAreaScale)
     * @param partShare  an object's IDENTITY is also damped by {@code sqrt(min(1, a / (partShare · A_p)))}, {@code A_p}
     *                   the area of its place's whole part (per normal image the largest object whose box holds the
     *                   object's centroid, median over the {@code images} nearest): a piece the segmentation cut from
     *                   a digit is judged as the piece it is, whatever the place's size; only where the hole topology
     *                   is read (the fit's gate); 0: not used
     */
    public record Identity(int images, double radius, int neighbours, Descriptor descriptor, double minConsistency,
            double otherPlaceWeight, double mirrorWeight, boolean rarityVerdicts, double rarityScore,
            double ownPlaceWeight, int ownPlaceNeighbours, double placeEvidenceConsistency, int subspaceComponents,
            double subspaceWeight, double topologyWeight, int topologyNeighbours, boolean swapPairs, double fillWeight,
            int fillNeighbours, double swapGain, boolean partsAsOne, double placeSpread, double deformationScale,
            int deformationWindow, int deformationExamples, double deformationMirror, double areaScale,
            double partShare) {
        public Identity {
            require(images >= 0 && images <= 4096, "identity images must be in [0, 4096]");
            require(radius > 0 && radius <= 1, "identity radius must be in (0, 1]");
            require(neighbours >= 1 && neighbours <= 64, "identity neighbours must be in [1, 64]");
            require(images == 0 || neighbours <= images, "identity neighbours must be at most identity images");
            require(descriptor != null, "identity descriptor must be given");
            require(minConsistency >= 0 && minConsistency <= 1, "identity consistency must be in [0, 1]");
            require(otherPlaceWeight >= 0 && otherPlaceWeight <= 10, "identity other-place weight must be in [0, 10]");
            require(mirrorWeight >= 0 && mirrorWeight <= 10, "identity mirror weight must be in [0, 10]");
            require(rarityScore >= 0 && rarityScore <= 1, "identity rarity score consistency must be in [0, 1]");
            require(ownPlaceWeight >= 0 && ownPlaceWeight <= 10, "identity own-place weight must be in [0, 10]");
            require(ownPlaceNeighbours >= 1 && ownPlaceNeighbours <= 256,
                    "identity own-place neighbours must be in [1, 256]");
            require(placeEvidenceConsistency >= 0 && placeEvidenceConsistency <= 1,
                    "identity own-place consistency must be in [0, 1]");
            require(subspaceComponents >= 0 && subspaceComponents <= 64,
                    "identity subspace components must be in [0, 64]");
            require(subspaceWeight >= 0 && subspaceWeight <= 1, "identity subspace weight must be in [0, 1]");
            require(topologyWeight >= 0 && topologyWeight <= 10, "identity topology weight must be in [0, 10]");
            require(topologyNeighbours >= 0 && topologyNeighbours <= 64 && topologyNeighbours <= Math.max(images, 64),
                    "identity topology neighbours must be in [0, 64]");
            require(fillWeight >= 0 && fillWeight <= 10, "identity fill weight must be in [0, 10]");
            require(fillNeighbours >= 0 && fillNeighbours <= 64, "identity fill neighbours must be in [0, 64]");
            require(swapGain >= 0 && swapGain <= 1, "identity swap gain must be in [0, 1]");
            require(placeSpread >= 0 && placeSpread <= 2, "identity place spread must be in [0, 2]");
            require(deformationScale >= 0 && deformationScale <= 100, "identity deformation scale must be in [0, 100]");
            require(deformationWindow >= 0 && deformationWindow <= 4, "identity deformation window must be in [0, 4]");
            require(deformationExamples >= 1 && deformationExamples <= 64,
                    "identity deformation examples must be in [1, 64]");
            require(deformationMirror >= 0 && deformationMirror <= 100,
                    "identity deformation mirror weight must be in [0, 100]");
            require(areaScale >= 0 && areaScale <= 1, "identity area scale must be in [0, 1]");
            require(partShare >= 0 && partShare <= 1, "identity part share must be in [0, 1]");
        }

        /** The measure before the place's whole part (round 11): a piece damped only by its area. */
        public Identity(int images, double radius, int neighbours, Descriptor descriptor, double minConsistency,
                double otherPlaceWeight, double mirrorWeight, boolean rarityVerdicts, double rarityScore,
                double ownPlaceWeight, int ownPlaceNeighbours, double placeEvidenceConsistency, int subspaceComponents,
                double subspaceWeight, double topologyWeight, int topologyNeighbours, boolean swapPairs,
                double fillWeight, int fillNeighbours, double swapGain, boolean partsAsOne, double placeSpread,
                double deformationScale, int deformationWindow, int deformationExamples, double deformationMirror,
                double areaScale) {
            this(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight, rarityVerdicts,
                    rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency, subspaceComponents,
                    subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain,
                    partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror,
                    areaScale, 0);
        }

        /** The measure before its own area scale (round 11): small objects damped as OBJECT damps them. */
        public Identity(int images, double radius, int neighbours, Descriptor descriptor, double minConsistency,
                double otherPlaceWeight, double mirrorWeight, boolean rarityVerdicts, double rarityScore,
                double ownPlaceWeight, int ownPlaceNeighbours, double placeEvidenceConsistency, int subspaceComponents,
                double subspaceWeight, double topologyWeight, int topologyNeighbours, boolean swapPairs,
                double fillWeight, int fillNeighbours, double swapGain, boolean partsAsOne, double placeSpread,
                double deformationScale, int deformationWindow, int deformationExamples, double deformationMirror) {
            this(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight, rarityVerdicts,
                    rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency, subspaceComponents,
                    subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain,
                    partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror,
                    0);
        }

        /** The measure before the holes' fill, unseeded swaps and parts as one (banks written before read them off). */
        public Identity(int images, double radius, int neighbours, Descriptor descriptor, double minConsistency,
                double otherPlaceWeight, double mirrorWeight, boolean rarityVerdicts, double rarityScore,
                double ownPlaceWeight, int ownPlaceNeighbours, double placeEvidenceConsistency, int subspaceComponents,
                double subspaceWeight, double topologyWeight, int topologyNeighbours, boolean swapPairs) {
            this(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight, rarityVerdicts,
                    rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency, subspaceComponents,
                    subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, 0, 0, 0, false, 0, 0, DEFORMATION_WINDOW, DEFORMATION_EXAMPLES, 0);
        }

        /** The measure before the own-place classification (banks written before it read it off). */
        public Identity(int images, double radius, int neighbours, Descriptor descriptor, double minConsistency,
                double otherPlaceWeight, double mirrorWeight, boolean rarityVerdicts, double rarityScore) {
            this(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight, rarityVerdicts,
                    rarityScore, 0, 5, 0.8, 0, 1, 0, 0, false, 0, 0, 0, false, 0, 0, DEFORMATION_WINDOW, DEFORMATION_EXAMPLES, 0);
        }

        /** The measure as it was before the other-place and mirror evidence and rarity verdicts (older banks). */
        public Identity(int images, double radius, int neighbours, Descriptor descriptor, double minConsistency) {
            this(images, radius, neighbours, descriptor, minConsistency, 0, 0, false, 0);
        }

        /** The appearance descriptors an object can have. */
        public enum Descriptor {
            /**
             * Gradient orientations (unsigned) over the object's bounding square: what banks of format 2 stored; kept
             * so that they score as they did, and for ablations.
             */
            BOX,
            /**
             * Gradient directions (signed) of the object's contrast to its surroundings, over a square centred, sized
             * and deskewed by the contrast's moments: invariant to where the object is, how large and how slanted.
             */
            NORMALISED
        }

        /** Which quantile of the places' leave-one-out distances measures their spread. */
        public static final double SPREAD_QUANTILE = 0.9;

        /** The default exponent of the place-spread normalisation of the nearest-example distance. */
        static final double PLACE_SPREAD = 0.5;

        /** The default scale of the deformation-tolerant distance to the place's examples (0: off). */
        static final double DEFORMATION_SCALE = 0;

        /** The default warp window of the deformation-tolerant distance, in pixels of the 24 x 24 contrast. */
        static final int DEFORMATION_WINDOW = 2;

        /** The default number of the place's nearest examples (by histogram) the deformation distance measures. */
        static final int DEFORMATION_EXAMPLES = 8;

        /** The default weight of the mirror evidence by the deformation-tolerant distance (round 10). */
        static final double DEFORMATION_MIRROR = 10;

        /**
         * The default area scale of IDENTITY's damping of small objects (round 11; 0: OBJECT's objectAreaScale). 0.015
         * is an option: it raises DigitAnatomy's `zero` on seed 11 to 0.905 but costs verdicts (docs/quality.md).
         */
        static final double AREA_SCALE = 0;

        /**
         * The default share of its place's whole part below which an object's IDENTITY is damped (round 11; 0: off).
         * 0.4 changes no verdict but, once a part turned over competes in the image score (fusion.mirrorScore), gains
         * no recall either, and lowers DigitAnatomy seed 11's AU-sPRO (docs/quality.md, "Merged main after round 11").
         */
        static final double PART_SHARE = 0;

        /** The default weight of the holes' fill term. */
        static final double FILL_WEIGHT = 1.0;

        public static final Identity DEFAULTS = new Identity(64, 0.05, 2, Descriptor.NORMALISED, 0.5, 0.5, 1, true,
                0.8, 0, 5, 0.8, 0, 1, 0.3, 0, true, FILL_WEIGHT, 40, 0.1, true, PLACE_SPREAD, DEFORMATION_SCALE,
                DEFORMATION_WINDOW, DEFORMATION_EXAMPLES, DEFORMATION_MIRROR, AREA_SCALE, PART_SHARE);


        public Identity withImages(int v) {
            return new Identity(v, radius, v == 0 ? neighbours : Math.min(neighbours, v), descriptor, minConsistency,
                    otherPlaceWeight, mirrorWeight, rarityVerdicts, rarityScore, ownPlaceWeight,
                    ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withRadius(double v) {
            return new Identity(images, v, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withNeighbours(int v) {
            return new Identity(images, radius, v, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withDescriptor(Descriptor v) {
            return new Identity(images, radius, neighbours, v, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withMinConsistency(double v) {
            return new Identity(images, radius, neighbours, descriptor, v, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withOtherPlaceWeight(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, v, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withMirrorWeight(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, v,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withRarityScore(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, v, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withOwnPlaceWeight(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, v, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withOwnPlaceNeighbours(int v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, v, placeEvidenceConsistency, subspaceComponents,
                    subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withPlaceEvidenceConsistency(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, v, subspaceComponents,
                    subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withSubspaceComponents(int v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency, v,
                    subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withSubspaceWeight(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, v, topologyWeight, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withTopologyWeight(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, v, topologyNeighbours, swapPairs, fillWeight, fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withTopologyNeighbours(int v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, v, swapPairs, fillWeight, fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        /** How many of the nearest images' hole distances the topology term averages ({@code neighbours} at 0). */
        public int topologyNeighboursUsed() {
            return topologyNeighbours > 0 ? topologyNeighbours : neighbours;
        }

        public Identity withSwapPairs(boolean v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, v, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withFillWeight(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, v,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withFillNeighbours(int v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight, v,
                    swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        /** How many of the nearest images' fill distances the fill term averages ({@code neighbours} at 0). */
        public int fillNeighboursUsed() {
            return fillNeighbours > 0 ? fillNeighbours : neighbours;
        }

        public Identity withSwapGain(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, v, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withPartsAsOne(boolean v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, v, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withPlaceSpread(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, v, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withDeformationScale(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, v, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withDeformationWindow(int v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, v, deformationExamples, deformationMirror, areaScale, partShare);
        }

        public Identity withDeformationExamples(int v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, v, deformationMirror, areaScale, partShare);
        }

        public Identity withDeformationMirror(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow,
                    deformationExamples, v, areaScale, partShare);
        }

        /**
         * IDENTITY's own area scale: an object smaller than this share of the image has its IDENTITY damped by
         * {@code sqrt(a / areaScale)}; 0 takes OBJECT's {@code measuring.objectAreaScale}. Read only where the hole
         * topology is (places with a reliable identity; the fit's gate sets it to 0 elsewhere).
         */
        public Identity withAreaScale(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow,
                    deformationExamples, deformationMirror, v, partShare);
        }

        public Identity withPartShare(double v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    rarityVerdicts, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow,
                    deformationExamples, deformationMirror, areaScale, v);
        }

        /** The scale IDENTITY damps small objects by: its own where set, else OBJECT's ({@code objectAreaScale}). */
        public double areaScaleOr(double objectAreaScale) {
            return areaScale > 0 ? areaScale : objectAreaScale;
        }

        /** Whether a term reads the objects' normalised contrast images (the deformation-tolerant distance). */
        public boolean readsContrast() {
            return deformationScale > 0 || deformationMirror > 0;
        }

        public Identity withRarityVerdicts(boolean v) {
            return new Identity(images, radius, neighbours, descriptor, minConsistency, otherPlaceWeight, mirrorWeight,
                    v, rarityScore, ownPlaceWeight, ownPlaceNeighbours, placeEvidenceConsistency,
                    subspaceComponents, subspaceWeight, topologyWeight, topologyNeighbours, swapPairs, fillWeight,
                    fillNeighbours, swapGain, partsAsOne, placeSpread, deformationScale, deformationWindow, deformationExamples, deformationMirror, areaScale, partShare);
        }
    }

    /**
     * Projection of a wide backbone's patch features to a fixed number of channels right after extraction (see
     * {@code docs/method.md}, "Channel projection"): principal components of normal patch features, fitted at fit time
     * and stored in the bank. Backbones with at most {@code width} channels (the embedded 31) are never projected.
     *
     * @param width   channels after projection (0: off)
     * @param images  training images (a seeded choice) whose patch features the projection is fitted on
     * @param patches patch feature vectors sampled from them (seeded), spread evenly over the images
     */
    public record Projection(int width, int images, int patches) {
        public Projection {
            require(width >= 0 && width <= 4096, "projection width must be in [0, 4096] (0: off)");
            require(images >= 1 && images <= 10000, "projection images must be in [1, 10000]");
            require(patches >= 2 && patches <= 1 << 20, "projection patches must be in [2, 1048576]");
        }

        public static final Projection DEFAULTS = new Projection(64, 16, 8192);

        public Projection withWidth(int v) {
            return new Projection(v, images, patches);
        }

        public Projection withImages(int v) {
            return new Projection(width, v, patches);
        }

        public Projection withPatches(int v) {
            return new Projection(width, images, v);
        }

        /** Whether features of {@code channels} channels are projected. */
        public boolean appliesTo(int channels) {
            return width > 0 && channels > width;
        }
    }

    /**
     * Tolerance to what normal images themselves vary in (issue 11): parts that move, and objects cut unevenly.
     *
     * @param searchRadiusMax    the patch search radius (PATCH, the k references) is estimated at fit from the bank
     *                           by leave-one-out, up to this many patch cells (see {@code SearchRadius}); 0: off, the
     *                           fixed {@code neighbourhood} is used
     * @param searchRadiusMargin cells added to the median displacement of matched objects between normal images,
     *                           rounded up, to give the radius (content that moved by part of a cell straddles two)
     * @param searchRadiusImages bank images the estimate is measured on (leave-one-out)
     * @param rimWrap            a thin mask that touches several objects, with at least this share of its cells
     *                           within two cells of other objects, is an edge, shadow or highlight band, not an
     *                           object: each of its cells joins the nearest object it touches (0: off, such bands
     *                           stay objects of their own)
     * @param attributes         whether the ATTRIBUTE measure is computed: each matched object's area against its
     *                           counterparts' in the references (a connector of the other size, a pin too small or
     *                           bitten)
     * @param attributeAgreement the references must agree on an object's size for ATTRIBUTE to judge it: the largest
     *                           spread (max - min) of its counterparts' log areas
     */
    public record Stability(int searchRadiusMax, int searchRadiusMargin, int searchRadiusImages, double rimWrap,
            boolean attributes, double attributeAgreement) {
        public Stability {
            require(searchRadiusMax >= 0 && searchRadiusMax <= 8, "searchRadiusMax must be in [0, 8]");
            require(searchRadiusMargin >= 0 && searchRadiusMargin <= 4, "searchRadiusMargin must be in [0, 4]");
            require(searchRadiusImages >= 1, "searchRadiusImages must be >= 1");
            require(rimWrap >= 0 && rimWrap <= 1, "rimWrap must be in [0, 1]");
            require(attributeAgreement > 0, "attributeAgreement must be > 0");
        }

        public static final Stability DEFAULTS = new Stability(4, 1, 20, 0, false, 10);

        public Stability withSearchRadiusMax(int v) {
            return new Stability(v, searchRadiusMargin, searchRadiusImages, rimWrap, attributes, attributeAgreement);
        }

        public Stability withSearchRadiusMargin(int v) {
            return new Stability(searchRadiusMax, v, searchRadiusImages, rimWrap, attributes, attributeAgreement);
        }

        public Stability withSearchRadiusImages(int v) {
            return new Stability(searchRadiusMax, searchRadiusMargin, v, rimWrap, attributes, attributeAgreement);
        }

        public Stability withRimWrap(double v) {
            return new Stability(searchRadiusMax, searchRadiusMargin, searchRadiusImages, v, attributes,
                    attributeAgreement);
        }

        public Stability withAttributes(boolean v) {
            return new Stability(searchRadiusMax, searchRadiusMargin, searchRadiusImages, rimWrap, v,
                    attributeAgreement);
        }

        public Stability withAttributeAgreement(double v) {
            return new Stability(searchRadiusMax, searchRadiusMargin, searchRadiusImages, rimWrap, attributes, v);
        }
    }

    /**
     * The COMPOSITION measure (see {@code docs/method.md}, "Composition"): the query as a whole must be explained by
     * one normal image. For each of the {@code images} nearest normal images, every query object is compared with
     * the objects of that image at about its place (within {@code radius}) by size and mean feature; the image's
     * distance is the largest such object distance, and the measure the mean of the {@code neighbours} smallest
     * image distances. A relational rule (two connectors of one size, a cable colour fixed by that size) is broken
     * by a query each of whose objects has a normal counterpart somewhere in the bank, but not all in one image.
     *
     * @param images        normal images (nearest by global descriptor) the query is compared with; 0: off
     * @param radius        centroid distance, relative image units, within which objects are at the same place
     * @param featureWeight weight of the mean-feature distance against the |log area ratio|
     * @param neighbours    how many of the smallest image distances are averaged
     * @param missingCost   an object's distance where the image has no object at its place (and its largest)
     * @param relativeFloor each object's distance to an image is divided by its own best distance (the mean of the
     *                      {@code neighbours} smallest over the images) plus this floor, so that an object no normal
     *                      image explains well on its own (a plate cut differently every time) weighs little, and
     *                      only what no single image explains jointly counts; 0: plain distances
     * @param minRelation   the measure speaks only for banks whose normal compositions are relational: normal
     *                      images told apart from chimeras (one half of an image's objects with the other half of
     *                      another's) with at least this AUROC, leave-one-out; 0: always
     * @param inSum         whether the measure's surprisal also enters the fusion's Fisher sum (false: only the
     *                      largest z; it sees one kind of rule, and on every other image adds only its noise to the
     *                      sum: connector_cable structural fell by up to 0.028 with it)
     */
    public record Composition(int images, double radius, double featureWeight, int neighbours, double missingCost,
            double relativeFloor, double minRelation, boolean inSum) {
        public Composition {
            require(images >= 0 && images <= 4096, "composition images must be in [0, 4096]");
            require(radius > 0 && radius <= 1, "composition radius must be in (0, 1]");
            require(featureWeight >= 0, "composition feature weight must be >= 0");
            require(neighbours >= 1 && neighbours <= 64, "composition neighbours must be in [1, 64]");
            require(missingCost > 0, "composition missing cost must be > 0");
            require(relativeFloor >= 0, "composition relative floor must be >= 0");
            require(minRelation >= 0 && minRelation <= 1, "composition min relation must be in [0, 1]");
        }

        public static final Composition DEFAULTS = new Composition(64, 0.15, 2.0, 3, 1.0, 0.2, 0.65, false);
        /** What banks written before the measure existed read as: off, so that they score as they did. */
        public static final Composition OFF = DEFAULTS.withImages(0);

        /** Whether each object's distances are divided by how well its best images explain it alone. */
        public boolean relative() {
            return relativeFloor > 0;
        }

        public Composition withImages(int v) {
            return new Composition(v, radius, featureWeight, neighbours, missingCost, relativeFloor, minRelation, inSum);
        }

        public Composition withRadius(double v) {
            return new Composition(images, v, featureWeight, neighbours, missingCost, relativeFloor, minRelation, inSum);
        }

        public Composition withFeatureWeight(double v) {
            return new Composition(images, radius, v, neighbours, missingCost, relativeFloor, minRelation, inSum);
        }

        public Composition withNeighbours(int v) {
            return new Composition(images, radius, featureWeight, v, missingCost, relativeFloor, minRelation, inSum);
        }

        public Composition withRelativeFloor(double v) {
            return new Composition(images, radius, featureWeight, neighbours, missingCost, v, minRelation, inSum);
        }

        public Composition withMinRelation(double v) {
            return new Composition(images, radius, featureWeight, neighbours, missingCost, relativeFloor, v, inSum);
        }

        public Composition withInSum(boolean v) {
            return new Composition(images, radius, featureWeight, neighbours, missingCost, relativeFloor, minRelation,
                    v);
        }
    }

    /**
     * The in-image peer measures (see {@code docs/method.md}, section 8, "Peers"): objects of one kind in one image (the
     * pins of a grid) should agree with each other in size and shape. Each object's area (soft, from a two-colour
     * model on the working image's pixels) and notch depth (its radial profile's deepest dip) are compared with those of its
     * peers, the other solid objects of the image whose colour lies within {@code colourTolerance}, scaled by the
     * peers' own spread.
     *
     * @param minPeers        an object is judged only when at least this many peers share its image; 0: both
     *                        measures off
     * @param colourTolerance two objects are peers when their colours (median RGB in [0, 1] inside the mask) lie at
     *                        most this far apart (Euclidean)
     * @param sizeFloor       smallest spread of the peers' log areas the size deviation is divided by
     * @param shapeFloor      smallest spread of the peers' notch depths the shape deviation is divided by
     * @param size            whether PEER_SIZE (logical: an object larger or smaller than its peers) is computed
     * @param shape           whether PEER_SHAPE (structural: an object with a deeper notch than its peers, a bitten pin) is
     *                        computed
     * @param inSum           whether the measures' surprisals also enter the fusion's Fisher sum (false: only the
     *                        largest z, as COMPOSITION)
     * @param maxSpread       peers of one colour are one kind only when their sizes agree: an object whose peers'
     *                        log areas spread more than this (1.4826 MAD) is not judged (compartments and the rims
     *                        beside them share a colour, not a kind)
     * @param minShare        the measures speak only in banks where at least this share of the normal images hold an
     *                        object so judged (decided at fit; 0: always): elsewhere there are no kinds to compare
     * @param loose           whether parts of a kind that the segmentation lost (merged into a neighbour for being
     *                        under its minimum area: a small pin, a crescent) are found again by their kind's colour
     *                        at pixel resolution and judged too ({@code KindBlobs})
     * @param maxKindShare    objects of one colour are a kind of parts only when their median mask covers at most
     *                        this share of the image (0: no limit, what banks written before it read): larger
     *                        same-colour objects are pieces of a surface (a plate cut into cells by the
     *                        segmentation), whose sizes say how it was cut, not whether a part is wrong
     * @param spacing         whether PEER_SPACING (logical: an object nearer to its nearest peer than the kind's parts
     *                        usually are to theirs, two parts where one belongs) is computed (banks written before it
     *                        read false)
     * @param spacingFloor    smallest spread of the kind's log nearest-peer distances PEER_SPACING is divided by
     * @param pairsAsOne      two objects too near each other (PEER_SPACING above the map threshold) are painted on the
     *                        map as one finding, both with the larger value over either: which is the extra part
     *                        the image cannot say (map only; banks written before it read false)
     * @param paintLoose      a loose part whose PEER_SIZE or PEER_SHAPE z exceeds the map threshold is painted on the
     *                        cells its pixels touch (map only; banks written before it read false)
     * @param looseKindColour a lost part takes the colour of the kind its pixels were found by, rather than the
     *                        median over its grown cells, which the plate pulls away from the kind where the part is
     *                        small (banks written before it read false)
     * @param placeRadius     where the fit's gate finds no in-image kinds but parts that keep their place
     *                        ({@code BankFitter.withPeerGate}), every object's outline is judged against the objects of
     *                        its colour at its place (centroid within this distance, relative image units; the nearest
     *                        one per image) in the query's bank-wide references (PEER_SHAPE only: a part's soft area
     *                        varies with how the segmentation cut it); 0: never (banks written before it read 0)
     * @param placeMaxArea    objects judged against place peers cover at most this share of the image (larger ones are
     *                        a box's walls and floors, whose cut follows the items on them)
     * @param placeSizeRatio  an object is judged against its place peers only when its soft area lies within this
     *                        factor of their median (else it is a piece of something else, a floor cut in two, or
     *                        an item that the segmentation split, whose halves have notches of their own)
     * @param placeMinShare   an object is judged against its place peers only when at least this share of the
     *                        reference images hold one (a part its place holds in most normal images)
     */
    public record Peers(int minPeers, double colourTolerance, double sizeFloor, double shapeFloor, boolean size,
            boolean shape, boolean inSum, double maxSpread, double minShare, boolean loose, double maxKindShare,
            boolean spacing, double spacingFloor, boolean pairsAsOne, boolean paintLoose, boolean looseKindColour,
            double placeRadius,
            double placeMaxArea, double placeSizeRatio, double placeMinShare) {
        public Peers {
            require(minPeers >= 0 && minPeers <= 1000, "peers minPeers must be in [0, 1000]");
            require(colourTolerance > 0 && colourTolerance <= 2, "peers colour tolerance must be in (0, 2]");
            require(sizeFloor > 0, "peers size floor must be > 0");
            require(shapeFloor > 0, "peers shape floor must be > 0");
            require(maxSpread > 0, "peers max spread must be > 0");
            require(minShare >= 0 && minShare <= 1, "peers min share must be in [0, 1]");
            require(maxKindShare >= 0 && maxKindShare <= 1, "peers max kind share must be in [0, 1]");
            require(spacingFloor >= 0, "peers spacing floor must be >= 0");
            require(placeRadius >= 0 && placeRadius <= 1, "peers place radius must be in [0, 1]");
            require(placeMaxArea > 0 && placeMaxArea <= 1, "peers place max area must be in (0, 1]");
            require(placeSizeRatio > 1, "peers place size ratio must be > 1");
            require(placeMinShare >= 0 && placeMinShare <= 1, "peers place min share must be in [0, 1]");
        }

        public static final Peers DEFAULTS = new Peers(4, 0.1, 0.05, 0.02, true, true, true, 0.3, 0.5, true, 0.01,
                true, 0.05, true, true, true, 0.08, 0.05, 1.4, 0.5);
        /** What banks written before the measures existed read as: off, so that they score as they did. */
        public static final Peers OFF = DEFAULTS.withMinPeers(0);

        /** Whether any peer measure is computed. */
        public boolean on() {
            return minPeers > 0 && (size || shape);
        }

        public Peers withMinPeers(int v) {
            return new Peers(v, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withColourTolerance(double v) {
            return new Peers(minPeers, v, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withSizeFloor(double v) {
            return new Peers(minPeers, colourTolerance, v, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withShapeFloor(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, v, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withSize(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, v, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withShape(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, v, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withMaxSpread(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, v, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withMinShare(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, v,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withLoose(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    v, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withInSum(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, v, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withMaxKindShare(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, v, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withSpacing(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, v, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withPairsAsOne(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, v, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withPaintLoose(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, v, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withLooseKindColour(boolean v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, v,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withSpacingFloor(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, v, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withPlaceRadius(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    v, placeMaxArea, placeSizeRatio, placeMinShare);
        }

        public Peers withPlaceMaxArea(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, v, placeSizeRatio, placeMinShare);
        }

        public Peers withPlaceSizeRatio(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, v, placeMinShare);
        }

        public Peers withPlaceMinShare(double v) {
            return new Peers(minPeers, colourTolerance, sizeFloor, shapeFloor, size, shape, inSum, maxSpread, minShare,
                    loose, maxKindShare, spacing, spacingFloor, pairsAsOne, paintLoose, looseKindColour,
                    placeRadius, placeMaxArea, placeSizeRatio, v);
        }

        /** Whether objects are judged against the same place's objects in other normal images (decided at fit). */
        public boolean byPlace() {
            return on() && placeRadius > 0;
        }
    }

    /**
     * The COLOURS measure (see {@code docs/method.md}, section 8, "COLOURS"): the bank's colour bins grouped into
     * {@code clusters} colours (weighted k-means on the pooled histograms of its images), each image described by the
     * log share of each colour, standardised by the bank's median and spread; the query's distance to the nearest
     * normal images. Pose- and segmentation-free: a relation between the sizes and colours of parts (large connectors,
     * red cable) shows as a combination of shares no normal image has.
     *
     * @param clusters    colours the bins are grouped into (0: off)
     * @param neighbours  m, the raw value is the mean distance to the m nearest normal images
     * @param shareFloor  eps in log(share + eps): shares below it count as absent
     * @param spreadFloor added to each colour's robust spread (log units), so that a colour almost constant on
     *                    normals does not turn a tiny difference into a large distance
     * @param minRelation the measure speaks only in banks whose halves depend on each other at least this much (the
     *                    chimera AUROC of {@code CompositionRelation}, shared with COMPOSITION; 0: always)
     * @param inSum       its surprisal also enters the fusion's Fisher sum (else the largest z only)
     * @param pieces      the PIECES measure, which reads the same colours as connected pieces of the image
     * @param paintMaxShare COLOURS on the map (above the map threshold): a colour whose group (colours within the
     *                    pieces' merge distance) takes at most this share of the median normal image is a part
     *                    colour; where the query lacks no part its part colours' cells are painted with the z, where
     *                    it lacks one the reference objects it may lack are (0: neither; what banks written before it
     *                    read)
     * @param paintReverseShare where the query lacks a part (or {@code paintMaxShare} is 0), also the cells where the
     *                    reverse patch map (what most references have that the query lacks) reaches at least this
     *                    share of its largest value (0: not painted)
     * @param paintPairs  a PIECES pair finding paints both pieces of the pair with its z besides where the smaller
     *                    lacks what the larger has (false: only the latter; what banks written before it read)
     * @param paintUnplaced COLOURS is painted only where nothing on the map reaches the map threshold before it (a
     *                    finding that has a place of its own already points there; false: always)
     */
    public record Colours(int clusters, int neighbours, double shareFloor, double spreadFloor, double minRelation,
            boolean inSum, Pieces pieces, double paintMaxShare, double paintReverseShare, boolean paintPairs,
            boolean paintUnplaced) {
        public Colours {
            require(clusters >= 0 && clusters <= 64, "colour clusters must be in [0, 64]");
            require(neighbours >= 1 && neighbours <= 64, "colour neighbours must be in [1, 64]");
            require(shareFloor > 0 && shareFloor < 1, "colour share floor must be in (0, 1)");
            require(spreadFloor > 0, "colour spread floor must be > 0");
            require(minRelation >= 0 && minRelation <= 1, "colour min relation must be in [0, 1]");
            pieces = pieces == null ? Pieces.OFF : pieces;
            require(paintMaxShare >= 0 && paintMaxShare <= 1, "colour paint max share must be in [0, 1]");
            require(paintReverseShare >= 0 && paintReverseShare <= 1, "colour paint reverse share must be in [0, 1]");
        }

        public static final Colours DEFAULTS = new Colours(6, 3, 0.01, 0.05, 0.65, false, Pieces.DEFAULTS, 0.2, 0.8,
                true, true);
        /** What banks written before the measure existed read as: off, so that they score as they did. */
        public static final Colours OFF = DEFAULTS.withClusters(0).withPieces(Pieces.OFF).withPaint(0, 0, false)
                .withPaintUnplaced(false);

        /** Whether a COLOURS finding is painted on the map. */
        public boolean painted() {
            return paintMaxShare > 0 || paintReverseShare > 0;
        }

        public Colours withPaint(double maxShare, double reverseShare, boolean pairs) {
            return new Colours(clusters, neighbours, shareFloor, spreadFloor, minRelation, inSum, pieces, maxShare,
                    reverseShare, pairs, paintUnplaced);
        }

        public Colours withPaintUnplaced(boolean v) {
            return new Colours(clusters, neighbours, shareFloor, spreadFloor, minRelation, inSum, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, v);
        }

        public boolean on() {
            return clusters > 0;
        }

        public Colours withClusters(int v) {
            return new Colours(v, neighbours, shareFloor, spreadFloor, minRelation, inSum, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }

        public Colours withNeighbours(int v) {
            return new Colours(clusters, v, shareFloor, spreadFloor, minRelation, inSum, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }

        public Colours withShareFloor(double v) {
            return new Colours(clusters, neighbours, v, spreadFloor, minRelation, inSum, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }

        public Colours withSpreadFloor(double v) {
            return new Colours(clusters, neighbours, shareFloor, v, minRelation, inSum, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }

        public Colours withMinRelation(double v) {
            return new Colours(clusters, neighbours, shareFloor, spreadFloor, v, inSum, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }

        public Colours withInSum(boolean v) {
            return new Colours(clusters, neighbours, shareFloor, spreadFloor, minRelation, v, pieces, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }

        public Colours withPieces(Pieces v) {
            return new Colours(clusters, neighbours, shareFloor, spreadFloor, minRelation, inSum, v, paintMaxShare,
                    paintReverseShare, paintPairs, paintUnplaced);
        }
    }

    /**
     * The PIECES measure (see {@code docs/method.md}, section 8, "PIECES"): each of the bank's colours read as the
     * 4-connected pieces it forms on the colour lattice. Where the normal images agree on how many pieces a colour
     * forms (one cable), a query with more (a cut cable) is judged by the share of the colour's area outside the
     * expected number of largest pieces; where normal images hold two pieces of one colour of one size (two
     * connectors), by the log area ratio of the two largest, in units of the normals' spread. Pose-free: neither
     * measure asks where a piece is. The per-colour statistics are fitted on the bank's normal images at fit
     * ({@code BankFitter}) and stored here; a colour the normals do not agree on is not judged, and where none is the
     * measure is off.
     *
     * @param minAgreement  a colour is judged where at least this share of the normal images agree (0: off)
     * @param minPixels     pieces of fewer lattice points are specks (anti-aliased edges, texture), not pieces
     * @param splitUnit     the split part's unit: this share of the colour's area outside its expected pieces
     * @param pairFloor     floor of the pair part's spread (log area ratio)
     * @param maxPairSpread a colour's two largest pieces are a pair only where the normals' spread of their log area
     *                      ratio is at most this (pieces of one kind and size)
     * @param hullWeight    weight of the pair's convex-hull gaps in its statistic:
     *                      {@code log(A_1/A_2) + w (log(H_2/F_2) - log(H_1/F_1))} with {@code H} a piece's lattice
     *                      points inside its convex hull and {@code F} those of the piece or its holes (a bite
     *                      leaves the hull and takes from the area; 0: the plain log area ratio, the measure before)
     * @param rarityScore   where the fit judges a colour and COLOURS speaks (its chimera gate), PIECES' own
     *                      surprisal among normal images competes with the largest z's in the image score, and its
     *                      map finding is judged by that rarity (a light-tailed measure whose z of 5 no normal image
     *                      reaches; false: by its z, as before)
     * @param whole         fitted: per colour the number of pieces the normal images agree on (0: not judged)
     * @param pairMedian    fitted: per colour the normals' median log area ratio of the two largest pieces
     * @param pairSpread    fitted: per colour its spread (1.4826 MAD; 0: not judged)
     */
    public record Pieces(double minAgreement, int minPixels, double mergeDistance, double splitUnit, double pairFloor,
            double maxPairSpread, double hullWeight, boolean rarityScore, int[] whole, double[] pairMedian,
            double[] pairSpread) {
        public Pieces {
            require(minAgreement >= 0 && minAgreement <= 1, "pieces min agreement must be in [0, 1]");
            require(minPixels >= 1, "pieces min pixels must be >= 1");
            require(mergeDistance >= 0, "pieces merge distance must be >= 0");
            require(splitUnit > 0, "pieces split unit must be > 0");
            require(pairFloor > 0, "pieces pair floor must be > 0");
            require(maxPairSpread >= 0, "pieces max pair spread must be >= 0");
            require(hullWeight >= 0 && Double.isFinite(hullWeight), "pieces hull weight must be >= 0");
            whole = whole == null ? new int[0] : whole;
            pairMedian = pairMedian == null ? new double[0] : pairMedian;
            pairSpread = pairSpread == null ? new double[0] : pairSpread;
            require(pairMedian.length == pairSpread.length, "pieces pair median and spread must have one length");
        }

        public static final Pieces DEFAULTS = new Pieces(0.9, 8, 0.25, 0.05, 0.02, 0.1, 1.0, true, null, null,
                null);
        /** What banks written before the measure existed read as: off, so that they score as they did. */
        public static final Pieces OFF = DEFAULTS.withMinAgreement(0).withHullWeight(0)
                .withRarityScore(false);

        /** Whether the measure is asked for (the fit then learns which colours to judge). */
        public boolean asked() {
            return minAgreement > 0;
        }

        /** Whether the fit found a colour to judge: the measure speaks. */
        public boolean on() {
            if (!asked()) {
                return false;
            }
            for (int w : whole) {
                if (w > 0) {
                    return true;
                }
            }
            for (double s : pairSpread) {
                if (s > 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether an analysed image needs its colour lattice: asked for and either not fitted yet (the fit learns
         * from the normal images' lattices) or fitted with a colour to judge.
         */
        public boolean needsLattice() {
            return asked() && (whole.length == 0 && pairSpread.length == 0 || on());
        }

        public Pieces withMinAgreement(double v) {
            return new Pieces(v, minPixels, mergeDistance, splitUnit, pairFloor, maxPairSpread,
                    hullWeight, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withMinPixels(int v) {
            return new Pieces(minAgreement, v, mergeDistance, splitUnit, pairFloor, maxPairSpread,
                    hullWeight, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withMergeDistance(double v) {
            return new Pieces(minAgreement, minPixels, v, splitUnit, pairFloor, maxPairSpread,
                    hullWeight, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withSplitUnit(double v) {
            return new Pieces(minAgreement, minPixels, mergeDistance, v, pairFloor, maxPairSpread,
                    hullWeight, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withPairFloor(double v) {
            return new Pieces(minAgreement, minPixels, mergeDistance, splitUnit, v, maxPairSpread,
                    hullWeight, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withMaxPairSpread(double v) {
            return new Pieces(minAgreement, minPixels, mergeDistance, splitUnit, pairFloor, v,
                    hullWeight, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withHullWeight(double v) {
            return new Pieces(minAgreement, minPixels, mergeDistance, splitUnit, pairFloor, maxPairSpread,
                    v, rarityScore, whole, pairMedian, pairSpread);
        }

        public Pieces withRarityScore(boolean v) {
            return new Pieces(minAgreement, minPixels, mergeDistance, splitUnit, pairFloor, maxPairSpread,
                    hullWeight, v, whole, pairMedian, pairSpread);
        }

        /** Equal parameters and equal fitted statistics (a record's own equals compares arrays by identity). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Pieces p && minAgreement == p.minAgreement && minPixels == p.minPixels
                    && mergeDistance == p.mergeDistance && splitUnit == p.splitUnit && pairFloor == p.pairFloor
                    && maxPairSpread == p.maxPairSpread && hullWeight == p.hullWeight
                    && rarityScore == p.rarityScore
                    && java.util.Arrays.equals(whole, p.whole)
                    && java.util.Arrays.equals(pairMedian, p.pairMedian)
                    && java.util.Arrays.equals(pairSpread, p.pairSpread);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(minAgreement, minPixels, mergeDistance, splitUnit, pairFloor, maxPairSpread,
                    hullWeight, rarityScore, java.util.Arrays.hashCode(whole), java.util.Arrays.hashCode(pairMedian),
                    java.util.Arrays.hashCode(pairSpread));
        }

        @Override
        public String toString() {
            return "Pieces[minAgreement=" + minAgreement + ", minPixels=" + minPixels + ", mergeDistance="
                    + mergeDistance + ", splitUnit=" + splitUnit + ", pairFloor=" + pairFloor + ", maxPairSpread="
                    + maxPairSpread + ", hullWeight=" + hullWeight + ", rarityScore=" + rarityScore + ", whole="
                    + java.util.Arrays.toString(whole) + ", pairMedian="
                    + java.util.Arrays.toString(pairMedian) + ", pairSpread=" + java.util.Arrays.toString(pairSpread)
                    + "]";
        }

        /** The same parameters with the statistics fitted on a bank. */
        public Pieces fitted(int[] w, double[] median, double[] spread) {
            return new Pieces(minAgreement, minPixels, mergeDistance, splitUnit, pairFloor, maxPairSpread,
                    hullWeight, rarityScore, w, median, spread);
        }
    }

    /**
     * How the calibrated measures become one image score (see {@code docs/method.md}, "Fusion"). With
     * {@link Method#TAIL_PROBABILITY} two statistics of the image are each ranked among normal images' out-of-sample
     * values: the largest calibrated z, and the sum over measures of each one's surprisal {@code -log10 P(normal >=
     * z)} (Fisher's combination: an empirical distribution with an exponential tail fitted to the largest
     * {@code tailShare} of the values); their weighted sum (the Fisher part weighted {@code sumWeight}), ranked once
     * more among normal images, is the score. {@link Method#MAX_Z}: the largest z, as before (for ablations).
     *
     * @param method         how measures are fused
     * @param parts          which statistics enter a tail-probability score (ablations)
     * @param sumWeight      weight of the Fisher part's surprisal against the largest z's, > 0
     * @param tailShare      share of the largest normal values each exponential tail is fitted to
     * @param tailPoints     fewest normal values each tail is fitted to
     * @param tailScaleFloor smallest tail scale (beta) of a measure, in z units
     * @param foldOutTails   the threshold's normal scores use scales fitted without their own fold (as a new image's
     *                       are fitted without it); false: scales fitted on all normal scores, in-sample
     * @param missingCellZ   a reference object most of whose cells lie above this z in the reverse patch map is a
     *                       candidate missing object, painted on the map (0: above the threshold, as before)
     * @param mapScale       the scale the anomaly map's layers are painted on before their maximum is taken: each
     *                       layer's z read through its own measure's tail among normal images (SURPRISAL), so that
     *                       the map peaks where the rarest evidence is, or z itself (Z, the default)
     * @param mapGaussian    how the objects' Mahalanobis cells enter the anomaly map: each cell's calibrated z
     *                       (CELL, as before), or as the GAUSSIAN measure enters the structural score (OBJECT: times
     *                       {@code gaussianWeight}, and no cell above its object's robust maximum)
     * @param mapObjects     what each query object is painted with on the map: its logical score, the largest of
     *                       its OBJECT, IDENTITY and ATTRIBUTE z (SCORE), or IDENTITY and ATTRIBUTE only where they
     *                       are above the map threshold (FINDINGS, as before)
     * @param corroboratedMissing a candidate missing object that the matching finds missing and whose cells the
     *                       reverse patch map finds lacking is judged by the joint rarity of the two, {@code
     *                       G_M^-1(s_MISSING(z_match) + s_PATCH(z_patch))} (two independent tail probabilities
     *                       multiplied), not by the larger of the two z alone (false: as before)
     * @param mapKindsAsOne  a kind of parts (objects of one colour, each at most {@code peers.placeMaxArea} of the
     *                       image) of which the query holds more than the median reference, and the references at
     *                       most this many, is one finding on the map: every part of it is painted with the largest
     *                       map value over all of them (which of three balls is the extra one no image can say);
     *                       0: off, as before
     * @param mapNotchGrown  a PEER_SHAPE finding (a notch: a piece broken off) above the map threshold is painted over
     *                       its object's mask grown by one cell, where the missing piece lies (false: over the mask
     *                       itself, as before)
     * @param corroboratedScore a missing object found twice (matching and reverse map) competes for the fused score's
     *                       maximum part by its joint surprisal, in banks whose place consistency is at least this
     *                       (DigitAnatomy); 0: never, as before
     * @param mapKindsMaxRelation the kinds rule ({@code mapKindsAsOne}) is silent in banks whose parts are pieces of
     *                       one fixed composition: LAYOUT judges a place there and the composition relation
     *                       ({@code CompositionRelation}) is at least this (a label demands its fill; a colour's
     *                       parts are the juice cut differently by the segmentation, not interchangeable items);
     *                       0: every bank paints, as before
     * @param emptyPlace    a missing object found twice is judged also by how empty the query is where the reference
     *                       object lies (its fine features there against the query's own background, {@code
     *                       MissingCandidates#emptiness}), ranked among the normal images' candidates: a third
     *                       surprisal in the joint rarity, where {@code corroboratedScore} speaks (false: as before)
     * @param mirrorScore   an object whose mirror image holds its place's examples better than itself (a part turned
     *                       over) competes for the fused score's maximum part by how rarely normal images hold mirror
     *                       evidence that large ({@code MirrorRarity}), in banks whose place consistency is at least
     *                       this (DigitAnatomy); 0: never, as before
     * @param mirrorIdentity where {@code mirrorScore} speaks, the object's IDENTITY surprisal joins its mirror rarity
     *                       (the product of the two tail probabilities); false: the mirror rarity alone
     * @param mirrorShare   where {@code mirrorScore} speaks, only parts whose mirror share exceeds this compete (the
     *                       share's tail is still fitted on every normal image's largest share)
     */
    public record Fusion(Method method, Parts parts, double sumWeight, double tailShare, int tailPoints,
            double tailScaleFloor, boolean foldOutTails, double missingCellZ, MapScale mapScale,
            MapGaussian mapGaussian, MapObjects mapObjects, boolean corroboratedMissing, int mapKindsAsOne,
            boolean mapNotchGrown, double corroboratedScore, double mapKindsMaxRelation,
            boolean emptyPlace, double corroboratedSwapScore, double swapScoreGain,
            boolean swapExchange, double mirrorScore, boolean mirrorIdentity, double mirrorShare) {
        /** How measures are fused. */
        public enum Method {
            /** The largest calibrated z (location median, scale median-to-q90 spread). */
            MAX_Z,
            /** Tail probabilities among normal images: of the largest z and of every measure (Fisher). */
            TAIL_PROBABILITY
        }

        /** Which statistics enter a tail-probability score. */
        public enum Parts {
            /** The largest z and the Fisher sum of per-measure tail probabilities. */
            BOTH,
            /** The largest z only. */
            MAXIMUM,
            /** The Fisher sum only. */
            SUM,
            /** The smallest per-measure tail probability only. */
            MIN_P
        }

        /** The scale the anomaly map's layers are compared on. */
        public enum MapScale {
            /** Calibrated z of every layer (patch distances, Mahalanobis cells, object and missing scores). */
            Z,
            /**
             * Each layer's z as its measure's surprisal among normal images ({@code s_m}, the per-measure scales of
             * the fusion): a heavy-tailed layer must reach further to peak. Z where the bank has no fusion scales.
             */
            SURPRISAL
        }

        /** How the Mahalanobis cells of matched objects enter the anomaly map. */
        public enum MapGaussian {
            /** Each cell's calibrated z, unweighted. */
            CELL,
            /**
             * {@code gaussianWeight * min(z_cell, z_object)}, {@code z_object} the object's calibrated robust maximum
             * (the GAUSSIAN measure of that object): as the measure enters the structural score.
             */
            OBJECT
        }

        /** What the query's objects are painted with on the anomaly map. */
        public enum MapObjects {
            /** OBJECT z; IDENTITY and ATTRIBUTE z only where they are findings (above the map threshold). */
            FINDINGS,
            /** The object's logical score: the largest of its OBJECT, IDENTITY and ATTRIBUTE z. */
            SCORE,
            /**
             * FINDINGS, and the image's object with the largest IDENTITY z painted with its logical score whether or
             * not it is a finding: the one object the map should point at when nothing crosses the threshold.
             */
            TOP,
            /**
             * FINDINGS over each object's mask, and its logical score (as SCORE) on its deepest cells only
             * ({@code ObjectCore}): the map's maximum points at the object least like its place's normal examples
             * while the object's other cells, and good parts' objects, stay as FINDINGS paints them.
             */
            CORE
        }

        public Fusion {
            require(method != null && parts != null, "fusion method and parts must be set");
            require(mapScale != null && mapGaussian != null && mapObjects != null,
                    "fusion mapScale, mapGaussian and mapObjects must be set");
            require(sumWeight > 0 && sumWeight <= 100, "fusion sumWeight must be in (0, 100]");
            require(tailShare > 0 && tailShare < 1, "fusion tailShare must be in (0, 1)");
            require(tailPoints >= 1 && tailPoints <= 10_000, "fusion tailPoints must be in [1, 10000]");
            require(tailScaleFloor > 0 && Double.isFinite(tailScaleFloor), "fusion tailScaleFloor must be > 0");
            require(missingCellZ >= 0 && Double.isFinite(missingCellZ), "fusion missingCellZ must be >= 0");
            require(mapKindsAsOne >= 0 && mapKindsAsOne <= 64, "fusion mapKindsAsOne must be in [0, 64]");
            require(corroboratedScore >= 0 && corroboratedScore <= 1, "fusion corroboratedScore must be in [0, 1]");
            require(corroboratedSwapScore >= 0 && corroboratedSwapScore <= 1,
                    "fusion corroboratedSwapScore must be in [0, 1]");
            require(swapScoreGain >= 0 && swapScoreGain <= 1, "fusion swapScoreGain must be in [0, 1]");
            require(mirrorScore >= 0 && mirrorScore <= 1, "fusion mirrorScore must be in [0, 1]");
            require(mirrorShare >= 0 && mirrorShare <= 1, "fusion mirrorShare must be in [0, 1]");
            require(mapKindsMaxRelation >= 0 && mapKindsMaxRelation <= 1,
                    "fusion mapKindsMaxRelation must be in [0, 1]");
        }

        public static final Fusion DEFAULTS = new Fusion(Method.TAIL_PROBABILITY, Parts.BOTH, 0.5, 0.2, 10, 0.25,
                true, 1.0, MapScale.Z, MapGaussian.OBJECT, MapObjects.CORE, true, 4, true, 0.8, 0.65, true, 0.8, 0.1,
                true, 0.8, true, 0.2);

        public Fusion withMethod(Method v) {
            return new Fusion(v, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails, missingCellZ,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withParts(Parts v) {
            return new Fusion(method, v, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withSumWeight(double v) {
            return new Fusion(method, parts, v, tailShare, tailPoints, tailScaleFloor, foldOutTails, missingCellZ,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withTailShare(double v) {
            return new Fusion(method, parts, sumWeight, v, tailPoints, tailScaleFloor, foldOutTails, missingCellZ,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withTailPoints(int v) {
            return new Fusion(method, parts, sumWeight, tailShare, v, tailScaleFloor, foldOutTails, missingCellZ,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withTailScaleFloor(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, v, foldOutTails, missingCellZ,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withFoldOutTails(boolean v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, v, missingCellZ,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMissingCellZ(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails, v,
                    mapScale, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMapScale(MapScale v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, v, mapGaussian, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMapGaussian(MapGaussian v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, v, mapObjects, corroboratedMissing,
                    mapKindsAsOne, mapNotchGrown, corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMapObjects(MapObjects v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, v, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMapKindsAsOne(int v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, v, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMapNotchGrown(boolean v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, v,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMapKindsMaxRelation(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, v, emptyPlace, corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withCorroboratedScore(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    v, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withEmptyPlace(boolean v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, v, corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withCorroboratedMissing(boolean v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, v, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace,
                    corroboratedSwapScore, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withCorroboratedSwapScore(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace, v, swapScoreGain, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withSwapScoreGain(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace, corroboratedSwapScore, v, swapExchange,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withSwapExchange(boolean v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace, corroboratedSwapScore, swapScoreGain, v,
                    mirrorScore, mirrorIdentity, mirrorShare);
        }

        public Fusion withMirrorScore(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace, corroboratedSwapScore, swapScoreGain,
                    swapExchange, v, mirrorIdentity, mirrorShare);
        }

        public Fusion withMirrorIdentity(boolean v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace, corroboratedSwapScore, swapScoreGain,
                    swapExchange, mirrorScore, v, mirrorShare);
        }

        public Fusion withMirrorShare(double v) {
            return new Fusion(method, parts, sumWeight, tailShare, tailPoints, tailScaleFloor, foldOutTails,
                    missingCellZ, mapScale, mapGaussian, mapObjects, corroboratedMissing, mapKindsAsOne, mapNotchGrown,
                    corroboratedScore, mapKindsMaxRelation, emptyPlace, corroboratedSwapScore, swapScoreGain,
                    swapExchange, mirrorScore, mirrorIdentity, v);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.workingShortSide = workingShortSide;
        b.featureStride = featureStride;
        b.objectStride = objectStride;
        b.references = references;
        b.retrievalCandidates = retrievalCandidates;
        b.segmentation = segmentation;
        b.upsampling = upsampling;
        b.encoding = encoding;
        b.matching = matching;
        b.measuring = measuring;
        b.thresholding = thresholding;
        b.identity = identity;
        b.projection = projection;
        b.stability = stability;
        b.fusion = fusion;
        b.composition = composition;
        b.peers = peers;
        b.colours = colours;
        b.seed = seed;
        b.layout = layout;
        return b;
    }

    public static SamladConfig defaults() {
        return builder().build();
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private DetectorKind kind = DetectorKind.SAMLAD;
        private int workingShortSide = 256;
        private int featureStride = 8;
        private int objectStride = 4;
        private int references = 4;
        private int retrievalCandidates = 0;
        private Segmentation segmentation = Segmentation.DEFAULTS;
        private Upsampling upsampling = Upsampling.DEFAULTS;
        private Encoding encoding = Encoding.DEFAULTS;
        private Matching matching = Matching.DEFAULTS;
        private Measuring measuring = Measuring.DEFAULTS;
        private Thresholding thresholding = Thresholding.DEFAULTS;
        private Identity identity = Identity.DEFAULTS;
        private Projection projection = Projection.DEFAULTS;
        private Stability stability = Stability.DEFAULTS;
        private Fusion fusion = Fusion.DEFAULTS;
        private Composition composition = Composition.DEFAULTS;
        private Peers peers = Peers.DEFAULTS;
        private Colours colours = Colours.DEFAULTS;
        private long seed = 42;
        private InnerLayout layout = InnerLayout.DEFAULTS;

        public Builder layout(InnerLayout v) {
            layout = v;
            return this;
        }

        public Builder peers(Peers v) {
            peers = v;
            return this;
        }

        public Builder composition(Composition v) {
            composition = v;
            return this;
        }

        public Builder colours(Colours v) {
            colours = v;
            return this;
        }

        public Builder fusion(Fusion v) {
            fusion = v;
            return this;
        }

        public Builder thresholding(Thresholding v) {
            thresholding = v;
            return this;
        }

        public Builder stability(Stability v) {
            stability = v;
            return this;
        }

        public Builder identity(Identity v) {
            identity = v;
            return this;
        }

        public Builder projection(Projection v) {
            projection = v;
            return this;
        }

        public Builder kind(DetectorKind v) {
            kind = v;
            return this;
        }

        public Builder workingShortSide(int v) {
            workingShortSide = v;
            return this;
        }

        public Builder featureStride(int v) {
            featureStride = v;
            return this;
        }

        public Builder objectStride(int v) {
            objectStride = v;
            return this;
        }

        public Builder references(int v) {
            references = v;
            return this;
        }

        public Builder retrievalCandidates(int v) {
            retrievalCandidates = v;
            return this;
        }

        public Builder segmentation(Segmentation v) {
            segmentation = v;
            return this;
        }

        public Builder upsampling(Upsampling v) {
            upsampling = v;
            return this;
        }

        public Builder encoding(Encoding v) {
            encoding = v;
            return this;
        }

        public Builder matching(Matching v) {
            matching = v;
            return this;
        }

        public Builder measuring(Measuring v) {
            measuring = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public SamladConfig build() {
            return new SamladConfig(kind, workingShortSide, featureStride, objectStride, references,
                    retrievalCandidates,
                    segmentation,
                    upsampling, encoding, matching, measuring, thresholding, identity, projection, stability,
                    fusion, composition, peers, colours, seed, layout);
        }
    }
}
