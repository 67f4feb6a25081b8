package io.samlad.detector;

import io.samlad.calibration.Calibration;
import io.samlad.measure.RawMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Out-of-fold statistics for the calibration images. Scoring an image with statistics (per-position noise, each
 * measure's location and scale, each measure's tail scale) that were fitted on it too flatters it: its own unusual
 * patches widen the spread they are divided by, its own extreme value stretches the tail it is ranked in. Unseen
 * parts get no such help, so a threshold set on in-sample scores flags more of them than it promises. Here the
 * images are split into folds (image i in fold i mod K) and each fold is scored with the statistics of the others,
 * exactly as {@code predict} would score it.
 */
final class CrossFitting {
    private CrossFitting() {
    }

    /** The fold of the i-th image among K folds. */
    static int fold(int i, int folds) {
        return i % folds;
    }

    /** K, never more than there are images, at least 1. */
    static int folds(int requested, int images) {
        return Math.max(1, Math.min(requested, images));
    }

    /**
     * The statistics each fold is scored with: fold f's are fitted on every image outside it (with K = 1, on every
     * image: in-sample).
     *
     * @param raws       the calibration images' raw measurements (patch maps not yet normalised)
     * @param folds      K, from {@link #folds}
     * @param statistics fits the statistics on a list of raw measurements
     */
    static List<Calibration> foldStatistics(List<RawMeasurement> raws, int folds,
            Function<List<RawMeasurement>, Calibration> statistics) {
        List<Calibration> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<RawMeasurement> fitOn = new ArrayList<>();
            for (int i = 0; i < raws.size(); i++) {
                if (folds == 1 || fold(i, folds) != f) {
                    fitOn.add(raws.get(i));
                }
            }
            out.add(statistics.apply(fitOn));
        }
        return out;
    }
}
