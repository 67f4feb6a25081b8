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
 * image that cannot be read is reported and skipped; the others are still predicted and written.
 */
public final class BatchPredictor {
    private BatchPredictor() {
    }

    /** What went wrong with one input. */
    public record Failure(ImageFiles.Input input, String message) {
    }

    /** The outcome of a batch. */
    public record Result(int predicted, List<Failure> failures) {
    }

    public static Result run(AnomalyDetector detector, double threshold, List<ImageFiles.Input> inputs,
            PredictionWriter writer, int threads, ProgressListener progress) {
        return run(detector, threshold, inputs, writer, threads, progress, ImageLimits.defaults());
    }

    /** As above, reading images within {@code limits} (an image above them is a failure of that input). */
    public static Result run(AnomalyDetector detector, double threshold, List<ImageFiles.Input> inputs,
            PredictionWriter writer, int threads, ProgressListener progress, ImageLimits limits) {
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        ParallelMap.map(inputs, threads, (i, in) -> {
            long t0 = System.nanoTime();
            RgbImage image;
            try {
                image = ImageLoader.read(in.file(), limits);
            } catch (InvalidInputException e) {
                failures.add(new Failure(in, e.getMessage()));
                return null;
            }
            long decode = System.nanoTime() - t0;
            Prediction p = detector.predict(image);
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
        return new Result(inputs.size() - failures.size(), List.copyOf(failures));
    }
}
