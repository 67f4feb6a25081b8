package io.samlad.output;

import io.samlad.config.Stage;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code predictions.jsonl}: the CSV columns plus the objects, references and stage timings.
 *
 * @param path            the image's path relative to its input root (or as given)
 * @param score           image score
 * @param logicalScore    logical part
 * @param structuralScore structural part
 * @param label           {@code anomalous} or {@code normal}
 * @param threshold       the threshold the label used
 * @param objects         objects with verdicts
 * @param references      bank indices of the retrieved references
 * @param referenceNames  their file names
 * @param timingsMs       milliseconds per stage
 */
public record PredictionRecord(String path, double score, double logicalScore, double structuralScore, String label,
        double threshold, List<ObjectRecord> objects, List<Integer> references, List<String> referenceNames,
        Map<String, Double> timingsMs) {

    /** An object as written to JSON. */
    public record ObjectRecord(int id, String verdict, double score, double centroidX, double centroidY,
            int[] bbox, double areaFraction, int matchedReference, int matchedObject) {
    }

    public static String label(Prediction p, double threshold) {
        return p.isAnomalous(threshold) ? "anomalous" : "normal";
    }

    public static PredictionRecord of(String path, Prediction p, double threshold, List<String> bankNames) {
        List<ObjectRecord> objs = p.objects().stream()
                .map(o -> new ObjectRecord(o.id(), o.verdict().label(), o.score(), o.centroidX(), o.centroidY(),
                        new int[] {o.minX(), o.minY(), o.maxX(), o.maxY()}, o.areaFraction(), o.matchedReference(),
                        o.matchedObject()))
                .toList();
        List<String> names = p.references().stream()
                .map(i -> i >= 0 && i < bankNames.size() ? bankNames.get(i) : "").toList();
        Map<String, Double> t = new LinkedHashMap<>();
        for (Map.Entry<Stage, Double> e : p.timings().asMillis().entrySet()) {
            t.put(e.getKey().label(), e.getValue());
        }
        return new PredictionRecord(path, p.score(), p.logicalScore(), p.structuralScore(), label(p, threshold),
                threshold, objs, p.references(), names, t);
    }

    /** How many objects have the verdict. */
    public static long count(Prediction p, Verdict v) {
        return p.objects().stream().map(DetectedObject::verdict).filter(v::equals).count();
    }
}
