package io.samlad.detector;

import io.samlad.config.StageTimings;
import io.samlad.image.FloatMap;
import java.util.List;

/**
 * The result for one image.
 *
 * @param score           image anomaly score: the larger of the logical and structural scores; scores are
 *                        calibrated on normal images so that 0 is their median and 1 one robust spread above it
 * @param logicalScore    evidence of missing, extra or mismatched objects and of a wrong global composition
 * @param structuralScore evidence of local defects (Mahalanobis and nearest-reference patch distances)
 * @param anomalyMap      per-pixel anomaly scores at the original image size (same scale as {@code score}):
 *                        interpolated up to the working resolution, constant over each working pixel above it
 *                        ({@link io.samlad.image.MapEnlargement})
 * @param objects         the query's objects and the missing reference objects, with verdicts
 * @param references      indices (in the template bank) of the retrieved reference images, nearest first
 * @param timings         time spent per stage
 */
public record Prediction(double score, double logicalScore, double structuralScore, FloatMap anomalyMap,
        List<DetectedObject> objects, List<Integer> references, StageTimings timings) {

    public Prediction {
        objects = List.copyOf(objects);
        references = List.copyOf(references);
    }

    public boolean isAnomalous(double threshold) {
        return score > threshold;
    }
}
