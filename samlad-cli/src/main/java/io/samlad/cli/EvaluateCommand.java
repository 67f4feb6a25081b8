package io.samlad.cli;

import io.samlad.InvalidInputException;
import io.samlad.Samlad;
import io.samlad.data.Dataset;
import io.samlad.data.DatasetFormat;
import io.samlad.data.DatasetLoader;
import io.samlad.detector.DetectorKind;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladConfig;
import io.samlad.eval.CategoryOutcome;
import io.samlad.eval.DetectorFactory;
import io.samlad.eval.EvaluationOptions;
import io.samlad.eval.Evaluator;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code samlad evaluate}: fits on each category's normal training images, calibrates on its validation images,
 * scores the test split and writes the official-layout anomaly maps, metrics.json and the reports.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure a detector on MVTec LOCO AD, MVTec AD or a plain folder dataset with the official",
            "metrics (image AUROC, AU-sPRO, pixel AUROC, AU-PRO, F1-max) and write a report per category."},
        footer = {"", "Writes into --out: <category>/metrics.json, <category>/report.html, <category>/report.md,",
            "anomaly_maps/<category>/test/<defect_type>/<id>.tiff (float32, the layout the official MVTec scripts",
            "read), and metrics.json / report.* over all categories. Exit status: 0 done, 2 bad input, 1 failure."})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "ROOT",
            description = "Dataset root (a folder of categories) or one category folder.")
    Path dataset;

    @Option(names = "--category", split = ",", paramLabel = "NAME",
            description = "Categories to evaluate (repeatable or comma-separated; default: all).")
    List<String> categories = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "mvtec_loco, mvtec_ad or folder (default: detected from the layout).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--detector", defaultValue = "samlad", paramLabel = "KIND",
            description = "samlad or patch-knn (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--k", paramLabel = "N", description = "Reference images compared per query (default: the"
            + " method's).")
    Integer references;

    @Option(names = "--working-size", paramLabel = "PX", description = "Shorter image side the method works at"
            + " (default: the method's).")
    Integer workingSize;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Test images predicted at once (default: ${DEFAULT-VALUE}; fitting uses every core).")
    int threads;

    @Option(names = "--gallery", defaultValue = "4", paramLabel = "N",
            description = "Best and worst images shown in each report (default: ${DEFAULT-VALUE}).")
    int gallery;

    @Option(names = "--max-metric-pixels", defaultValue = "40000000", paramLabel = "N",
            description = "Test pixels per category swept exactly; above, a regular pixel grid is used and the"
                    + " report says so (default: ${DEFAULT-VALUE}).")
    long maxMetricPixels;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public EvaluateCommand() {
        this(System.out, System.err);
    }

    EvaluateCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        try {
            SamladConfig config = config();
            Optional<DatasetFormat> f = format == null ? Optional.empty() : Optional.of(DatasetFormat.parse(format));
            Dataset data = DatasetLoader.load(dataset, f, categories, seed);
            EvaluationOptions options = new EvaluationOptions(out, gallery, maxMetricPixels, threads);
            long t0 = System.nanoTime();
            List<CategoryOutcome> results;
            try (Pipeline pipeline = Samlad.embeddedPipeline(config)) {
                DetectorFactory factory = (c, progress) -> Samlad.fit(pipeline, config, c.trainImages(),
                        c.validationImages(), progress);
                results = new Evaluator(factory, options, new ThrottledProgress(stderr)).evaluate(data);
            }
            stdout.print(summary(results));
            stdout.printf(Locale.ROOT, "%d categories in %.1f s; reports: %s%n", results.size(),
                    (System.nanoTime() - t0) / 1e9, out.resolve("report.html"));
            return 0;
        } catch (InvalidInputException e) {
            stderr.println("samlad evaluate: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            stderr.println("samlad evaluate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            stderr.println("samlad evaluate: cannot write results: " + e.getMessage());
            return 1;
        }
    }

    SamladConfig config() {
        SamladConfig.Builder b = SamladConfig.builder().kind(DetectorKind.parse(detector)).seed(seed);
        if (references != null) {
            b.references(references);
        }
        if (workingSize != null) {
            b.workingShortSide(workingSize);
        }
        return b.build();
    }

    /** One line per category with the headline figures. */
    static String summary(List<CategoryOutcome> results) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %12s %9s %8s%n", "category", "auroc_log", "auroc_str",
                "auroc", "au_spro@0.05", "pix_auroc", "ms/img"));
        for (CategoryOutcome o : results) {
            var j = o.json();
            b.append(String.format(Locale.ROOT, "%-22s %9s %9s %9s %12s %9s %8s%n", o.category().name(),
                    num(j.path("image_auroc").path("logical")), num(j.path("image_auroc").path("structural")),
                    num(j.path("image_auroc").path("mean")), num(j.path("au_spro").path("0.05")),
                    num(j.path("pixel_auroc")), String.format(Locale.ROOT, "%.0f",
                            j.path("timing_ms_per_image").path("total").asDouble())));
        }
        return b.toString();
    }

    private static String num(com.fasterxml.jackson.databind.JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "-";
    }

    /** Progress on stderr, at most one line every two seconds per task, and always the last. */
    static final class ThrottledProgress implements ProgressListener {
        private final PrintStream err;
        private long last;

        ThrottledProgress(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void update(String task, int done, int total) {
            long now = System.nanoTime();
            if (done == total || now - last > 2_000_000_000L) {
                err.printf(Locale.ROOT, "%s: %d/%d%n", task, done, total);
                last = now;
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }
}
