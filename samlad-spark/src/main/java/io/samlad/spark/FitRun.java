package io.samlad.spark;

import io.samlad.util.InvalidInputException;
import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** The work of {@link FitJob}. */
final class FitRun {
    private FitRun() {
    }

    static int run(FitJob job, SamladConfig config, SparkModels models) throws IOException {
        long t0 = System.nanoTime();
        SparkSession spark = Sessions.create(job.master, "samlad fit");
        try {
            List<ImageRef> train = SamladSpark.listImages(spark, job.train);
            if (train.size() < 2) {
                throw new InvalidInputException(Path.of(job.train), "need at least 2 normal images to fit, found "
                        + train.size());
            }
            List<ImageRef> held = job.validation == null ? List.of() : SamladSpark.listImages(spark, job.validation);
            TemplateBank bank = SamladSpark.fit(spark, train, held, config, models);
            SamladSpark.writeBank(spark, bank, job.out);
            System.out.printf(Locale.ROOT, "fitted %s on Spark: %s in %.1f s; bank %s%n", config.kind().label(),
                    SamladSpark.describe(bank), (System.nanoTime() - t0) / 1e9, job.out);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
