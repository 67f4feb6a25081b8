package io.samlad.spark;

import io.samlad.config.SamladConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class io.samlad.spark.FitJob samlad-spark-VERSION-all.jar --train T --out BANK} (also
 * {@code samlad spark fit}, which adds {@code samlad fit}'s method options): fits a bank with the per-image work on
 * the executors. Only options here, no Spark type (see {@link InspectJob}); {@link FitRun} does the work.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a template bank on Apache Spark; same bank as `samlad fit` on the same images.")
public class FitJob implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "URI",
            description = "normal images: a folder (recursive), a glob, or DIR/**/PATTERN")
    String train;

    @Option(names = "--validation", paramLabel = "URI",
            description = "held-out normal images that set the threshold (default: leave-one-out training images)")
    String validation;

    @Option(names = "--out", required = true, paramLabel = "BANK.samlad", description = "bank file to write")
    String out;

    @Option(names = "--config", paramLabel = "CONFIG.json",
            description = "method settings as JSON (the \"config\" of a bank's header); default: samlad's defaults")
    protected Path configFile;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]: every core of this machine)")
    String master;

    /** The method settings; the samlad command line overrides this with its method options. */
    protected SamladConfig config() throws IOException {
        return configFile == null ? SamladConfig.defaults() : ConfigJson.read(Files.readString(configFile));
    }

    /**
     * The ONNX models of the stages, or null for the embedded ones; the samlad command line overrides this with
     * {@code samlad fit}'s model options.
     */
    protected SparkModels models() {
        return null;
    }

    @Override
    public Integer call() throws Exception {
        if (!JobCommands.sparkPresent()) {
            return 1;
        }
        SamladConfig config = config();
        if (InspectPartition.isLocal(out) && Files.isDirectory(InspectPartition.localPath(out))) {
            throw new io.samlad.util.InvalidInputException(Path.of(out), "is a folder: --out takes the bank file to write");
        }
        SparkModels models = models(); // checked (files, cards) before Spark starts
        return FitRun.run(this, config, models);
    }

    public static void main(String[] args) {
        System.exit(JobCommands.execute(new FitJob(), args));
    }
}
