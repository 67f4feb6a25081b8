package io.samlad.eval;

import io.samlad.eval.metrics.Auroc;
import io.samlad.eval.metrics.AurocInterval;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The figures a production line acts on, beside the threshold-free AUROC: the confusion counts at the calibrated
 * threshold, image AUROC per anomaly kind, and how often the anomaly map's peak lies on the defect. Pure.
 */
public final class DecisionMetrics {
    private DecisionMetrics() {
    }

    /**
     * Confusion counts at a threshold (an image is flagged when {@code score > threshold}, as
     * {@code Prediction.isAnomalous}), with the false-positive rate on good images and the recall, overall and per
     * anomaly split.
     */
    public record AtThreshold(double threshold, long tp, long fp, long tn, long fn, Map<String, Double> recallBySplit) {
        /** Share of good test images flagged; NaN without good images. */
        public double falsePositiveRate() {
            return fp + tn == 0 ? Double.NaN : fp / (double) (fp + tn);
        }

        /** Share of anomalous test images flagged; NaN without anomalies. */
        public double recall() {
            return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
        }
    }

    public static AtThreshold atThreshold(List<TestImageResult> images, double threshold,
            Function<TestImageResult, String> split) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        Map<String, long[]> bySplit = new LinkedHashMap<>();
        for (TestImageResult r : images) {
            boolean flagged = r.score() > threshold;
            if (r.sample().isGood()) {
                fp += flagged ? 1 : 0;
                tn += flagged ? 0 : 1;
            } else {
                tp += flagged ? 1 : 0;
                fn += flagged ? 0 : 1;
                long[] c = bySplit.computeIfAbsent(split.apply(r), s -> new long[2]);
                c[0] += flagged ? 1 : 0;
                c[1]++;
            }
        }
        Map<String, Double> recall = new LinkedHashMap<>();
        bySplit.forEach((s, c) -> recall.put(s, c[0] / (double) c[1]));
        return new AtThreshold(threshold, tp, fp, tn, fn, recall);
    }

    /**
     * The 95 % interval ({@link AurocInterval}) of the image AUROC of good images against each group of anomalous
     * images (a split, or a kind), in the groups' sorted order.
     *
     * @param groupOf the image's group, or null where unknown (left out); good images are those the sample marks good
     */
    public static Map<String, double[]> aurocIntervals(List<TestImageResult> images,
            Function<TestImageResult, String> groupOf) {
        return perGroup(images, groupOf, AurocInterval::of);
    }

    /**
     * Image AUROC of good images against each anomaly kind alone.
     *
     * @param kindOf the image's kind, or null where unknown (left out); good images are those the sample marks good
     */
    public static Map<String, Double> aurocByKind(List<TestImageResult> images,
            Function<TestImageResult, String> kindOf) {
        return perGroup(images, kindOf, Auroc::of);
    }

    /**
     * {@code measure(good scores, group scores)} for each group of anomalous images, in the groups' sorted order;
     * empty without good images.
     */
    private static <T> Map<String, T> perGroup(List<TestImageResult> images,
            Function<TestImageResult, String> groupOf, BiFunction<double[], double[], T> measure) {
        List<Double> good = new ArrayList<>();
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        for (TestImageResult r : images) {
            if (r.sample().isGood()) {
                good.add(r.score());
                continue;
            }
            String group = groupOf.apply(r);
            if (group != null) {
                byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(r.score());
            }
        }
        Map<String, T> out = new LinkedHashMap<>();
        if (good.isEmpty()) {
            return out;
        }
        double[] g = good.stream().mapToDouble(Double::doubleValue).toArray();
        byGroup.keySet().stream().sorted().forEach(k -> out.put(k,
                measure.apply(g, byGroup.get(k).stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /**
     * Whether the anomaly map's maximum lies inside the ground truth: the highest value over the defect pixels is
     * the highest of the whole map (ties count as a hit: a flat plateau that reaches onto the defect points at it).
     */
    public static boolean peakInMask(TestImageResult r) {
        BitSet defect = r.defectPixels();
        float[] m = r.metricMap();
        float inside = Float.NEGATIVE_INFINITY;
        float all = Float.NEGATIVE_INFINITY;
        for (int p = 0; p < m.length; p++) {
            all = Math.max(all, m[p]);
            if (defect.get(p)) {
                inside = Math.max(inside, m[p]);
            }
        }
        return !defect.isEmpty() && inside >= all;
    }

    /**
     * Share of anomalous images with ground truth whose map peaks inside it, per split and {@code all}; empty when no
     * anomalous image has a mask.
     */
    public static Map<String, Double> peakInMaskRate(List<TestImageResult> images,
            Function<TestImageResult, String> split) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        long[] all = new long[2];
        for (TestImageResult r : images) {
            if (r.sample().isGood() || r.defectPixels().isEmpty()) {
                continue;
            }
            boolean hit = peakInMask(r);
            long[] c = counts.computeIfAbsent(split.apply(r), s -> new long[2]);
            c[0] += hit ? 1 : 0;
            c[1]++;
            all[0] += hit ? 1 : 0;
            all[1]++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (all[1] == 0) {
            return out;
        }
        out.put("all", all[0] / (double) all[1]);
        counts.forEach((s, c) -> out.put(s, c[0] / (double) c[1]));
        return out;
    }
}
