package io.samlad.onnx;

/**
 * Settings of Segment Anything's automatic mask generation, with its defaults.
 *
 * @param pointsPerSide          prompts on a regular grid of this many points per side of each crop
 * @param pointsPerBatch         prompts decoded per batch (bounds memory: each prompt returns full-size masks)
 * @param predIouThresh          keep masks whose predicted IoU is above this (0 disables)
 * @param stabilityScoreThresh   keep masks whose stability score is at least this (0 disables)
 * @param stabilityScoreOffset   logit offset of the stability score
 * @param maskThreshold          logit above which a pixel is in the mask
 * @param boxNmsThresh           box IoU above which the weaker of two masks of one crop is dropped
 * @param cropLayers             extra layers of overlapping crops (0: the whole image only)
 * @param cropNmsThresh          box IoU for removing duplicates between crops
 * @param cropOverlapRatio       overlap of neighbouring crops as a share of the image's shorter side
 * @param cropPointsDownscale    points per side are divided by this for each deeper crop layer
 * @param minMaskRegionArea      holes and islands smaller than this many pixels are removed (0 disables)
 */
public record AmgSettings(int pointsPerSide, int pointsPerBatch, double predIouThresh, double stabilityScoreThresh,
        double stabilityScoreOffset, double maskThreshold, double boxNmsThresh, int cropLayers, double cropNmsThresh,
        double cropOverlapRatio, int cropPointsDownscale, int minMaskRegionArea) {

    public AmgSettings {
        check(pointsPerSide >= 1 && pointsPerSide <= 256, "points per side must be in [1, 256]");
        check(pointsPerBatch >= 1 && pointsPerBatch <= 4096, "points per batch must be in [1, 4096]");
        check(predIouThresh >= 0 && predIouThresh <= 1, "pred IoU threshold must be in [0, 1]");
        check(stabilityScoreThresh >= 0 && stabilityScoreThresh <= 1, "stability score threshold must be in [0, 1]");
        check(stabilityScoreOffset >= 0, "stability score offset must be >= 0");
        check(boxNmsThresh > 0 && boxNmsThresh <= 1, "box NMS threshold must be in (0, 1]");
        check(cropLayers >= 0 && cropLayers <= 4, "crop layers must be in [0, 4]");
        check(cropNmsThresh > 0 && cropNmsThresh <= 1, "crop NMS threshold must be in (0, 1]");
        check(cropOverlapRatio >= 0 && cropOverlapRatio < 1, "crop overlap ratio must be in [0, 1)");
        check(cropPointsDownscale >= 1, "crop points downscale must be >= 1");
        check(minMaskRegionArea >= 0, "min mask region area must be >= 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Segment Anything's defaults. */
    // The defaults of SAM's automatic mask generator; compile-time constants so that help texts can quote them.
    public static final int DEFAULT_POINTS_PER_SIDE = 32;
    public static final int DEFAULT_POINTS_PER_BATCH = 64;
    public static final double DEFAULT_PRED_IOU_THRESH = 0.88;
    public static final double DEFAULT_STABILITY_SCORE_THRESH = 0.95;
    public static final double DEFAULT_BOX_NMS_THRESH = 0.7;
    public static final int DEFAULT_CROP_LAYERS = 0;
    public static final int DEFAULT_MIN_MASK_REGION_AREA = 0;

    public static AmgSettings defaults() {
        return new AmgSettings(DEFAULT_POINTS_PER_SIDE, DEFAULT_POINTS_PER_BATCH, DEFAULT_PRED_IOU_THRESH,
                DEFAULT_STABILITY_SCORE_THRESH, 1.0, 0.0, DEFAULT_BOX_NMS_THRESH, DEFAULT_CROP_LAYERS, 0.7,
                512.0 / 1500.0, 1, DEFAULT_MIN_MASK_REGION_AREA);
    }

    /** The settings as a compact, stable text for a stage identity. */
    public String describe() {
        return "pps=" + pointsPerSide + ",iou>" + predIouThresh + ",stab>=" + stabilityScoreThresh + ",offset="
                + stabilityScoreOffset + ",thr=" + maskThreshold + ",nms=" + boxNmsThresh + ",crops=" + cropLayers
                + ",cropNms=" + cropNmsThresh + ",overlap=" + cropOverlapRatio + ",downscale=" + cropPointsDownscale
                + ",minArea=" + minMaskRegionArea;
    }
}
