package io.samlad.eval;

import io.samlad.config.Stage;
import io.samlad.data.Sample;
import io.samlad.detector.DetectedObject;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What the evaluation keeps of one predicted test image: its scores and objects, where its full-size anomaly map was
 * written, and the map and ground truth on the metric grid (every {@code stride}-th pixel; stride 1 = all pixels).
 *
 * @param sample          the test image
 * @param score           image score (the detector's decision value)
 * @param logicalScore    logical evidence
 * @param structuralScore structural evidence
 * @param mapMax          maximum of the anomaly map (the official scripts' image score)
 * @param objects         detected objects with verdicts
 * @param timingsMs       milliseconds per stage
 * @param anomalyMapFile  the float32 TIFF in the official layout
 * @param metricMap       anomaly map on the metric grid, row-major
 * @param metricWidth     width of the metric grid
 * @param masks           each ground-truth mask on the metric grid (kept apart: one sPRO region each)
 * @param saturationAreas per mask, its sPRO saturation area on the metric grid; null where the layout has no
 *                        defects_config.json
 */
public record TestImageResult(Sample sample, double score, double logicalScore, double structuralScore, double mapMax,
        List<DetectedObject> objects, Map<Stage, Double> timingsMs, Path anomalyMapFile, float[] metricMap,
        int metricWidth, List<BitSet> masks, double[] saturationAreas) {

    public TestImageResult {
        objects = List.copyOf(objects);
        timingsMs = Map.copyOf(timingsMs);
        masks = List.copyOf(masks);
    }

    /** The union of the masks. */
    public BitSet defectPixels() {
        BitSet all = new BitSet(metricMap.length);
        masks.forEach(all::or);
        return all;
    }
}
