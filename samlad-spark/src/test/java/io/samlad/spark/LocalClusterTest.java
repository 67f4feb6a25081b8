package io.samlad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code local-cluster[2,1,1024]} master forks two real executor JVMs, so the bank travels as a broadcast and
 * every class as it would on a cluster (serialisation, class path, the JDK openings Spark needs): the scores must
 * still be the local ones, and the driver JVM must have built no detector of its own.
 */
class LocalClusterTest {
    @TempDir
    Path tmp;

    @Test
    void executorsInOtherJvmsScoreExactlyAsLocally() throws IOException {
        assumeTrue(Files.isDirectory(SamladSparkTest.JUICE), "skipped: ../shared/data/mvtec_loco_subset/juice_bottle"
                + " is absent (test data lives beside the project)");
        Path train = tmp.resolve("train");
        Path test = tmp.resolve("test");
        SamladSparkTest.copyFirst(SamladSparkTest.JUICE.resolve("train/good"), train, 8);
        SamladSparkTest.copyFirst(SamladSparkTest.JUICE.resolve("test/logical_anomalies"), test, 4);
        SamladConfig config = SamladConfig.defaults();
        Path bankFile = tmp.resolve("bank.samlad");
        try (Pipeline p = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(p, config, ImageFiles.list(train), List.of(), ProgressListener.NONE)) {
            d.save(bankFile);
        }
        // The forked executors get the test JVM's class path (Surefire's booter jar names every jar) and flags.
        SparkSession spark = SparkSession.builder().appName("samlad-local-cluster-test")
                .master("local-cluster[2,1,1024]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.extraJavaOptions", System.getProperty("samlad.spark.jvm.flags", ""))
                .getOrCreate();
        int driverDetectors = ExecutorCache.detectorCount();
        try {
            List<Row> rows = SamladSpark.inspect(SamladSpark.readImages(spark, test.toString()), bankFile.toString(),
                    InspectOptions.DEFAULTS).collectAsList();
            assertThat(rows).hasSize(4);
            TemplateBank bank = Samlad.readBank(bankFile);
            try (Pipeline p = Samlad.embeddedPipeline(config); FittedDetector local = Samlad.load(bank, bankFile, p)) {
                for (Row r : rows) {
                    Path image = test.resolve(InspectPartition.relative(r.getAs("path"), test.toString()));
                    assertThat((String) r.getAs("error")).isNull();
                    assertThat((double) r.getAs("score")).isEqualTo(local.predict(ImageLoader.read(image)).score());
                }
            }
            assertThat(ExecutorCache.detectorCount()).as("detectors built in the driver JVM").isEqualTo(driverDetectors);
        } finally {
            spark.stop();
        }
    }
}
