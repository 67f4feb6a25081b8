package io.samlad.cli;

import io.samlad.config.SamladConfig;
import io.samlad.spark.FitJob;
import io.samlad.spark.InspectJob;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code samlad spark inspect|fit}: the Spark jobs of samlad-spark run from the command line, on {@code local[*]}
 * unless {@code --master} names a cluster. The launcher script adds the Spark jars to the class path for this
 * command only (see docs/spark.md); the job classes themselves name no Spark type, so the rest of the command line
 * loads without Spark.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Inspect images, fit a bank or measure throughput on Apache Spark (this machine's cores by default, or a cluster).",
        subcommands = {SparkCommand.Inspect.class, SparkCommand.Fit.class, io.samlad.spark.BenchmarkJob.class})
public class SparkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "spark needs a command: inspect or fit");
    }

    /**
     * {@code samlad spark inspect}: {@link InspectJob} with the model options of {@code samlad predict}. The model
     * files must be readable at the same path on every executor, or shipped by name with {@code --files}.
     */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Score images against a bank on Apache Spark; write one Parquet row per image.")
    public static class Inspect extends InspectJob {
        @Mixin
        ModelOptions models;

        @Override
        protected io.samlad.spark.SparkModels models() {
            models.validate();
            return models.anyModel() ? io.samlad.spark.SparkModels.of(models.choice(), models.settings()) : null;
        }
    }

    /** {@code samlad spark fit}: {@link FitJob} with the method options of {@code samlad fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit a template bank on Apache Spark; the same bank as `samlad fit` on the same images.")
    public static class Fit extends FitJob {
        @Mixin
        MethodOptions method;

        @Mixin
        ModelOptions models;

        @Override
        protected io.samlad.spark.SparkModels models() {
            models.validate();
            return models.anyModel() ? io.samlad.spark.SparkModels.of(models.choice(), models.settings()) : null;
        }

        @Override
        protected SamladConfig config() throws IOException {
            return configFile != null ? super.config() : Cli.config(method);
        }
    }
}
