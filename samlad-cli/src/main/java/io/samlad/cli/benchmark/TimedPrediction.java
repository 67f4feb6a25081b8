package io.samlad.cli.benchmark;

import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Prediction;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.output.PredictionWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One image timed as {@code samlad predict} handles it. */
public final class TimedPrediction {
    private TimedPrediction() {
    }

    /** Decode, predict and (unless {@code writer} is null) write one image, as {@code samlad predict} does. */
    public static StageTimings run(FittedDetector detector, Path file, PredictionWriter writer, int index) {
        long t0 = System.nanoTime();
        RgbImage image = ImageLoader.read(file);
        long decode = System.nanoTime() - t0;
        long c0 = StageTimings.threadCpuNanos();
        Prediction p = detector.predict(image);
        long predictCpu = StageTimings.threadCpuNanos() - c0;
        StageTimings t = p.timings();
        // The scorer times measuring by wall clock alone (charging only what it ran on a helper thread): its CPU
        // time on this thread is the rest of predict's (measuring and assembling the prediction), where the other
        // stages' CPU time is known. Stages that ran on a helper thread are in the stages' total but not in this
        // thread's time.
        if (predictCpu > 0) {
            t.addCpu(Stage.MEASURING, Math.max(0, predictCpu + t.offThreadCpuNanos() - t.totalCpuNanos()));
        }
        t.add(Stage.DECODE, decode);
        long w0 = System.nanoTime();
        if (writer != null) {
            try {
                writer.write(index, index + "_" + file.getFileName(), image, p, detector.threshold());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        t.add(Stage.WRITING, System.nanoTime() - w0);
        return t;
    }
}
