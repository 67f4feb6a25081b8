package io.samlad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.samlad.util.InvalidInputException;
import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.config.SamladConfig;
import io.samlad.detector.SamladDetector;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
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
 * samlad on a {@code local[2]} Spark master against the real juice_bottle images: Spark's scores are exactly
 * {@code samlad predict}'s, a corrupt image costs one error row and not the job, a Spark fit is a local fit, and a bad
 * bank fails before any task. Needs {@code ../shared/data} (never part of the repository); skipped without it.
 */
class SamladSparkTest {
    static final Path JUICE = Path.of("../../shared/data/mvtec_loco_subset/juice_bottle");
    static final int TRAIN = 30;
    static final int TEST_PER_CLASS = 10;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path trainDir;
    static Path testDir;
    static Path corrupt;
    static Path bankFile;
    /** The embedded 31 channels projected to 16, so that the projection's fit on the driver and use on executors show. */
    static SamladConfig config = SamladConfig.defaults().toBuilder()
            .projection(SamladConfig.Projection.DEFAULTS.withWidth(16).withImages(4)).build();

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(Files.isDirectory(JUICE),
                "skipped: ../shared/data/mvtec_loco_subset/juice_bottle is absent (test data lives beside the project)");
        trainDir = tmp.resolve("train");
        testDir = tmp.resolve("test");
        copyFirst(JUICE.resolve("train/good"), trainDir, TRAIN);
        copyFirst(JUICE.resolve("test/good"), testDir.resolve("good"), TEST_PER_CLASS);
        copyFirst(JUICE.resolve("test/logical_anomalies"), testDir.resolve("logical_anomalies"), TEST_PER_CLASS);
        // A PNG cut off after its first kilobyte: what a camera that lost power writes.
        byte[] whole = Files.readAllBytes(ImageFiles.list(testDir.resolve("good")).get(0));
        corrupt = testDir.resolve("good/corrupt.png");
        Files.write(corrupt, java.util.Arrays.copyOf(whole, 1024));

        bankFile = tmp.resolve("local.samlad");
        try (Pipeline p = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(p, config, ImageFiles.list(trainDir), List.of(), ProgressListener.NONE)) {
            d.save(bankFile);
        }
        spark = Sessions.create("local[2]", "samlad-spark-test");
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    static void copyFirst(Path from, Path to, int n) throws IOException {
        Files.createDirectories(to);
        for (Path p : ImageFiles.list(from).subList(0, n)) {
            Files.copy(p, to.resolve(p.getFileName()));
        }
    }

    @Test
    void everyScoreIsExactlyTheLocalOneAndACorruptImageIsOneErrorRow() throws IOException {
        Path maps = tmp.resolve("maps");
        InspectOptions options = InspectOptions.DEFAULTS.withMaps(maps.toString(), testDir.toString());
        List<Row> rows = SamladSpark.inspect(SamladSpark.readImages(spark, testDir.toString()), bankFile.toString(),
                options).collectAsList();

        assertThat(rows).hasSize(2 * TEST_PER_CLASS + 1);
        Map<String, Row> byFile = new HashMap<>();
        for (Row r : rows) {
            byFile.put(InspectPartition.relative(r.getAs("path"), testDir.toString()), r);
        }
        Row bad = byFile.get("good/corrupt.png");
        assertThat((String) bad.getAs("error")).contains("corrupt.png").containsAnyOf("cannot decode image", "cannot read image");
        assertThat((Object) bad.getAs("score")).isNull();

        TemplateBank bank = Samlad.readBank(bankFile);
        try (Pipeline p = Samlad.embeddedPipeline(bank.config()); FittedDetector local = Samlad.load(bank, bankFile, p)) {
            for (Path image : ImageFiles.list(testDir)) {
                if (image.equals(corrupt)) {
                    continue;
                }
                Row r = byFile.get(testDir.relativize(image).toString().replace('\\', '/'));
                assertThat((String) r.getAs("error")).as(image.toString()).isNull();
                Prediction expected = local.predict(ImageLoader.read(image));
                assertThat((double) r.getAs("score")).as(image.toString()).isEqualTo(expected.score());
                assertThat((double) r.getAs("logical_score")).isEqualTo(expected.logicalScore());
                assertThat((double) r.getAs("structural_score")).isEqualTo(expected.structuralScore());
                assertThat((String) r.getAs("label")).isEqualTo(expected.isAnomalous(local.threshold()) ? "anomalous" : "normal");
                assertThat((int) r.getAs("object_count")).isEqualTo(expected.objects().size());
                assertThat(r.getList(r.fieldIndex("references"))).containsExactlyElementsOf(expected.references());
                List<Row> objects = r.getList(r.fieldIndex("objects"));
                assertThat(objects).hasSize(expected.objects().size());
                if (!objects.isEmpty()) {
                    assertThat((double) objects.get(0).getAs("score")).isEqualTo(expected.objects().get(0).score());
                    assertThat((String) objects.get(0).getAs("verdict")).isEqualTo(expected.objects().get(0).verdict().label());
                }
                FloatMap map = ImageWriters.readFloatTiff(Path.of((String) r.getAs("map")));
                assertThat(map.data()).containsExactly(expected.anomalyMap().data());
            }
        }
        // Among the 10 logical anomalies some must be flagged, or the comparison above compared nothing useful.
        long flagged = rows.stream().filter(r -> "anomalous".equals(r.getAs("label"))).count();
        assertThat(flagged).isPositive();
    }

    @Test
    void aSparkFitGivesTheBankOfALocalFit() {
        TemplateBank sparkBank = SamladSpark.fit(spark, SamladSpark.listImages(spark, trainDir.toString()), List.of(),
                config);
        TemplateBank localBank = Samlad.readBank(bankFile);
        Path sparkFile = tmp.resolve("spark.samlad");
        try {
            SamladSpark.writeBank(spark, sparkBank, sparkFile.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        TemplateBank reread = Samlad.readBank(sparkFile);
        assertThat(reread.names()).isEqualTo(localBank.names());
        assertThat(reread.provenance().imageListSha256()).isEqualTo(localBank.provenance().imageListSha256());
        assertThat(reread.calibration().threshold()).isEqualTo(localBank.calibration().threshold());
        assertThat(reread.projection()).isNotNull().isEqualTo(localBank.projection());
        assertThat(reread.provenance().projection()).isEqualTo(localBank.provenance().projection());
        try (Pipeline p1 = Samlad.embeddedPipeline(config); Pipeline p2 = Samlad.embeddedPipeline(config);
                FittedDetector a = Samlad.load(localBank, bankFile, p1);
                FittedDetector b = Samlad.load(reread, sparkFile, p2)) {
            for (Path image : ImageFiles.list(testDir.resolve("logical_anomalies")).subList(0, 4)) {
                Prediction pa = a.predict(ImageLoader.read(image));
                Prediction pb = b.predict(ImageLoader.read(image));
                assertThat(pb.score()).as(image.toString()).isEqualTo(pa.score());
                assertThat(pb.anomalyMap().data()).isEqualTo(pa.anomalyMap().data());
            }
        }
    }

    @Test
    void anUnreadableBankFailsBeforeAnyTaskNamingThePath() throws IOException {
        Dataset<Row> images = SamladSpark.readImages(spark, testDir.toString());
        Path missing = tmp.resolve("no-such.samlad");
        assertThatThrownBy(() -> SamladSpark.inspect(images, missing.toString(), InspectOptions.DEFAULTS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot read bank file");
        Path garbage = Files.writeString(tmp.resolve("garbage.samlad"), "not a bank");
        assertThatThrownBy(() -> SamladSpark.inspect(images, garbage.toString(), InspectOptions.DEFAULTS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(garbage.toString());
    }
}
