package io.samlad.eval;

import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.data.Category;
import io.samlad.detector.AnomalyDetector;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.Prediction;
import io.samlad.detector.Verdict;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in detector for the evaluator tests: the anomaly map is the mean absolute difference (over channels) from
 * the mean training image; the image score is the map's mean over its brightest 5% pixels; the threshold is the
 * highest validation score.
 */
final class MeanImageDetector implements AnomalyDetector {
    private final float[] mean;
    private final int width;
    private final int height;
    private final double threshold;

    MeanImageDetector(Category c) {
        List<Path> train = c.trainImages();
        RgbImage first = ImageLoader.read(train.get(0));
        width = first.width();
        height = first.height();
        mean = new float[first.planar().length];
        for (Path p : train) {
            float[] d = ImageLoader.read(p).planar();
            for (int i = 0; i < d.length; i++) {
                mean[i] += d[i] / train.size();
            }
        }
        double t = Double.NEGATIVE_INFINITY;
        for (Path p : c.validationImages()) {
            t = Math.max(t, predict(ImageLoader.read(p)).score());
        }
        threshold = t;
    }

    @Override
    public Prediction predict(RgbImage image) {
        StageTimings timings = new StageTimings();
        int plane = width * height;
        float[] map = new float[plane];
        timings.time(Stage.MEASURING, () -> {
            float[] d = image.planar();
            for (int i = 0; i < plane; i++) {
                map[i] = (Math.abs(d[i] - mean[i]) + Math.abs(d[plane + i] - mean[plane + i])
                        + Math.abs(d[2 * plane + i] - mean[2 * plane + i])) / 3f;
            }
            return null;
        });
        float[] sorted = map.clone();
        java.util.Arrays.sort(sorted);
        int top = Math.max(1, plane / 20);
        double s = 0;
        for (int i = plane - top; i < plane; i++) {
            s += sorted[i];
        }
        double score = s / top;
        DetectedObject square = new DetectedObject(0, score > threshold ? Verdict.MISSING : Verdict.OK, score, 13, 13,
                8, 8, 17, 17, 100.0 / plane, 0, 0);
        return new Prediction(score, score, score, new FloatMap(width, height, map), List.of(square), List.of(0),
                timings);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public String name() {
        return "mean-image";
    }
}
