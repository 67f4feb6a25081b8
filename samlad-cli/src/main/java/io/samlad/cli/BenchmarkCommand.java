package io.samlad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.samlad.Samlad;
import io.samlad.data.Category;
import io.samlad.data.Dataset;
import io.samlad.data.DatasetLoader;
import io.samlad.data.Sample;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.detector.SamladConfig;
import io.samlad.detector.SamladDetector;
import io.samlad.detector.Stage;
import io.samlad.detector.StageTimings;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.output.PredictionWriter;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
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

    @Mixin
    MethodOptions method;

    @Mixin
    ModelOptions models;

    /** Everything measured. */
    record Result(String category, int trainImages, int testImages, int threads, double fitSeconds,
            double predictMedianMs, double predictP90Ms, double predictCpuMedianMs, double allocatedMbMedian,
            Map<Stage, Double> stageMedianMs, Map<Stage, Double> stageP90Ms,
            double totalMedianMs, double totalP90Ms, double imagesPerSecondSingle, double imagesPerSecondParallel,
            double peakHeapMb, double peakLiveHeapMb, double bankMb) {
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
            r = measure(pipeline, config, c, test, n);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(r, provenance) + "\n" : toText(r) + "pipeline: " + provenance.get("pipeline").asText()
                + "\n" + modelLines(provenance));
        out.flush();
        return 0;
    }

    private Result measure(Pipeline pipeline, SamladConfig config, Category c, List<Path> test, int n)
            throws IOException {
        Path scratch = Files.createTempDirectory("samlad-benchmark");
        try (HeapSampler heap = HeapSampler.start()) {
            long t0 = System.nanoTime();
            try (FittedDetector detector = Samlad.fit(pipeline, config, c.trainImages(), c.validationImages(),
                    ProgressListener.NONE)) {
                double fitSeconds = (System.nanoTime() - t0) / 1e9;
                Path bank = scratch.resolve("bank.samlad");
                detector.save(bank);
                double bankMb = Files.size(bank) / (1024.0 * 1024.0);
                List<String> names = detector instanceof SamladDetector sd ? sd.bank().names() : List.of();

                for (int i = 0; i < warmup; i++) {
                    runOne(detector, test.get(i % test.size()), null, 0);
                }
                SingleStream single;
                try (PredictionWriter writer = writerIn(scratch.resolve("single"), names)) {
                    single = SingleStream.run(detector, test, writer);
                }

                long q0 = System.nanoTime();
                try (PredictionWriter writer = writerIn(scratch.resolve("parallel"), names)) {
                    ParallelMap.map(test, n, (i, path) -> runOne(detector, path, writer, i), ProgressListener.NONE,
                            "benchmark");
                }
                double parallelSeconds = (System.nanoTime() - q0) / 1e9;

                Map<Stage, Double> medians = new EnumMap<>(Stage.class);
                Map<Stage, Double> p90s = new EnumMap<>(Stage.class);
                for (Stage s : STAGES) {
                    double[] v = single.timings().stream().mapToDouble(t -> t.millis(s)).toArray();
                    medians.put(s, Percentiles.of(v, 0.5));
                    p90s.put(s, Percentiles.of(v, 0.9));
                }
                double[] totals = single.timings().stream().mapToDouble(StageTimings::totalMillis).toArray();
                return new Result(c.name(), c.train().size(), test.size(), n, fitSeconds,
                        Percentiles.of(single.predictMs(), 0.5), Percentiles.of(single.predictMs(), 0.9),
                        Percentiles.of(single.cpuMs(), 0.5), Percentiles.of(single.allocatedMb(), 0.5), medians, p90s,
                        Percentiles.of(totals, 0.5), Percentiles.of(totals, 0.9), test.size() / single.seconds(),
                        test.size() / parallelSeconds, heap.peakBytes() / (1024.0 * 1024.0),
                        heap.peakLiveBytes() / (1024.0 * 1024.0), bankMb);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * The single-stream pass: every image in turn on this thread, with its stage timings, the wall time of predict
     * alone, and the thread's CPU time and allocation for the whole image (on a shared machine wall time also counts
     * waiting for a core; allocation is what keeps the collector, and so the other core, busy). NaN where the JVM
     * cannot measure CPU time or allocation per thread.
     */
    record SingleStream(List<StageTimings> timings, double[] predictMs, double[] cpuMs, double[] allocatedMb,
            double seconds) {
        static SingleStream run(FittedDetector detector, List<Path> images, PredictionWriter writer) {
            int n = images.size();
            List<StageTimings> timings = new ArrayList<>(n);
            double[] predictMs = new double[n];
            double[] cpuMs = new double[n];
            double[] allocatedMb = new double[n];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean cpu = threads.isCurrentThreadCpuTimeSupported();
            com.sun.management.ThreadMXBean alloc = threads instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported() ? t : null;
            long s0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long p0 = System.nanoTime();
                long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
                long a0 = alloc != null ? alloc.getCurrentThreadAllocatedBytes() : 0;
                StageTimings t = runOne(detector, images.get(i), writer, i);
                cpuMs[i] = cpu ? (threads.getCurrentThreadCpuTime() - c0) / 1e6 : Double.NaN;
                allocatedMb[i] = alloc != null ? (alloc.getCurrentThreadAllocatedBytes() - a0) / (1024.0 * 1024.0)
                        : Double.NaN;
                predictMs[i] = (System.nanoTime() - p0) / 1e6 - t.millis(Stage.DECODE) - t.millis(Stage.WRITING);
                timings.add(t);
            }
            return new SingleStream(timings, predictMs, cpuMs, allocatedMb, (System.nanoTime() - s0) / 1e9);
        }
    }

    private PredictionWriter writerIn(Path dir, List<String> names) {
        return noWrite ? null : new PredictionWriter(dir, true, true, names);
    }

    /** Decode, predict and (unless {@code writer} is null) write one image, as {@code samlad predict} does. */
    private static StageTimings runOne(FittedDetector detector, Path file, PredictionWriter writer, int index) {
        long t0 = System.nanoTime();
        RgbImage image = ImageLoader.read(file);
        long decode = System.nanoTime() - t0;
        Prediction p = detector.predict(image);
        StageTimings t = p.timings();
        t.add(Stage.DECODE, decode);
        long w0 = System.nanoTime();
        if (writer != null) {
            try {
                writer.write(index, index + "_" + file.getFileName(), image, p, detector.threshold());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        t.add(Stage.WRITING, System.nanoTime() - w0);
        return t;
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

    /** Quantiles with linear interpolation between order statistics (R's type 7, numpy's default). */
    static final class Percentiles {
        private Percentiles() {
        }

        static double of(double[] values, double q) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] v = values.clone();
            Arrays.sort(v);
            double pos = q * (v.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(v.length - 1, lo + 1);
            return v[lo] + (pos - lo) * (v[hi] - v[lo]);
        }
    }

    /**
     * Peak heap use, two ways. {@code peakBytes}: the most heap in use at any moment, sampled every few milliseconds
     * by a daemon thread (it includes garbage not yet collected, so it grows with -Xmx). {@code peakLiveBytes}: the
     * most heap still in use just after a garbage collection, from the collectors' notifications: what the work
     * really keeps, and what -Xmx must at least allow.
     */
    static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private final Thread thread;
        private final List<Runnable> unsubscribe = new ArrayList<>();
        private volatile boolean running = true;

        private HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "samlad-heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            s.listenToCollections();
            s.sample();
            s.thread.start();
            return s;
        }

        private void listenToCollections() {
            NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        if (pool.getType() == MemoryType.HEAP && after != null) {
                            used += after.getUsed();
                        }
                    }
                    peakLive.accumulateAndGet(used, Math::max);
                }
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    unsubscribe.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (ListenerNotFoundException e) {
                            // already gone: nothing to undo
                        }
                    });
                }
            }
        }

        private void sample() {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        long peakBytes() {
            sample();
            return peak.get();
        }

        /** 0 when no collection happened while sampling. */
        long peakLiveBytes() {
            return peakLive.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            unsubscribe.forEach(Runnable::run);
        }
    }
}
