package io.samlad.spark;

import io.samlad.util.InvalidInputException;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.BankFitter;
import io.samlad.detector.Pipeline;
import io.samlad.detector.ProjectionFitting;
import io.samlad.features.ChannelProjection;
import io.samlad.util.ParallelMap;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.image.RgbImage;
import io.samlad.calibration.Calibration;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.Scorer;
import io.samlad.measure.Scorers;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * {@link BankFitter#fit} with its per-image work on Spark executors: analysing the training images (in the same
 * chunks of {@code BankFitter.FIT_BATCH}), scoring the leave-one-out images against the uncalibrated bank, and
 * analysing and scoring the held-out images. The driver runs the rest (quantising, calibrating, the threshold) with
 * the very code {@code samlad fit} runs. Everything crosses the wire in {@link WireCodec}'s lossless form, so the
 * bank equals a local fit's bit for bit apart from its provenance's creation time.
 */
final class DistributedFit {
    private DistributedFit() {
    }

    static TemplateBank fit(SparkSession spark, List<ImageRef> train, List<ImageRef> heldOut, SamladConfig config,
            SparkModels models) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("need at least 2 normal images to fit, got " + train.size());
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopFiles files = new HadoopFiles(jsc.hadoopConfiguration());
        String configJson = ConfigJson.write(config);
        int[] loo = BankFitter.pickCalibration(train.size(), config);
        int[] extra = BankFitter.pickExtra(train.size(), heldOut.size(), config);
        // every image scored leave-one-out (for the statistics, then for the threshold alone) keeps its fine features
        int[] queried = IntStream.concat(Arrays.stream(loo), Arrays.stream(extra)).toArray();
        boolean[] keepFine = new boolean[train.size()];
        for (int i : queried) {
            keepFine[i] = true;
        }
        List<String> uris = train.stream().map(ImageRef::uri).toList();
        // The stages' identity, from the models opened once on the driver (a bad model fails here, before any task).
        String pipelineId;
        // A wide backbone's channel projection, fitted on the driver exactly as a local fit does (a few images), then
        // shipped to the tasks as plain values.
        Optional<ProjectionFitting.Fitted> fitted;
        try (Pipeline p = SparkModels.open(models, config)) {
            pipelineId = p.id();
            fitted = ProjectionFitting.fit(p.features(), config, train.size(),
                    i -> readImage(files, uris.get(i)).resizeShortSide(config.workingShortSide()),
                    ParallelMap.defaultThreads());
        }
        ChannelProjection projection = fitted.map(ProjectionFitting.Fitted::projection).orElse(null);
        float[] projectionBasis = projection == null ? null : projection.basis();
        int projectionChannels = projection == null ? 0 : projection.inputChannels();
        int projectionWidth = projection == null ? 0 : projection.width();

        // 1. Scene analysis, one task per chunk of training images.
        List<List<Integer>> chunks = BankFitter.chunks(train.size());
        List<Tuple2<Integer, byte[]>> analysedChunks = run(() -> jsc.parallelize(indices(chunks.size()), chunks.size())
                .map(c -> {
                    List<Integer> chunk = chunks.get(c);
                    List<RgbImage> images = new ArrayList<>();
                    for (int i : chunk) {
                        images.add(readImage(files, uris.get(i)));
                    }
                    SceneAnalyzer analyzer = analyzer(configJson, models, projectionChannels, projectionWidth,
                            projectionBasis);
                    return new Tuple2<>(c, WireCodec.encodeScenes(
                            BankFitter.analyseChunk(analyzer, images, chunk, keepFine)));
                }).collect());
        Scene[] analysed = new Scene[train.size()];
        for (Tuple2<Integer, byte[]> t : analysedChunks) {
            List<Scene> scenes = WireCodec.decodeScenes(t._2());
            List<Integer> chunk = chunks.get(t._1());
            for (int k = 0; k < chunk.size(); k++) {
                analysed[chunk.get(k)] = scenes.get(k);
            }
        }
        List<String> names = train.stream().map(ImageRef::fileName).toList();
        String hash = BankFitter.imageListHash(names, train.stream().map(ImageRef::length).toList());
        TemplateBank bank = BankFitter.uncalibratedBank(pipelineId, config, List.of(analysed), names,
                BankFitter.provenance(train.size(), hash, heldOut.size(), loo.length, extra.length, config)
                        .withProjection(fitted.map(ProjectionFitting.Fitted::description).orElse(null)), projection);

        // The bank's configuration may differ from the one asked for (the search radius estimated on the bank):
        // the tasks score with the bank's.
        String scoringJson = ConfigJson.write(bank.config());

        // 2. Leave-one-out and held-out scoring against the uncalibrated bank, shipped once per executor.
        String bankKey = "fit-" + BankSource.sha256(WireCodec.encodeScenes(bank.scenes())) + "-" + System.nanoTime();
        Broadcast<byte[]> bankScenes = jsc.broadcast(WireCodec.encodeScenes(bank.scenes()));
        // One leave-one-out image per task: each carries its fine features (about a megabyte).
        int slices = Math.max(1, queried.length);
        List<Tuple2<Integer, byte[]>> looInputs = new ArrayList<>();
        for (int i : queried) {
            looInputs.add(new Tuple2<>(i, WireCodec.encodeScene(analysed[i])));
        }
        try {
            List<byte[]> looRaws = run(() -> jsc.parallelize(looInputs, slices).map(t -> {
                TemplateBank b = shippedBank(bankKey, bankScenes, scoringJson, pipelineId, names);
                Scene scene = WireCodec.decodeScene(t._2());
                return WireCodec.encodeMeasurement(scorer(scoringJson).score(scene, b, t._1(), new StageTimings()));
            }).collect());
            List<Scene> statScenes = new ArrayList<>();
            List<RawMeasurement> statRaws = new ArrayList<>();
            for (int k = 0; k < loo.length; k++) {
                statScenes.add(analysed[loo[k]]);
                statRaws.add(WireCodec.decodeMeasurement(looRaws.get(k)));
            }
            List<Scene> extraScenes = new ArrayList<>();
            List<RawMeasurement> extraRaws = new ArrayList<>();
            for (int k = 0; k < extra.length; k++) {
                extraScenes.add(analysed[extra[k]]);
                extraRaws.add(WireCodec.decodeMeasurement(looRaws.get(loo.length + k)));
            }
            List<Scene> heldScenes = new ArrayList<>();
            List<RawMeasurement> heldRaws = new ArrayList<>();
            if (!heldOut.isEmpty()) {
                List<String> heldUris = heldOut.stream().map(ImageRef::uri).toList();
                int heldSlices = Math.max(1, Math.min(heldUris.size(), 4 * jsc.defaultParallelism()));
                List<Tuple2<byte[], byte[]>> held = run(() -> jsc.parallelize(heldUris, heldSlices).map(uri -> {
                    TemplateBank b = shippedBank(bankKey, bankScenes, scoringJson, pipelineId, names);
                    Scene scene = analyzer(scoringJson, models, projectionChannels, projectionWidth, projectionBasis)
                            .analyze(readImage(files, uri), new StageTimings());
                    RawMeasurement raw = scorer(scoringJson).score(scene, b, -1, new StageTimings());
                    return new Tuple2<>(WireCodec.encodeScene(scene), WireCodec.encodeMeasurement(raw));
                }).collect());
                for (Tuple2<byte[], byte[]> t : held) {
                    heldScenes.add(WireCodec.decodeScene(t._1()));
                    heldRaws.add(WireCodec.decodeMeasurement(t._2()));
                }
            }
            // 3. Calibration and threshold on the driver: the same code as a local fit.
            return BankFitter.calibratedBank(bank, statScenes, statRaws, heldScenes, heldRaws, extraScenes,
                    extraRaws);
        } finally {
            bankScenes.destroy();
            ExecutorCache.forgetBank(bankKey);
        }
    }

    private static final Map<String, Pipeline> PIPELINES = new ConcurrentHashMap<>();

    /**
     * One pipeline per executor JVM, configuration and models (ONNX models opened once, see {@link SparkModels}); the
     * stages are thread-safe, so every task thread shares it.
     */
    private static SceneAnalyzer analyzer(String configJson, SparkModels models, int projectionChannels,
            int projectionWidth, float[] projectionBasis) {
        SamladConfig config = ConfigJson.read(configJson);
        Pipeline p = PIPELINES.computeIfAbsent(SparkModels.keyOf(models) + "/" + configJson,
                k -> SparkModels.open(models, config));
        ChannelProjection projection = projectionBasis == null ? null
                : new ChannelProjection(projectionChannels, projectionWidth, projectionBasis);
        return p.analyzer(config, Scorers.forConfig(config).needsObjects(), projection);
    }

    private static Scorer scorer(String configJson) {
        return Scorers.forConfig(ConfigJson.read(configJson));
    }

    private static TemplateBank shippedBank(String key, Broadcast<byte[]> scenes, String configJson,
            String pipelineId, List<String> names) {
        return ExecutorCache.bank(key, () -> new TemplateBank(ConfigJson.read(configJson), pipelineId,
                WireCodec.decodeScenes(scenes.value()), names, Calibration.identity(), null));
    }

    private static RgbImage readImage(HadoopFiles files, String uri) {
        byte[] bytes;
        try {
            bytes = files.readAll(uri);
        } catch (IOException e) {
            throw new InvalidInputException(Path.of(uri), "cannot read image: " + ImageBytes.oneLine(e), e);
        }
        return ImageBytes.decode(uri, bytes);
    }

    private static List<Integer> indices(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    /** Runs a Spark action, turning a task's bad-input failure back into the one-line error a local fit gives. */
    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) { // Scala code throws SparkException (checked) undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInputException bad) {
                    throw bad;
                }
            }
            if (e instanceof RuntimeException r && !(r.getCause() instanceof SparkException)) {
                throw r;
            }
            throw new IllegalStateException("distributed fit failed: " + ImageBytes.oneLine(e), e);
        }
    }
}
