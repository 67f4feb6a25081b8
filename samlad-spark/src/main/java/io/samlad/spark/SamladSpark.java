package io.samlad.spark;

import io.samlad.bank.BankCodec;
import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import static org.apache.spark.sql.functions.col;

/**
 * samlad on Apache Spark: score images with a bank ({@link #inspect}) and fit banks ({@link #fit}) on a cluster.
 *
 * <pre>{@code
 * Dataset<Row> images = SamladSpark.readImages(spark, "hdfs:///line3/2026-11/**&#47;*.png");
 * Dataset<Row> results = SamladSpark.inspect(images, "hdfs:///banks/juice.samlad", InspectOptions.DEFAULTS);
 * results.write().parquet("hdfs:///results/line3-2026-11.parquet");
 * }</pre>
 */
public final class SamladSpark {
    private SamladSpark() {
    }

    /**
     * Images as rows of Spark's {@code binaryFile} source ({@code path}, {@code modificationTime}, {@code length},
     * {@code content}). {@code input} is a folder (searched recursively), a Hadoop glob, or {@code DIR/**&#47;PATTERN}
     * (every file below DIR whose name matches PATTERN, e.g. {@code *.png}). Only image files (PNG, JPEG, BMP,
     * TIFF by name) are kept.
     */
    public static Dataset<Row> readImages(SparkSession spark, String input) {
        DataFrameReader reader = spark.read().format("binaryFile");
        String load = input;
        int deep = input.indexOf("/**/");
        if (deep >= 0) {
            load = input.substring(0, deep);
            reader = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", input.substring(deep + 4));
        } else if (!input.matches(".*[*?\\[{].*")) {
            reader = reader.option("recursiveFileLookup", "true");
        }
        Dataset<Row> rows;
        try {
            rows = reader.load(load);
        } catch (Exception e) { // AnalysisException (e.g. PATH_NOT_FOUND), thrown undeclared by Scala code
            throw new io.samlad.util.InvalidInputException(java.nio.file.Path.of(input),
                    "cannot list images: " + ImageBytes.oneLine(e), e);
        }
        return rows.filter(rows.col("path").rlike("(?i)\\.(" + String.join("|", ImageLoader.EXTENSIONS) + ")$"));
    }

    /** The non-glob folder part of an {@link #readImages} input: where maps mirror the images' sub-folders from. */
    public static String inputRoot(String input) {
        int deep = input.indexOf("/**/");
        if (deep >= 0) {
            return input.substring(0, deep);
        }
        if (!input.matches(".*[*?\\[{].*")) {
            return input;
        }
        String head = input.substring(0, input.replaceAll("[*?\\[{].*$", "").length());
        return head.substring(0, Math.max(0, head.lastIndexOf('/')));
    }

    /**
     * Scores every image against a bank: one row per input row, in {@link InspectionRows#SCHEMA}. The bank is read
     * and checked on the driver now (a missing or damaged bank throws {@link io.samlad.util.InvalidInputException} naming
     * it, before any task runs), broadcast, and decoded once per executor JVM; an image that cannot be scored gives
     * a row with {@code error} set and never fails the job. Lazy, like any Dataset transformation.
     *
     * @param images  rows with {@code path} (string) and {@code content} (binary), e.g. from {@link #readImages}
     * @param bankUri the bank file ({@code samlad fit} or {@link #fit}): a local path or any Hadoop URI
     */
    public static Dataset<Row> inspect(Dataset<Row> images, String bankUri, InspectOptions options) {
        return inspect(images, bankUri, options, null, null);
    }

    /**
     * As {@link #inspect(Dataset, String, InspectOptions)} with ONNX models for the stages ({@code samlad predict}'s
     * model options, see {@link SparkModels#of}); {@code models} null: the embedded stages. The bank's stages are
     * checked against the models' on the driver before any task (a bank fitted with other models, or with models
     * when none are given, throws {@link io.samlad.util.InvalidInputException} naming the bank).
     */
    public static Dataset<Row> inspect(Dataset<Row> images, String bankUri, InspectOptions options,
            SparkModels models) {
        return inspect(images, bankUri, options, null, models);
    }

    static Dataset<Row> inspect(Dataset<Row> images, String bankUri, InspectOptions options,
            InspectCounters counters, SparkModels models) {
        SparkSession spark = images.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopFiles files = new HadoopFiles(jsc.hadoopConfiguration());
        BankSource bank = BankSource.read(bankUri, files);
        // The bank's stages against the models' (or the embedded ones), here, before any task, as `samlad predict`
        // checks them. In local mode the driver is the executor: its detector is kept for the tasks. On a cluster
        // the driver only checks, and closes the models again (a SAM encoder can take gigabytes).
        if (spark.sparkContext().isLocal()) {
            byte[] read = bank.bytes();
            ExecutorCache.detector(bank.sha256(), bankUri, () -> read, models);
        } else {
            try (io.samlad.detector.Pipeline p = SparkModels.open(models, bank.bank().config())) {
                io.samlad.Samlad.load(bank.bank(), java.nio.file.Path.of(bankUri), p);
            }
        }
        double threshold = options.threshold() != null ? options.threshold() : bank.bank().calibration().threshold();
        Broadcast<byte[]> bytes = jsc.broadcast(bank.bytes());
        List<String> columns = List.of(images.columns());
        Dataset<Row> input = columns.contains("modificationTime")
                ? images.select(col("path"), col("content"), col("modificationTime"))
                : images.select(col("path"), col("content"));
        return input.mapPartitions(new InspectPartition(bytes, bank.sha256(), bankUri, threshold, options, files, counters,
                        models),
                        Encoders.row(InspectionRows.SCHEMA));
    }

    /**
     * Image files as {@link ImageRef}s in the order a bank stores them (by path, as {@code samlad fit} lists a folder).
     */
    public static List<ImageRef> listImages(SparkSession spark, String input) {
        List<ImageRef> refs = new ArrayList<>();
        for (Row r : readImages(spark, input).select("path", "length").collectAsList()) {
            refs.add(new ImageRef(r.getString(0), r.getLong(1)));
        }
        refs.sort(Comparator.comparing(ImageRef::uri));
        return refs;
    }

    /**
     * Fits a bank with the per-image work on the executors; the bank gives bit-identical predictions to
     * {@code samlad fit} on the same images (same order, same configuration, same embedded stages).
     *
     * @param train   normal images for the bank, in bank order (see {@link #listImages})
     * @param heldOut held-out normal images for the threshold, or empty (leave-one-out training images then)
     */
    public static TemplateBank fit(SparkSession spark, List<ImageRef> train, List<ImageRef> heldOut,
            SamladConfig config) {
        return DistributedFit.fit(spark, train, heldOut, config, null);
    }

    /**
     * As {@link #fit(SparkSession, List, List, SamladConfig)} with ONNX models for the stages (null: the embedded
     * ones): the bank of {@code samlad fit} with the same models.
     */
    public static TemplateBank fit(SparkSession spark, List<ImageRef> train, List<ImageRef> heldOut,
            SamladConfig config, SparkModels models) {
        return DistributedFit.fit(spark, train, heldOut, config, models);
    }

    /** Writes a bank atomically to a local path or a Hadoop URI. */
    public static void writeBank(SparkSession spark, TemplateBank bank, String uri) throws IOException {
        if (InspectPartition.isLocal(uri)) {
            BankCodec.write(bank, InspectPartition.localPath(uri));
            return;
        }
        Path tmp = Files.createTempFile("samlad-bank", ".samlad");
        try {
            BankCodec.write(bank, tmp);
            new HadoopFiles(spark.sparkContext().hadoopConfiguration()).writeAll(uri, Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String describe(TemplateBank bank) {
        return String.format(Locale.ROOT, "%d images, threshold %.3f", bank.size(), bank.calibration().threshold());
    }
}
