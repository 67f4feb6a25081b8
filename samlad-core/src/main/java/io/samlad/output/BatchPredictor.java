package io.samlad.output;

import io.samlad.config.Stage;
import io.samlad.detector.AnomalyDetector;
import io.samlad.detector.Prediction;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLimits;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.util.InvalidInputException;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Predicts a batch of images on a bounded pool of threads and hands each result to a {@link PredictionWriter}. An
 * image that cannot be read (or is refused as input) gets an error row in the tables; the others are still predicted
 * and written. The caller commits the writer: this class writes no table itself.
 */
public final class BatchPredictor {
    private BatchPredictor() {
    }

    /** What went wrong with one input. */
    public record Failure(ImageFiles.Input input, String message) {
    }

    /**
     * The outcome of a batch.
     *
     * @param seconds wall time of decoding, predicting and queueing the files (not the final drain)
     */
    public record Result(int predicted, List<Failure> failures, double seconds) {
    }

    public static Result run(AnomalyDetector detector, double threshold, List<ImageFiles.Input> inputs,
            PredictionWriter writer, int threads, ProgressListener progress) {
        return run(detector, threshold, inputs, writer, threads, progress, ImageLimits.defaults());
    }

    /** As above, reading images within {@code limits} (an image above them is a failure of that input). */
    public static Result run(AnomalyDetector detector, double threshold, List<ImageFiles.Input> inputs,
            PredictionWriter writer, int threads, ProgressListener progress, ImageLimits limits) {
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        if (inputs.size() > 0) {
            startPreparing(detector);
        }
        ParallelMap.map(inputs, threads, (i, in) -> {
            long t0 = System.nanoTime();
            RgbImage image;
            Prediction p;
            long decode;
            try {
                image = ImageLoader.read(in.file(), limits);
                decode = System.nanoTime() - t0;
                p = detector.predict(image);
            } catch (InvalidInputException e) {
                // the input's fault (unreadable, too large, refused by the detector): a row that says so
                failures.add(new Failure(in, e.getMessage()));
                writer.fail(i, in.relPath(), e.getMessage());
                return null;
            }
            p.timings().add(Stage.DECODE, decode);
            long t1 = System.nanoTime();
            try {
                writer.write(i, in.relPath(), image, p, threshold);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.timings().add(Stage.WRITING, System.nanoTime() - t1);
            return null;
        }, progress, "predicting");
        failures.sort((a, b) -> a.input().relPath().compareTo(b.input().relPath()));
        return new Result(inputs.size() - failures.size(), List.copyOf(failures), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The detector's once-per-bank work ({@link AnomalyDetector#prepare}) on a thread of its own while the workers
     * decode and analyse their first images: otherwise the first query computes it while the other workers, needing
     * the same tables, wait (half a second with a 300-image bank, one core idle). A failure here is left to the
     * queries, which do the work again and report their own errors; a daemon thread, so it never holds up an exit.
     */
    private static void startPreparing(AnomalyDetector detector) {
        Thread t = new Thread(() -> {
            try {
                detector.prepare();
            } catch (RuntimeException | Error e) {
                // the first query meets the same problem and reports it with its input
            }
        }, "samlad-prepare");
        t.setDaemon(true);
        t.start();
    }
}
