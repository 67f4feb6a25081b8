package io.samlad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.data.Dataset;
import io.samlad.data.DatasetFormat;
import io.samlad.data.DatasetLoader;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.eval.CategoryOutcome;
import io.samlad.eval.DetectorFactory;
import io.samlad.eval.EvaluationOptions;
import io.samlad.eval.Evaluator;
import java.io.PrintWriter;
import io.samlad.image.ImageLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code samlad evaluate}: fits on each category's normal training images, calibrates on its validation images,
 * scores the test split and writes the official-layout anomaly maps, predictions, metrics.json and the reports.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a detector on MVTec LOCO AD, MVTec AD or a plain folder dataset with the official",
            "metrics (image AUROC, AU-sPRO, pixel AUROC, AU-PRO, F1-max) and write a report per category."},
        footer = {"", "Writes into --out: <category>/{metrics.json, predictions.csv, predictions.jsonl, report.html,",
            "report.md}, anomaly_maps/<category>/test/<defect_type>/<id>.tiff (float32, the layout the official",
            "MVTec scripts read), and metrics.json / report.* over all categories. Definitions: docs/evaluation.md."})
public class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "ROOT",
            description = "dataset root (a folder of categories) or one category folder")
    Path dataset;

    @Option(names = "--category", split = ",", paramLabel = "NAME",
            description = "categories to evaluate (repeatable or comma-separated; default: all)")
    List<String> categories = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "mvtec_loco, mvtec_ad or folder (default: detected from the layout)")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "test images predicted at once (default 1; fitting uses every core)")
    int threads;

    @Option(names = "--gallery", defaultValue = "4", paramLabel = "N",
            description = "best and worst images shown in each report (default 4)")
    int gallery;

    @Option(names = "--overlays", description = "also write one overlay PNG per test image")
    boolean overlays;

    @Option(names = "--max-metric-pixels", defaultValue = "40000000", paramLabel = "N",
            description = "test pixels per category swept exactly; above, a regular pixel grid is used and the"
                    + " report says so (default 40000000)")
    long maxMetricPixels;

    @Mixin
    MethodOptions method;

    @Mixin
    ModelOptions models;

    @Mixin
    InputLimitOptions inputLimits;

    @Override
    public Integer call() throws Exception {
        SamladConfig config = Cli.config(method);
        models.validate();
        ImageLimits limits = inputLimits.limits();
        Cli.atLeast(spec, threads, 1, "--threads");
        Cli.atLeast(spec, gallery, 0, "--gallery");
        Cli.atLeast(spec, maxMetricPixels, 1000, "--max-metric-pixels");
        Optional<DatasetFormat> f;
        try {
            f = format == null ? Optional.empty() : Optional.of(DatasetFormat.parse(format));
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
        // the whole layout (and, in the evaluator, every mask) is checked before any fitting starts
        Dataset data = DatasetLoader.load(dataset, f, categories, config.seed());
        for (io.samlad.data.Category c : data.categories()) {
            // every image's header within the limit before any category is fitted
            Cli.requireWithin(c.trainImages(), limits);
            Cli.requireWithin(c.validationImages(), limits);
            Cli.requireWithin(c.test().stream().map(io.samlad.data.Sample::image).toList(), limits);
        }
        EvaluationOptions options = new EvaluationOptions(out, gallery, maxMetricPixels, threads, overlays, limits);
        long t0 = System.nanoTime();
        List<CategoryOutcome> results;
        try (Pipeline pipeline = models.createPipeline(config)) {
            DetectorFactory factory = (c, progress) -> {
                FittedDetector d = Samlad.fit(pipeline, config, c.trainImages(), c.validationImages(), limits,
                        progress);
                for (String finding : d.fitFindings()) {
                    // the dataset's own training data: worth a look, though evaluate goes on
                    Cli.warn(spec.commandLine().getErr(), finding);
                }
                return d;
            };
            results = new Evaluator(factory, options, TerminalProgress.forTerminal()).evaluate(data);
        }
        stdout().print(summary(results));
        stdout().printf(Locale.ROOT, "%d categories in %.1f s; report: %s%n", results.size(),
                (System.nanoTime() - t0) / 1e9, out.resolve("report.html"));
        return 0;
    }

    /** One line per category with the headline figures. */
    static String summary(List<CategoryOutcome> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %12s %9s %8s%n", "category", "auroc_log", "auroc_str",
                "auroc", "au_spro@0.05", "pix_auroc", "ms/img"));
        for (CategoryOutcome o : results) {
            JsonNode j = o.json();
            b.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %12s %9s %8.0f%n", o.category().name(),
                    num(j.path("image_auroc").path("logical")), num(j.path("image_auroc").path("structural")),
                    num(j.path("image_auroc").path("mean")), num(j.path("au_spro").path("0.05")),
                    num(j.path("pixel_auroc")), j.path("timing_ms_per_image").path("total").asDouble()));
        }
        return b.toString();
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "-";
    }

    /** Standard output as picocli gives it (tests pass their own writer). */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
