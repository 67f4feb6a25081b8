package io.samlad.spark;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class io.samlad.spark.InspectJob samlad-spark-VERSION-all.jar --bank B --input I --out O}
 * (also {@code samlad spark inspect}): scores images against a bank on Spark and writes one Parquet row per image.
 * This class holds only the options, no Spark type, so that the samlad command line can list it without Spark on
 * its class path; {@link InspectRun} does the work.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Score images against a bank on Apache Spark; write one Parquet row per image.")
public class InspectJob implements Callable<Integer> {
    @Option(names = "--bank", required = true, paramLabel = "URI", description = "bank file (local path or Hadoop URI)")
    String bank;

    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "a folder (searched recursively), a glob, or DIR/**/PATTERN such as 'data/**/*.png'")
    String input;

    @Option(names = "--out", required = true, paramLabel = "URI", description = "Parquet output (a folder)")
    String out;

    @Option(names = "--maps", paramLabel = "DIR",
            description = "also write each anomaly map as a float32 TIFF under DIR (mirroring the input folders)")
    String maps;

    @Option(names = "--partition-by", paramLabel = "COLUMN",
            description = "partition the Parquet output: category (the image's folder name) or date (its file date)")
    String partitionBy;

    @Option(names = "--threshold", paramLabel = "T", description = "decision threshold (default: the bank's)")
    Double threshold;

    @Option(names = "--overwrite", description = "replace an existing output (default: refuse)")
    boolean overwrite;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]: every core of this machine)")
    String master;

    /**
     * The ONNX models of the stages, or null for the embedded ones; the samlad command line overrides this with
     * {@code samlad predict}'s model options.
     */
    protected SparkModels models() {
        return null;
    }

    @Override
    public Integer call() throws Exception {
        if (!JobCommands.sparkPresent()) {
            return 1;
        }
        if (partitionBy != null && !partitionBy.equals("category") && !partitionBy.equals("date")) {
            throw new IllegalArgumentException("--partition-by takes category or date, not " + partitionBy);
        }
        SparkModels models = models(); // checked (files, cards) before Spark starts
        return InspectRun.run(this, models);
    }

    public static void main(String[] args) {
        System.exit(JobCommands.execute(new InspectJob(), args));
    }
}
