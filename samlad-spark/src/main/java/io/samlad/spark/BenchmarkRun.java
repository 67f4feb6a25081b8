package io.samlad.spark;

import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** The work of {@link BenchmarkJob}. */
final class BenchmarkRun {
    private BenchmarkRun() {
    }

    static int run(BenchmarkJob job) throws Exception {
        List<Path> images = ImageFiles.listNonEmpty(Path.of(job.input));
        long t0 = System.nanoTime();
        SparkSession spark = Sessions.create(job.master, "samlad benchmark");
        double start = (System.nanoTime() - t0) / 1e9;
        int cores = spark.sparkContext().defaultParallelism();
        TemplateBank bank = Samlad.readBank(Path.of(job.bank));
        try (Pipeline pipeline = Samlad.embeddedPipeline(bank.config());
                FittedDetector detector = Samlad.load(bank, Path.of(job.bank), pipeline)) {
            System.out.printf(Locale.ROOT, "%d images, bank of %d, master %s (%d cores), plain predictor on %d"
                    + " threads; Spark session start %.1f s%n", images.size(), bank.size(), job.master, cores, cores,
                    start);
            double firstSpark = sparkPass(spark, job);
            double firstPlain = plainPass(detector, images, cores);
            System.out.printf(Locale.ROOT, "warm-up (cold JIT): spark %.1f s, plain %.1f s%n", firstSpark, firstPlain);
            double[] s = new double[job.rounds];
            double[] p = new double[job.rounds];
            for (int r = 0; r < job.rounds; r++) {
                p[r] = plainPass(detector, images, cores);
                s[r] = sparkPass(spark, job);
                System.out.printf(Locale.ROOT, "round %d: plain %.2f s (%.2f img/s), spark %.2f s (%.2f img/s),"
                        + " ratio %.2f%n", r + 1, p[r], images.size() / p[r], s[r], images.size() / s[r], p[r] / s[r]);
            }
            double[] ratios = new double[job.rounds];
            for (int r = 0; r < job.rounds; r++) {
                ratios[r] = p[r] / s[r];
            }
            System.out.printf(Locale.ROOT, "median: plain %.2f img/s, spark %.2f img/s (%.2f img/s per core);"
                    + " spark/plain throughput ratio %.2f (median of the rounds' ratios)%n",
                    images.size() / median(p), images.size() / median(s), images.size() / median(s) / cores,
                    median(ratios));
        } finally {
            spark.stop();
        }
        return 0;
    }

    /** One inspection of every image, rows materialised and dropped (Spark's noop sink). */
    private static double sparkPass(SparkSession spark, BenchmarkJob job) {
        long t = System.nanoTime();
        SamladSpark.inspect(SamladSpark.readImages(spark, job.input), job.bank, InspectOptions.DEFAULTS)
                .write().format("noop").mode("overwrite").save();
        return (System.nanoTime() - t) / 1e9;
    }

    /** What {@code samlad predict} does per image (read, decode, predict) on a pool of threads, without writing. */
    private static double plainPass(FittedDetector detector, List<Path> images, int threads) {
        long t = System.nanoTime();
        ParallelMap.map(new ArrayList<>(images), threads, (i, path) -> detector.predict(ImageLoader.read(path)),
                ProgressListener.NONE, "predicting");
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
