package io.samlad.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.config.Stage;
import io.samlad.data.Category;
import io.samlad.data.Dataset;
import io.samlad.data.DefectConfig;
import io.samlad.data.DefectMask;
import io.samlad.data.GroundTruthReader;
import io.samlad.data.Sample;
import io.samlad.detector.AnomalyDetector;
import io.samlad.detector.Prediction;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.output.PredictionWriter;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluates a detector on a dataset, category by category: reads every ground-truth mask up front, fits, predicts
 * the test split, writes the anomaly maps in the layout the official MVTec scripts read
 * ({@code anomaly_maps/<category>/test/<defect_type>/<id>.tiff}), computes the metrics and writes
 * {@code <category>/metrics.json}, {@code predictions.csv}, {@code predictions.jsonl}, {@code report.html} and
 * {@code report.md}, then a summary over categories.
 */
public final class Evaluator {
    private final DetectorFactory factory;
    private final EvaluationOptions options;
    private final ProgressListener progress;

    public Evaluator(DetectorFactory factory, EvaluationOptions options, ProgressListener progress) {
        this.factory = factory;
        this.options = options;
        this.progress = progress;
    }

    /** Evaluates every category and writes the summary ({@code metrics.json}, {@code report.*} in the output root). */
    public List<CategoryOutcome> evaluate(Dataset dataset) throws IOException {
        List<CategoryOutcome> out = new ArrayList<>();
        for (Category c : dataset.categories()) {
            out.add(evaluateCategory(dataset, c));
        }
        SummaryReport.write(options.out(), dataset, out);
        return out;
    }

    public CategoryOutcome evaluateCategory(Dataset dataset, Category category) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Sample> test = category.test();
        Optional<Map<String, String>> kinds = AnomalyKinds.read(category.root());
        List<List<DefectMask>> truth = new ArrayList<>();
        for (Sample s : test) {
            List<DefectMask> masks = GroundTruthReader.read(s, category.defects(), options.limits());
            truth.add(masks);
        }
        // All images of a category share one size in the MVTec layouts; the first one sizes the pixel budget.
        RgbImage first = ImageLoader.read(test.get(0).image(), options.limits());
        long totalPixels = (long) first.width() * first.height() * test.size();
        MetricGrid grid = MetricGrid.forBudget(totalPixels, options.maxMetricPixels());

        Path dir = options.out().resolve(category.name());
        long tFit = System.nanoTime();
        TestImageResult[] results = new TestImageResult[test.size()];
        String[] failures = new String[test.size()];
        double threshold;
        String detectorName;
        ObjectNode detectorInfo;
        try (AnomalyDetector detector = factory.fit(category, progress)) {
            double fitSeconds = (System.nanoTime() - tFit) / 1e9;
            threshold = detector.threshold();
            detectorName = detector.name();
            detectorInfo = MetricsJson.detectorInfo(detector, fitSeconds);
            if (options.models() != null) {
                detectorInfo.set("models", options.models());
            }
            List<String> bankNames = detector.referenceNames();
            // predictions.csv / predictions.jsonl (and overlays on request) exactly as `samlad predict` writes them,
            // with the anomaly maps at the official layout's paths, written on the writer's background queue
            PredictionWriter.Options writing = PredictionWriter.Options.defaults().withOverlays(options.overlays());
            try (PredictionWriter writer = new PredictionWriter(dir, writing, bankNames)) {
                predictAll(detector, category, test, truth, grid, results, failures, writer);
                writer.commit();
            }
        }
        int failed = 0;
        String firstFailure = null;
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                failed++;
                firstFailure = firstFailure != null ? firstFailure : failures[i];
            }
        }
        if (failed > 0) {
            // Metrics over part of the test split would look complete and not be: none are written.
            throw new InvalidInputException(dir.resolve(PredictionWriter.CSV), failed + " of " + test.size()
                    + " test images of " + category.name() + " could not be scored (first: " + firstFailure
                    + "); their rows carry the error; no metrics written");
        }
        long tMetrics = System.nanoTime();
        List<TestImageResult> images = List.of(results);
        CategoryMetrics metrics = MetricsCalculator.compute(dataset.format(), images);
        double metricSeconds = (System.nanoTime() - tMetrics) / 1e9;

        ObjectNode json = MetricsJson.build(category, dataset, metrics, images, threshold, kinds, detectorInfo,
                grid.stride(), started, (tMetrics - tFit) / 1e9, metricSeconds, (System.nanoTime() - t0) / 1e9);
        MetricsJson.write(dir.resolve("metrics.json"), json);
        CategoryOutcome outcome = new CategoryOutcome(category, dir, metrics, json, images, threshold);
        CategoryReport.write(outcome, options.galleryImages(), detectorName);
        progress.update("evaluate " + category.name(), test.size(), test.size());
        return outcome;
    }

    private void predictAll(AnomalyDetector detector, Category category, List<Sample> test,
            List<List<DefectMask>> truth, MetricGrid grid, TestImageResult[] results, String[] failures,
            PredictionWriter writer) throws IOException {
        int n = test.size();
        if (options.threads() == 1) {
            for (int i = 0; i < n; i++) {
                results[i] = predictOrRecord(detector, category, i, test.get(i), truth.get(i), grid, failures, writer);
                progress.update("predict " + category.name(), i + 1, n);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<TestImageResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> predictOrRecord(detector, category, index, test.get(index),
                        truth.get(index), grid, failures, writer)));
            }
            for (int i = 0; i < n; i++) {
                results[i] = futures.get(i).get();
                progress.update("predict " + category.name(), i + 1, n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while predicting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Predicts one test image; one that cannot be read or is refused gets an error row and a null result. */
    private TestImageResult predictOrRecord(AnomalyDetector detector, Category category, int index, Sample sample,
            List<DefectMask> truth, MetricGrid grid, String[] failures, PredictionWriter writer) throws IOException {
        try {
            return predictOne(detector, category, index, sample, truth, grid, writer);
        } catch (InvalidInputException e) {
            failures[index] = e.getMessage();
            writer.fail(index, relativePath(category, sample), e.getMessage());
            return null;
        }
    }

    TestImageResult predictOne(AnomalyDetector detector, Category category, int index, Sample sample,
            List<DefectMask> truth, MetricGrid grid, PredictionWriter writer) throws IOException {
        long t0 = System.nanoTime();
        RgbImage image = ImageLoader.read(sample.image(), options.limits());
        double decodeMs = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < truth.size(); i++) {
            DefectMask m = truth.get(i);
            if (m.width() != image.width() || m.height() != image.height()) {
                throw new InvalidInputException(sample.masks().get(i), "mask is " + m.width() + "x" + m.height()
                        + " but its image is " + image.width() + "x" + image.height());
            }
        }
        Prediction p = detector.predict(image);
        FloatMap map = p.anomalyMap();
        int w = image.width();
        int h = image.height();
        if (map.width() != w || map.height() != h) {
            throw new IllegalStateException("detector " + detector.name() + " returned a " + map.width() + "x"
                    + map.height() + " anomaly map for the " + w + "x" + h + " image " + sample.image());
        }
        for (float v : map.data()) {
            if (Float.isNaN(v)) {
                throw new IllegalStateException("detector " + detector.name() + " returned NaN in the anomaly map of "
                        + sample.image());
            }
        }
        Path tiff = options.out().resolve("anomaly_maps").resolve(category.name()).resolve("test")
                .resolve(sample.defectType()).resolve(sample.id() + ".tiff");
        long tw = System.nanoTime();
        writer.write(index, relativePath(category, sample), image, p, detector.threshold(), tiff);
        double writeMs = (System.nanoTime() - tw) / 1e6;

        Map<Stage, Double> timings = new EnumMap<>(Stage.class);
        timings.putAll(p.timings().asMillis());
        timings.merge(Stage.DECODE, decodeMs, Double::sum);
        timings.merge(Stage.WRITING, writeMs, Double::sum);

        List<BitSet> masks = new ArrayList<>();
        double[] saturation = category.defects().isPresent() ? new double[truth.size()] : null;
        for (int i = 0; i < truth.size(); i++) {
            DefectMask m = truth.get(i);
            BitSet onGrid = grid.sample(m.pixels(), w, h);
            masks.add(onGrid);
            if (saturation != null) {
                saturation[i] = saturationOnGrid(m.defect().orElseThrow(), onGrid.cardinality(), grid.stride());
            }
        }
        return new TestImageResult(sample, p.score(), p.logicalScore(), p.structuralScore(), map.max(), p.objects(),
                timings, tiff, grid.sample(map.data(), w, h), grid.width(w), masks, saturation);
    }

    /** The image's path relative to its category folder, with '/' separators (the predictions tables' key). */
    static String relativePath(Category category, Sample sample) {
        Path p = sample.image().toAbsolutePath().normalize();
        Path root = category.root().toAbsolutePath().normalize();
        Path rel = p.startsWith(root) ? root.relativize(p) : p.getFileName();
        return rel.toString().replace('\\', '/');
    }

    /**
     * The saturation area of a region on the metric grid: exact on the full grid; on a sampled grid an absolute
     * threshold shrinks with the pixel area a grid cell stands for.
     */
    static double saturationOnGrid(DefectConfig config, int gridArea, int stride) {
        if (stride == 1 || config.relativeSaturation()) {
            return config.saturationArea(gridArea);
        }
        return Math.max(1.0, Math.min(config.saturationThreshold() / ((double) stride * stride), gridArea));
    }
}
