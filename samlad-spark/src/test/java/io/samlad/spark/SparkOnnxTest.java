package io.samlad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.onnx.BackboneCard;
import io.samlad.onnx.ModelChoice;
import io.samlad.onnx.OnnxPipelines;
import io.samlad.onnx.OnnxSettings;
import io.samlad.onnx.SamCard;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark inspection with every stage on the tiny ONNX models of samlad-onnx's tests (real ONNX Runtime, on
 * {@code local[2]}): the scores are the local predictor's, the models are opened once per JVM, and a bank fitted
 * with ONNX models is refused before any task when no models, or other ones, are given. Scenes: grey 64x64 with a
 * red 20x20 square; the anomaly lacks it.
 */
class SparkOnnxTest {
    static final Path MODELS = Path.of("../samlad-onnx/src/test/resources/models");
    static final OnnxSettings ONE_THREAD = new OnnxSettings(1, OnnxSettings.GraphOptimization.ALL,
            OnnxSettings.Device.CPU);

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path testDir;
    static Path bankFile;
    static Path train;
    static SamladConfig config = SamladConfig.builder().workingShortSide(64).references(2).build();

    static ModelChoice models(String backbone) {
        return new ModelChoice(MODELS.resolve(backbone), null, BackboneCard.empty().withInputSize(56),
                MODELS.resolve("tiny_sam_encoder.onnx"), MODELS.resolve("tiny_sam_decoder_single_batched.onnx"), null,
                SamCard.empty().withPointsPerSide(8), MODELS.resolve("tiny_upsampler.onnx"), null);
    }

    static RgbImage scene(int dx, int dy, boolean withSquare) {
        int w = 64;
        float[] d = new float[3 * w * w];
        java.util.Arrays.fill(d, 0.5f);
        for (int y = 22 + dy; withSquare && y < 42 + dy; y++) {
            for (int x = 22 + dx; x < 42 + dx; x++) {
                d[y * w + x] = 0.9f;
                d[w * w + y * w + x] = 0.1f;
                d[2 * w * w + y * w + x] = 0.1f;
            }
        }
        return RgbImage.ofPlanar(w, w, d);
    }

    @BeforeAll
    static void setUp() throws IOException {
        train = Files.createDirectories(tmp.resolve("train"));
        int[][] jitter = {{0, 0}, {1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 1}};
        for (int i = 0; i < jitter.length; i++) {
            ImageWriters.writePng(scene(jitter[i][0], jitter[i][1], true).toBufferedImage(),
                    train.resolve("t" + i + ".png"));
        }
        testDir = Files.createDirectories(tmp.resolve("test"));
        ImageWriters.writePng(scene(1, -1, true).toBufferedImage(), testDir.resolve("good.png"));
        ImageWriters.writePng(scene(-1, 1, true).toBufferedImage(), testDir.resolve("good2.png"));
        ImageWriters.writePng(scene(0, 0, false).toBufferedImage(), testDir.resolve("missing.png"));

        bankFile = tmp.resolve("onnx.samlad");
        try (Pipeline p = OnnxPipelines.create(models("tiny_vit_cls.onnx"), ONE_THREAD,
                () -> Samlad.embeddedPipeline(config));
                FittedDetector d = Samlad.fit(p, config, ImageFiles.list(train), List.of(), ProgressListener.NONE)) {
            d.save(bankFile);
        }
        spark = Sessions.create("local[2]", "samlad-spark-onnx-test");
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void scoresWithOnnxModelsAreTheLocalPredictorsAndTheModelsOpenOnce() throws IOException {
        SparkModels shipped = SparkModels.of(models("tiny_vit_cls.onnx"), ONE_THREAD);
        int before = ExecutorCache.detectorCount();
        // More partitions than cores: several tasks share this JVM's one detector.
        Dataset<Row> images = SamladSpark.readImages(spark, testDir.toString()).repartition(3);
        List<Row> rows = SamladSpark.inspect(images, bankFile.toString(), InspectOptions.DEFAULTS, shipped)
                .collectAsList();
        assertThat(ExecutorCache.detectorCount()).isEqualTo(before + 1);

        assertThat(rows).hasSize(3);
        Map<String, Row> byFile = new HashMap<>();
        for (Row r : rows) {
            byFile.put(InspectPartition.relative(r.getAs("path"), testDir.toString()), r);
        }
        TemplateBank bank = Samlad.readBank(bankFile);
        try (Pipeline p = OnnxPipelines.create(models("tiny_vit_cls.onnx"), ONE_THREAD,
                () -> Samlad.embeddedPipeline(bank.config()));
                FittedDetector local = Samlad.load(bank, bankFile, p)) {
            for (Path image : ImageFiles.list(testDir)) {
                Row r = byFile.get(image.getFileName().toString());
                assertThat((String) r.getAs("error")).as(image.toString()).isNull();
                Prediction expected = local.predict(ImageLoader.read(image));
                assertThat((double) r.getAs("score")).as(image.toString()).isEqualTo(expected.score());
                assertThat((double) r.getAs("logical_score")).isEqualTo(expected.logicalScore());
                assertThat((double) r.getAs("structural_score")).isEqualTo(expected.structuralScore());
                assertThat((int) r.getAs("object_count")).isEqualTo(expected.objects().size());
            }
        }
        // the scores must tell the anomaly apart, or equal scores above compared nothing useful
        assertThat((double) byFile.get("missing.png").getAs("score"))
                .isGreaterThan((double) byFile.get("good.png").getAs("score"));
    }

    @Test
    void aSparkFitWithOnnxModelsGivesTheBankOfALocalFit() throws IOException {
        SparkModels shipped = SparkModels.of(models("tiny_vit_cls.onnx"), ONE_THREAD);
        TemplateBank sparkBank = SamladSpark.fit(spark, SamladSpark.listImages(spark, train.toString()), List.of(),
                config, shipped);
        TemplateBank localBank = Samlad.readBank(bankFile);
        assertThat(sparkBank.pipelineId()).isEqualTo(localBank.pipelineId()).contains("onnx-backbone");
        assertThat(sparkBank.names()).isEqualTo(localBank.names());
        assertThat(sparkBank.calibration().threshold()).isEqualTo(localBank.calibration().threshold());
        try (Pipeline p1 = OnnxPipelines.create(models("tiny_vit_cls.onnx"), ONE_THREAD,
                () -> Samlad.embeddedPipeline(config));
                Pipeline p2 = OnnxPipelines.create(models("tiny_vit_cls.onnx"), ONE_THREAD,
                        () -> Samlad.embeddedPipeline(config));
                FittedDetector a = Samlad.load(localBank, bankFile, p1);
                FittedDetector b = Samlad.load(sparkBank, tmp.resolve("spark.samlad"), p2)) {
            for (Path image : ImageFiles.list(testDir)) {
                Prediction pa = a.predict(ImageLoader.read(image));
                Prediction pb = b.predict(ImageLoader.read(image));
                assertThat(pb.score()).as(image.toString()).isEqualTo(pa.score());
                assertThat(pb.anomalyMap().data()).isEqualTo(pa.anomalyMap().data());
            }
        }
    }

    @Test
    void anOnnxBankWithNoOrOtherModelsFailsBeforeAnyTask() {
        Dataset<Row> images = SamladSpark.readImages(spark, testDir.toString());
        assertThatThrownBy(() -> SamladSpark.inspect(images, bankFile.toString(), InspectOptions.DEFAULTS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("onnx.samlad: bank was fitted with other stages");
        SparkModels other = SparkModels.of(models("tiny_vit_reg4.onnx"), ONE_THREAD);
        assertThatThrownBy(() -> SamladSpark.inspect(images, bankFile.toString(), InspectOptions.DEFAULTS, other))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("onnx.samlad: bank was fitted with other stages");
        ModelChoice missing = new ModelChoice(tmp.resolve("absent.onnx"), null, null, null, null, null, null, null,
                null);
        assertThatThrownBy(() -> SparkModels.of(missing, ONE_THREAD)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("absent.onnx: no such model file");
    }
}
