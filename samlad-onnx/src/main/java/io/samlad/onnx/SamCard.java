package io.samlad.onnx;

import java.util.List;

/**
 * Model card of a Segment Anything encoder/decoder pair (JSON beside the encoder or given with {@code --sam-card}).
 * Every field is optional; absent fields take Segment Anything's values.
 *
 * @param encoderInput         encoder input name (default: its only input)
 * @param encoderOutput        encoder output name (default: its only output, or {@code image_embeddings})
 * @param imageSize            side of the square encoder input when the model leaves it free (1024)
 * @param pixelRange           1 or 255: the scale the mean and std refer to (255)
 * @param pixelMean            per-channel mean (123.675, 116.28, 103.53)
 * @param pixelStd             per-channel std (58.395, 57.12, 57.375)
 * @param pointsPerSide        see {@link AmgSettings}
 * @param pointsPerBatch       see {@link AmgSettings}
 * @param predIouThresh        see {@link AmgSettings}
 * @param stabilityScoreThresh see {@link AmgSettings}
 * @param stabilityScoreOffset see {@link AmgSettings}
 * @param maskThreshold        see {@link AmgSettings}
 * @param boxNmsThresh         see {@link AmgSettings}
 * @param cropLayers           see {@link AmgSettings}
 * @param cropNmsThresh        see {@link AmgSettings}
 * @param cropOverlapRatio     see {@link AmgSettings}
 * @param cropPointsDownscale  see {@link AmgSettings}
 * @param minMaskRegionArea    see {@link AmgSettings}
 * @param maskResolution       {@code grid} or {@code image}, see {@link AmgSettings}
 */
public record SamCard(String encoderInput, String encoderOutput, Integer imageSize, Double pixelRange,
        List<Double> pixelMean, List<Double> pixelStd, Integer pointsPerSide, Integer pointsPerBatch,
        Double predIouThresh, Double stabilityScoreThresh, Double stabilityScoreOffset, Double maskThreshold,
        Double boxNmsThresh, Integer cropLayers, Double cropNmsThresh, Double cropOverlapRatio,
        Integer cropPointsDownscale, Integer minMaskRegionArea, String maskResolution) implements java.io.Serializable {

    public static SamCard empty() {
        return new SamCard(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** This card with the non-null fields of {@code o} taking precedence (command-line flags over a file). */
    public SamCard overriddenBy(SamCard o) {
        return new SamCard(or(o.encoderInput, encoderInput), or(o.encoderOutput, encoderOutput),
                or(o.imageSize, imageSize), or(o.pixelRange, pixelRange), or(o.pixelMean, pixelMean),
                or(o.pixelStd, pixelStd), or(o.pointsPerSide, pointsPerSide), or(o.pointsPerBatch, pointsPerBatch),
                or(o.predIouThresh, predIouThresh), or(o.stabilityScoreThresh, stabilityScoreThresh),
                or(o.stabilityScoreOffset, stabilityScoreOffset), or(o.maskThreshold, maskThreshold),
                or(o.boxNmsThresh, boxNmsThresh), or(o.cropLayers, cropLayers), or(o.cropNmsThresh, cropNmsThresh),
                or(o.cropOverlapRatio, cropOverlapRatio), or(o.cropPointsDownscale, cropPointsDownscale),
                or(o.minMaskRegionArea, minMaskRegionArea), or(o.maskResolution, maskResolution));
    }

    public Normalization normalization() {
        Normalization d = Normalization.SAM;
        return new Normalization(pixelRange == null ? d.range() : pixelRange,
                pixelMean == null ? d.mean() : toArray(pixelMean), pixelStd == null ? d.std() : toArray(pixelStd));
    }

    public AmgSettings amg() {
        AmgSettings d = AmgSettings.defaults();
        return new AmgSettings(or(pointsPerSide, d.pointsPerSide()), or(pointsPerBatch, d.pointsPerBatch()),
                or(predIouThresh, d.predIouThresh()), or(stabilityScoreThresh, d.stabilityScoreThresh()),
                or(stabilityScoreOffset, d.stabilityScoreOffset()), or(maskThreshold, d.maskThreshold()),
                or(boxNmsThresh, d.boxNmsThresh()), or(cropLayers, d.cropLayers()), or(cropNmsThresh, d.cropNmsThresh()),
                or(cropOverlapRatio, d.cropOverlapRatio()), or(cropPointsDownscale, d.cropPointsDownscale()),
                or(minMaskRegionArea, d.minMaskRegionArea()),
                maskResolution == null ? d.maskResolution() : AmgSettings.MaskResolution.parse(maskResolution));
    }

    static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static <T> T or(T v, T d) {
        return v == null ? d : v;
    }

    // withX: this card with one field replaced (null: absent, the model or AmgSettings.defaults() decides).

    public SamCard withEncoderInput(String v) {
        return new SamCard(v, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide, pointsPerBatch,
                predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withEncoderOutput(String v) {
        return new SamCard(encoderInput, v, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide, pointsPerBatch,
                predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withImageSize(Integer v) {
        return new SamCard(encoderInput, encoderOutput, v, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withPixelRange(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, v, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withPixelMean(List<Double> v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, v, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withPixelStd(List<Double> v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, v, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withPointsPerSide(Integer v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, v, pointsPerBatch,
                predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withPointsPerBatch(Integer v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide, v,
                predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withPredIouThresh(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, v, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withStabilityScoreThresh(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, v, stabilityScoreOffset, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withStabilityScoreOffset(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, v, maskThreshold, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withMaskThreshold(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, v, boxNmsThresh, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withBoxNmsThresh(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, v, cropLayers,
                cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withCropLayers(Integer v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                v, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withCropNmsThresh(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, v, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withCropOverlapRatio(Double v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, v, cropPointsDownscale, minMaskRegionArea, maskResolution);
    }

    public SamCard withCropPointsDownscale(Integer v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, v, minMaskRegionArea, maskResolution);
    }

    public SamCard withMinMaskRegionArea(Integer v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, v, maskResolution);
    }

    public SamCard withMaskResolution(String v) {
        return new SamCard(encoderInput, encoderOutput, imageSize, pixelRange, pixelMean, pixelStd, pointsPerSide,
                pointsPerBatch, predIouThresh, stabilityScoreThresh, stabilityScoreOffset, maskThreshold, boxNmsThresh,
                cropLayers, cropNmsThresh, cropOverlapRatio, cropPointsDownscale, minMaskRegionArea, v);
    }
}
