package io.samlad.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.data.Category;
import io.samlad.data.Dataset;
import io.samlad.data.Sample;
import io.samlad.detector.AnomalyDetector;
import io.samlad.detector.FittedDetector;
import io.samlad.eval.metrics.WilsonInterval;
import io.samlad.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds and writes {@code metrics.json} in the shape issue 4 fixes; keys are absent where a split is absent. */
public final class MetricsJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    static ObjectNode detectorInfo(AnomalyDetector detector, double fitSeconds) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("name", detector.name());
        d.put("threshold", detector.threshold());
        d.put("fit_seconds", fitSeconds);
        if (detector instanceof io.samlad.detector.SamladDetector s) {
            // the stages' identity: embedded or ONNX, and every model's SHA-256
            d.put("pipeline", s.bank().pipelineId());
        }
        if (detector instanceof FittedDetector f) {
            d.put("bank_size", f.bankSize());
            // Segmentation stability: how many of the normal images hold the most common number of objects.
            f.objectCounts().ifPresent(c -> d.putObject("object_count_agreement").put("mode", c.mode())
                    .put("agreement", c.agreement()).put("min", c.min()).put("max", c.max()));
            d.set("config", MAPPER.valueToTree(f.config()));
            // what the config's projection width did with this backbone
            d.put("projection", f.featureProjection().orElse("none"));
        }
        if (detector instanceof io.samlad.detector.SamladDetector sd && sd.bank().calibration().promise() != null) {
            io.samlad.calibration.ThresholdPromise promise = sd.bank().calibration().promise();
            d.put("threshold_promise", promise.describe());
            if (Double.isFinite(promise.falsePositiveBound())) {
                d.put("promised_fpr_bound", promise.falsePositiveBound());
            }
            // The out-of-sample normal scores the threshold was set on, in the bank's order (cross-fitted
            // statistics images first, then further training images): compare their distribution with the good
            // test images' scores to see whether the promise is conservative or breaks, and by how much.
            com.fasterxml.jackson.databind.node.ArrayNode normals = d.putArray("threshold_normal_scores");
            for (double v : sd.bank().calibration().normalScores()) {
                normals.add(v);
            }
        }
        return d;
    }

    static ObjectNode build(Category category, Dataset dataset, CategoryMetrics m, List<TestImageResult> images,
            double threshold, Optional<Map<String, String>> kinds, ObjectNode detectorInfo, int stride, Instant started,
            double predictSeconds,
            double metricSeconds, double totalSeconds) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("category", category.name());
        o.put("format", dataset.format().label());
        putMap(o, "image_auroc", m.imageAuroc());
        putIntervals(o, "image_auroc_ci95", DecisionMetrics.aurocIntervals(images,
                r -> MetricsCalculator.splitOf(dataset.format(), r.sample())));
        putMap(o, "image_auroc_map_max", m.imageAurocMapMax());
        m.auSpro().forEach((key, byLimit) -> putMap(o, key, byLimit));
        m.pixelAuroc().ifPresent(v -> o.put("pixel_auroc", v));
        m.auPro().ifPresent(v -> o.put("au_pro_0.3", v));
        m.f1Max().ifPresent(f -> o.put("image_f1_max", f.f1()));

        java.util.function.Function<TestImageResult, String> split =
                r -> MetricsCalculator.splitOf(dataset.format(), r.sample());
        DecisionMetrics.AtThreshold decision = DecisionMetrics.atThreshold(images, threshold, split);
        ObjectNode at = o.putObject("at_threshold");
        at.put("threshold", threshold);
        at.put("tp", decision.tp()).put("fp", decision.fp()).put("tn", decision.tn()).put("fn", decision.fn());
        putFinite(at, "fpr_good", decision.falsePositiveRate());
        putFinite(at, "recall", decision.recall());
        // what the counts allow the rates to be (Wilson, 95 %): forty good images flagging none still allow 0.088
        if (decision.fp() + decision.tn() > 0) {
            putInterval(at, "fpr_good_ci95",
                    WilsonInterval.of((int) decision.fp(), (int) (decision.fp() + decision.tn())));
        }
        if (decision.tp() + decision.fn() > 0) {
            putInterval(at, "recall_ci95",
                    WilsonInterval.of((int) decision.tp(), (int) (decision.tp() + decision.fn())));
        }
        decision.recallBySplit().forEach((s, v) -> at.put("recall_" + s, v));
        kinds.ifPresent(k -> {
            java.util.function.Function<TestImageResult, String> kindOf =
                    r -> k.get(Evaluator.relativePath(category, r.sample()));
            putMap(o, "image_auroc_by_kind", DecisionMetrics.aurocByKind(images, kindOf));
            putIntervals(o, "image_auroc_by_kind_ci95", DecisionMetrics.aurocIntervals(images, kindOf));
        });
        putMap(o, "map_peak_in_mask", DecisionMetrics.peakInMaskRate(images, split));

        ObjectNode counts = o.putObject("counts");
        counts.put("train", category.train().size());
        counts.put("validation", category.validation().size());
        Map<String, Integer> byType = new LinkedHashMap<>();
        int regions = 0;
        for (Sample s : category.test()) {
            byType.merge(s.defectType(), 1, Integer::sum);
            regions += s.masks().size();
        }
        byType.forEach((type, n) -> counts.put("test_" + type, n));
        counts.put("ground_truth_masks", regions);

        putMap(o, "timing_ms_per_image", StageMedians.of(images.stream().map(TestImageResult::timingsMs).toList()));

        ObjectNode p = o.putObject("provenance");
        p.put("samlad_version", io.samlad.util.Version.VERSION);
        p.set("detector", detectorInfo);
        p.put("dataset_root", dataset.root().toAbsolutePath().normalize().toString());
        p.put("category_root", category.root().toAbsolutePath().normalize().toString());
        p.put("started", started.toString());
        p.put("fit_and_predict_seconds", predictSeconds);
        p.put("metric_seconds", metricSeconds);
        p.put("total_seconds", totalSeconds);
        p.put("java", System.getProperty("java.version"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        p.put("metric_grid_stride", stride);
        p.put("threshold_sweep", stride == 1 ? "exact: every distinct anomaly score, every pixel"
                : "exact over the pixels of a regular grid of stride " + stride + " (pixel budget exceeded)");
        p.put("swept_thresholds", m.sweptThresholds());
        p.put("spro_fpr_pixels", "every pixel outside all ground-truth regions of the images in the subset"
                + " (good images plus one anomaly split), as in the official MVTec LOCO script");
        p.put("intervals", "95 %: image AUROC by the Hanley-McNeil variance inverted at each candidate value"
                + " (open at 1, docs/evaluation.md); at_threshold rates by Wilson's score interval");
        p.put("image_auroc_ties", "count one half (Mann-Whitney); equals the official script when scores are untied");
        return o;
    }

    private static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        }
    }

    private static void putInterval(ObjectNode o, String key, double[] interval) {
        o.putArray(key).add(interval[0]).add(interval[1]);
    }

    private static void putIntervals(ObjectNode o, String key, Map<String, double[]> intervals) {
        if (intervals.isEmpty()) {
            return;
        }
        ObjectNode n = o.putObject(key);
        intervals.forEach((k, v) -> putInterval(n, k, v));
    }

    private static void putMap(ObjectNode o, String key, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode n = o.putObject(key);
        values.forEach(n::put);
    }

    public static void write(Path file, ObjectNode json) throws IOException {
        AtomicFiles.writeString(file, MAPPER.writeValueAsString(json) + "\n");
    }
}
