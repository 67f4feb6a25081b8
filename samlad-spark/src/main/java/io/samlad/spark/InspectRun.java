package io.samlad.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;

import java.util.Locale;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The work of {@link InspectJob}. */
final class InspectRun {
    private InspectRun() {
    }

    static int run(InspectJob job, SparkModels models) {
        long t0 = System.nanoTime();
        SparkSession spark = Sessions.create(job.master, "samlad inspect");
        try {
            long started = System.nanoTime();
            InspectOptions options = new InspectOptions(job.threshold, job.maps,
                    SamladSpark.inputRoot(job.input));
            InspectCounters counters = new InspectCounters(spark.sparkContext());
            Dataset<Row> rows = SamladSpark.inspect(SamladSpark.readImages(spark, job.input), job.bank, options,
                    counters, models);
            if ("category".equals(job.partitionBy)) {
                rows = rows.withColumn("category", regexp_extract(col("path"), "([^/]+)/[^/]+$", 1));
            } else if ("date".equals(job.partitionBy)) {
                rows = rows.withColumn("date", to_date(col("modification_time")));
            }
            DataFrameWriter<Row> writer = rows.write().mode(job.overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
            if (job.partitionBy != null) {
                writer = writer.partitionBy(job.partitionBy);
            }
            writer.parquet(job.out);
            long written = System.nanoTime();
            long n = counters.images.value();
            long scored = n - counters.errors.value();
            System.out.printf(Locale.ROOT,
                    "inspected %d images (%d anomalous, %d errors) in %.1f s (Spark start %.1f s, job %.1f s,"
                            + " mean %.0f ms per image): %s%n",
                    n, counters.anomalous.value(), counters.errors.value(), (System.nanoTime() - t0) / 1e9,
                    (started - t0) / 1e9, (written - started) / 1e9,
                    scored == 0 ? 0.0 : counters.millis.value() / scored, job.out);
            return 0;
        } finally {
            spark.stop();
        }
    }
}
