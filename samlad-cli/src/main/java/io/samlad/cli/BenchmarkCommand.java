package io.samlad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.Samlad;
import io.samlad.cli.benchmark.HeapSampler;
import io.samlad.cli.benchmark.SingleStream;
import io.samlad.cli.benchmark.TimedPrediction;
import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.data.Category;
import io.samlad.data.Dataset;
import io.samlad.data.DatasetLoader;
import io.samlad.data.Sample;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.output.PredictionWriter;
import io.samlad.stats.Quantiles;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code samlad benchmark}: how fast samlad is on one category. Fits on the category's normal training images (and
 * calibrates on its validation images when present), warms up, then runs every test image one at a time (decode,
 * predict, write the anomaly map and overlay into a temporary folder), and again with every core busy. Reports the
 * fit time, the median and 90th percentile per stage and per image, throughput single-stream and parallel, the peak
 * heap and the size of the saved bank.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Time fitting and prediction on one category of a dataset (MVTec LOCO / MVTec AD layout):",
            "per-stage median and p90 milliseconds per image, images per second single-stream and with every",
            "core busy, peak heap and bank size."},
        footer = {"", "Timings are wall-clock on this machine and include whatever else it is running: note the load",
            "(uptime) with every figure you quote. See docs/performance.md."})
public class BenchmarkCommand implements Callable<Integer> {
    /** Stages reported, in pipeline order; decode and writing are timed here, the rest by the detector. */
    static final List<Stage> STAGES = List.of(Stage.DECODE, Stage.FEATURES, Stage.UPSAMPLING, Stage.MASKS,
            Stage.RETRIEVAL, Stage.ENCODING, Stage.MATCHING, Stage.MEASURING, Stage.WRITING);

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "ROOT",
            description = "dataset root (a folder of categories) or one category folder")
    Path dataset;

    @Option(names = "--category", required = true, paramLabel = "NAME", description = "category to benchmark")
    String category;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
            description = "predictions run (cycling over the test images) before timing starts (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--max-images", paramLabel = "N",
            description = "time at most this many test images (default: all of them)")
    Integer maxImages;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads of the parallel run (default: number of cores; fitting always uses every core)")
    Integer threads;

    @Option(names = "--no-write", description = "do not write anomaly maps and overlays (the writing stage is then 0)")
    boolean noWrite;

    @Option(names = "--writer-nice", paramLabel = "N", defaultValue = "19",
            description = "Linux nice value of the thread that writes maps and overlays, 0 (the predicting threads'"
                    + " priority) to 19 (default, as in `samlad predict`)")
    int writerNice;

    @Mixin
    MethodOptions method;

    @Mixin
    ModelOptions models;

    /** Everything measured. */
    record Result(String category, int trainImages, int testImages, int threads, double fitSeconds,
            double predictMedianMs, double predictP90Ms, double predictCpuMedianMs, double allocatedMbMedian,
            Map<Stage, Double> stageMedianMs, Map<Stage, Double> stageP90Ms,
            double totalMedianMs, double totalP90Ms, double imagesPerSecondSingle, double imagesPerSecondParallel,
            double peakHeapMb, double peakLiveHeapMb, double bankMb, Map<Stage, Double> stageCpuMedianMs,
            double writerCpuMsPerImage) {
    }

    @Override
    public Integer call() throws IOException {
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0");
        }
        if (maxImages != null && maxImages < 1) {
            throw new IllegalArgumentException("--max-images must be >= 1");
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1");
        }
        if (writerNice < 0 || writerNice > 19) {
            throw new IllegalArgumentException("--writer-nice must be in 0..19, got " + writerNice);
        }
        SamladConfig config = Cli.config(method);
        Dataset data = DatasetLoader.load(dataset, Optional.empty(), List.of(category), config.seed());
        Category c = data.categories().get(0);
        List<Path> test = c.test().stream().map(Sample::image).toList();
        if (maxImages != null && test.size() > maxImages) {
            test = test.subList(0, maxImages);
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException("category " + c.name() + " has no test images to time");
        }
        int n = threads != null ? threads : ParallelMap.defaultThreads();
        Result r;
        ObjectNode provenance;
        try (Pipeline pipeline = models.createPipeline(config)) {
            provenance = models.provenance(pipeline);
            r = measure(pipeline, config, c, test, n, provenance);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(r, provenance) + "\n" : toText(r) + "pipeline: " + provenance.get("pipeline").asText()
                + "\n" + modelLines(provenance));
        out.flush();
        return 0;
    }

    /** Times the work; adds to {@code provenance} how the fitted bank projects features (or "none"). */
    private Result measure(Pipeline pipeline, SamladConfig config, Category c, List<Path> test, int n,
            ObjectNode provenance) throws IOException {
        Path scratch = Files.createTempDirectory("samlad-benchmark");
        try (HeapSampler heap = HeapSampler.start()) {
            long t0 = System.nanoTime();
            try (FittedDetector detector = Samlad.fit(pipeline, config, c.trainImages(), c.validationImages(),
                    ProgressListener.NONE)) {
                double fitSeconds = (System.nanoTime() - t0) / 1e9;
                provenance.put("projection", detector.featureProjection().orElse("none"));
                Path bank = scratch.resolve("bank.samlad");
                detector.save(bank);
                double bankMb = Files.size(bank) / (1024.0 * 1024.0);
                List<String> names = detector.referenceNames();

                for (int i = 0; i < warmup; i++) {
                    TimedPrediction.run(detector, test.get(i % test.size()), null, 0);
                }
                SingleStream single;
                // timed up to the end of the writer's drain: files still queued at the end count too
                long s0 = System.nanoTime();
                double writerCpuMs = Double.NaN;
                PredictionWriter singleWriter = writerIn(scratch.resolve("single"), names);
                try (PredictionWriter writer = singleWriter) {
                    single = SingleStream.run(detector, test, writer);
                }
                if (singleWriter != null) {
                    writerCpuMs = singleWriter.backgroundCpuNanos() / 1e6 / test.size();
                }
                double singleSeconds = (System.nanoTime() - s0) / 1e9;

                long q0 = System.nanoTime();
                try (PredictionWriter writer = writerIn(scratch.resolve("parallel"), names)) {
                    ParallelMap.map(test, n, (i, path) -> TimedPrediction.run(detector, path, writer, i), ProgressListener.NONE,
                            "benchmark");
                }
                double parallelSeconds = (System.nanoTime() - q0) / 1e9;

                Map<Stage, Double> medians = new EnumMap<>(Stage.class);
                Map<Stage, Double> p90s = new EnumMap<>(Stage.class);
                for (Stage s : STAGES) {
                    double[] v = single.timings().stream().mapToDouble(t -> t.millis(s)).toArray();
                    medians.put(s, Quantiles.of(v, 0.5));
                    p90s.put(s, Quantiles.of(v, 0.9));
                }
                double[] totals = single.timings().stream().mapToDouble(StageTimings::totalMillis).toArray();
                // CPU time of the detector's stages (decode and writing are timed by wall clock only)
                Map<Stage, Double> cpuMedians = new EnumMap<>(Stage.class);
                for (Stage s : STAGES) {
                    if (s != Stage.DECODE && s != Stage.WRITING) {
                        cpuMedians.put(s, Quantiles.of(single.timings().stream().mapToDouble(t -> t.cpuMillis(s))
                                .toArray(), 0.5));
                    }
                }
                return new Result(c.name(), c.train().size(), test.size(), n, fitSeconds,
                        Quantiles.of(single.predictMs(), 0.5), Quantiles.of(single.predictMs(), 0.9),
                        Quantiles.of(single.cpuMs(), 0.5), Quantiles.of(single.allocatedMb(), 0.5), medians, p90s,
                        Quantiles.of(totals, 0.5), Quantiles.of(totals, 0.9), test.size() / singleSeconds,
                        test.size() / parallelSeconds, heap.peakBytes() / (1024.0 * 1024.0),
                        heap.peakLiveBytes() / (1024.0 * 1024.0), bankMb, cpuMedians, writerCpuMs);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private PredictionWriter writerIn(Path dir, List<String> names) {
        return noWrite ? null : new PredictionWriter(dir, PredictionWriter.Options.defaults().withWriterNice(writerNice),
                names);
    }

    /** One line per ONNX model: role, file and SHA-256. */
    static String modelLines(ObjectNode provenance) {
        StringBuilder b = new StringBuilder();
        provenance.path("models").forEach(m -> b.append("model ").append(m.path("role").asText()).append(": ")
                .append(m.path("file").asText()).append(" sha256 ").append(m.path("sha256").asText()).append("\n"));
        return b.toString();
    }

    static String toJson(Result r) {
        return toJson(r, null);
    }

    /** The result as JSON, with the pipeline's provenance ({@link ModelOptions#provenance}) when given. */
    static String toJson(Result r, ObjectNode provenance) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("category", r.category());
        o.put("train_images", r.trainImages());
        o.put("test_images", r.testImages());
        o.put("fit_s", round(r.fitSeconds(), 3));
        o.put("predict_ms_median", round(r.predictMedianMs(), 3));
        o.put("predict_ms_p90", round(r.predictP90Ms(), 3));
        if (!Double.isNaN(r.predictCpuMedianMs())) {
            o.put("image_cpu_ms_median", round(r.predictCpuMedianMs(), 3));
        }
        if (!Double.isNaN(r.allocatedMbMedian())) {
            o.put("image_alloc_mb_median", round(r.allocatedMbMedian(), 2));
        }
        ObjectNode med = o.putObject("stages_ms_median");
        ObjectNode p90 = o.putObject("stages_ms_p90");
        for (Stage s : STAGES) {
            med.put(s.label(), round(r.stageMedianMs().get(s), 3));
            p90.put(s.label(), round(r.stageP90Ms().get(s), 3));
        }
        med.put("total", round(r.totalMedianMs(), 3));
        p90.put("total", round(r.totalP90Ms(), 3));
        ObjectNode cpu = o.putObject("stages_cpu_ms_median");
        r.stageCpuMedianMs().forEach((s, v) -> cpu.put(s.label(), round(v, 3)));
        if (!Double.isNaN(r.writerCpuMsPerImage())) {
            // the background writer thread's CPU time (render, encode, write) per image of the single-stream run:
            // add it to image_cpu_ms_median for the CPU an image costs written
            o.put("writer_cpu_ms_per_image", round(r.writerCpuMsPerImage(), 3));
        }
        o.put("images_per_s_single", round(r.imagesPerSecondSingle(), 3));
        o.put("images_per_s_parallel", round(r.imagesPerSecondParallel(), 3));
        o.put("peak_heap_mb", round(r.peakHeapMb(), 1));
        o.put("peak_live_heap_mb", round(r.peakLiveHeapMb(), 1));
        o.put("max_heap_mb", round(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), 1));
        o.put("bank_mb", round(r.bankMb(), 3));
        o.put("threads", r.threads());
        if (provenance != null) {
            o.set("provenance", provenance);
        }
        return o.toString();
    }

    static String toText(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: fitted on %d images in %.1f s; bank %.1f MB%n", r.category(),
                r.trainImages(), r.fitSeconds(), r.bankMb()));
        b.append(String.format(Locale.ROOT, "predict (single-stream, %d test images): median %.1f ms, p90 %.1f ms%n",
                r.testImages(), r.predictMedianMs(), r.predictP90Ms()));
        b.append(String.format(Locale.ROOT,
                "per image (decode to writing, one thread): median %.1f ms CPU time, %.1f MB allocated%n",
                r.predictCpuMedianMs(), r.allocatedMbMedian()));
        if (!Double.isNaN(r.writerCpuMsPerImage())) {
            b.append(String.format(Locale.ROOT, "background writer (render, encode, write): %.1f ms CPU per image%n",
                    r.writerCpuMsPerImage()));
        }
        b.append(String.format(Locale.ROOT, "%-12s %10s %10s%n", "stage", "median ms", "p90 ms"));
        for (Stage s : STAGES) {
            b.append(String.format(Locale.ROOT, "%-12s %10.2f %10.2f%n", s.label(), r.stageMedianMs().get(s),
                    r.stageP90Ms().get(s)));
        }
        b.append(String.format(Locale.ROOT, "%-12s %10.2f %10.2f%n", "total", r.totalMedianMs(), r.totalP90Ms()));
        b.append(String.format(Locale.ROOT, "images/s: %.2f single-stream, %.2f with %d threads (%.2fx)%n",
                r.imagesPerSecondSingle(), r.imagesPerSecondParallel(), r.threads(),
                r.imagesPerSecondParallel() / r.imagesPerSecondSingle()));
        b.append(String.format(Locale.ROOT, "peak heap: %.0f MB in use, %.0f MB live after a collection (-Xmx %.0f MB)%n",
                r.peakHeapMb(), r.peakLiveHeapMb(), Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)));
        return b.toString();
    }

    /** Runs the command alone (until it is registered as {@code samlad benchmark}). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new BenchmarkCommand()).execute(args));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
