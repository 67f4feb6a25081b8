package io.samlad.eval;

import io.samlad.data.DatasetFormat;
import io.samlad.data.Sample;
import io.samlad.eval.metrics.Auroc;
import io.samlad.eval.metrics.Curve;
import io.samlad.eval.metrics.F1Max;
import io.samlad.eval.metrics.Pro;
import io.samlad.eval.metrics.Roc;
import io.samlad.eval.metrics.Spro;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Computes a category's metrics from its predicted test images, following the official MVTec LOCO and MVTec AD
 * evaluation protocols (see {@code docs/evaluation.md}). Pure: reads only its arguments.
 */
public final class MetricsCalculator {
    /** The FPR limits of the official MVTec LOCO script. */
    public static final double[] SPRO_LIMITS = {0.01, 0.05, 0.1, 0.3, 1.0};
    public static final double PRO_LIMIT = 0.3;
    /** Curve thinning for plots; the areas are integrated over every point. */
    static final double PLOT_TOLERANCE = 1e-3;

    private MetricsCalculator() {
    }

    /** The split an image counts in: {@code good}, {@code logical}, {@code structural}, or {@code all}. */
    public static String splitOf(DatasetFormat format, Sample sample) {
        if (sample.isGood()) {
            return Sample.GOOD;
        }
        if (format == DatasetFormat.MVTEC_LOCO) {
            return sample.defectType().startsWith("logical") ? "logical" : "structural";
        }
        return "all";
    }

    public static String limitKey(double limit) {
        return String.format(Locale.ROOT, "%s", limit == 1.0 ? "1.0" : Double.toString(limit));
    }

    public static CategoryMetrics compute(DatasetFormat format, List<TestImageResult> images) {
        Map<String, List<TestImageResult>> bySplit = new LinkedHashMap<>();
        for (String s : List.of(Sample.GOOD, "logical", "structural", "all")) {
            bySplit.put(s, new ArrayList<>());
        }
        for (TestImageResult r : images) {
            bySplit.get(splitOf(format, r.sample())).add(r);
        }
        List<TestImageResult> good = bySplit.get(Sample.GOOD);
        List<String> anomalySplits = new ArrayList<>();
        for (String s : List.of("logical", "structural", "all")) {
            if (!bySplit.get(s).isEmpty()) {
                anomalySplits.add(s);
            }
        }

        Map<String, Double> auroc = new LinkedHashMap<>();
        Map<String, Double> aurocMapMax = new LinkedHashMap<>();
        Map<String, Curve> roc = new LinkedHashMap<>();
        if (!good.isEmpty()) {
            double[] goodScores = good.stream().mapToDouble(TestImageResult::score).toArray();
            double[] goodMax = good.stream().mapToDouble(TestImageResult::mapMax).toArray();
            for (String s : anomalySplits) {
                double[] scores = bySplit.get(s).stream().mapToDouble(TestImageResult::score).toArray();
                double[] maxes = bySplit.get(s).stream().mapToDouble(TestImageResult::mapMax).toArray();
                auroc.put(s, Auroc.of(goodScores, scores));
                aurocMapMax.put(s, Auroc.of(goodMax, maxes));
                roc.put(s, Roc.curve(goodScores, scores));
            }
            putMean(auroc);
            putMean(aurocMapMax);
        }

        Map<String, Map<String, Double>> auSpro = new LinkedHashMap<>();
        Map<String, Curve> sproCurves = new LinkedHashMap<>();
        long swept = 0;
        if (format == DatasetFormat.MVTEC_LOCO) {
            List<Map<String, Double>> perSplit = new ArrayList<>();
            for (String s : anomalySplits) {
                List<TestImageResult> subset = new ArrayList<>(good); // good images join every subset
                subset.addAll(bySplit.get(s));
                Optional<Spro.Result> r = spro(subset);
                if (r.isPresent()) {
                    Map<String, Double> byLimit = byLimit(r.get());
                    auSpro.put("au_spro_" + s, byLimit);
                    perSplit.add(byLimit);
                    sproCurves.put(s, r.get().curve());
                    swept += r.get().thresholds();
                }
            }
            if (!perSplit.isEmpty()) {
                // the official "mean": the average of the logical and structural AU-sPRO, limit by limit
                Map<String, Double> mean = new LinkedHashMap<>();
                for (String limit : perSplit.get(0).keySet()) {
                    mean.put(limit, perSplit.stream().mapToDouble(m -> m.get(limit)).average().orElseThrow());
                }
                auSpro.put("au_spro", mean);
                Map<String, Map<String, Double>> ordered = new LinkedHashMap<>();
                ordered.put("au_spro", mean);
                auSpro.forEach(ordered::putIfAbsent);
                auSpro = ordered;
            }
        }

        OptionalDouble pixelAuroc = pixelAuroc(images);
        OptionalDouble auPro = OptionalDouble.empty();
        List<Pro.Image> proImages = images.stream()
                .map(r -> new Pro.Image(r.metricMap(), r.metricWidth(), r.defectPixels())).toList();
        if (pixelAuroc.isPresent()) {
            auPro = OptionalDouble.of(Pro.evaluate(proImages, new double[] {PRO_LIMIT}, PLOT_TOLERANCE).areas()[0]);
        }

        Optional<F1Max.Result> f1 = Optional.empty();
        if (!anomalySplits.isEmpty()) {
            double[] neg = good.stream().mapToDouble(TestImageResult::score).toArray();
            double[] pos = images.stream().filter(r -> !r.sample().isGood()).mapToDouble(TestImageResult::score)
                    .toArray();
            f1 = Optional.of(F1Max.of(neg, pos));
        }
        return new CategoryMetrics(auroc, aurocMapMax, auSpro, pixelAuroc, auPro, f1, roc, sproCurves, swept);
    }

    private static void putMean(Map<String, Double> bySplit) {
        if (!bySplit.isEmpty()) {
            bySplit.put("mean", bySplit.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
    }

    private static Map<String, Double> byLimit(Spro.Result r) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < SPRO_LIMITS.length; i++) {
            out.put(limitKey(SPRO_LIMITS[i]), r.areas()[i]);
        }
        return out;
    }

    /** sPRO over good images plus one split; empty where there is no region or no defect-free pixel. */
    static Optional<Spro.Result> spro(List<TestImageResult> subset) {
        int okCount = 0;
        List<float[]> regions = new ArrayList<>();
        List<Double> saturation = new ArrayList<>();
        for (TestImageResult r : subset) {
            okCount += r.metricMap().length - r.defectPixels().cardinality();
        }
        float[] ok = new float[okCount];
        int k = 0;
        for (TestImageResult r : subset) {
            BitSet defect = r.defectPixels();
            float[] m = r.metricMap();
            for (int p = 0; p < m.length; p++) {
                if (!defect.get(p)) {
                    ok[k++] = m[p];
                }
            }
            if (r.saturationAreas() == null) {
                continue;
            }
            for (int i = 0; i < r.masks().size(); i++) {
                BitSet mask = r.masks().get(i);
                if (mask.isEmpty()) {
                    continue; // a region too small for a sampled metric grid carries no pixel
                }
                float[] scores = new float[mask.cardinality()];
                int q = 0;
                for (int p = mask.nextSetBit(0); p >= 0; p = mask.nextSetBit(p + 1)) {
                    scores[q++] = m[p];
                }
                regions.add(scores);
                saturation.add(r.saturationAreas()[i]);
            }
        }
        if (regions.isEmpty() || ok.length == 0) {
            return Optional.empty();
        }
        return Optional.of(Spro.evaluate(ok, regions.toArray(new float[0][]),
                saturation.stream().mapToDouble(Double::doubleValue).toArray(), SPRO_LIMITS, PLOT_TOLERANCE));
    }

    static OptionalDouble pixelAuroc(List<TestImageResult> images) {
        long pos = 0;
        long total = 0;
        for (TestImageResult r : images) {
            pos += r.defectPixels().cardinality();
            total += r.metricMap().length;
        }
        if (pos == 0 || pos == total) {
            return OptionalDouble.empty();
        }
        float[] p = new float[Math.toIntExact(pos)];
        float[] n = new float[Math.toIntExact(total - pos)];
        int i = 0;
        int j = 0;
        for (TestImageResult r : images) {
            BitSet d = r.defectPixels();
            float[] m = r.metricMap();
            for (int q = 0; q < m.length; q++) {
                if (d.get(q)) {
                    p[i++] = m[q];
                } else {
                    n[j++] = m[q];
                }
            }
        }
        return OptionalDouble.of(Auroc.of(n, p));
    }
}
