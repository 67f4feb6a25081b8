package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.config.StageTimings;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Out-of-fold image scores of the calibration images. Scoring an image with statistics (per-position noise, each
 * measure's location and scale) that were fitted on it too flatters it: its own unusual patches widen the spread
 * they are divided by. Unseen parts get no such help, so a threshold set on in-sample scores flags more of them than
 * it promises. Here the images are split into folds (image i in fold i mod K) and each fold is scored with the
 * statistics of the others, exactly as {@code predict} would score it.
 */
final class CrossFitting {
    private CrossFitting() {
    }

    /**
     * @param scenes     the calibration images' scenes, in the order of {@code raws}
     * @param raws       their raw measurements (patch maps not yet normalised)
     * @param bank       the bank (its calibration is replaced per fold)
     * @param folds      K; 1 scores every image with statistics from all of them (in-sample)
     * @param statistics fits the statistics on a list of raw measurements
     * @return each image's image score
     */
    static double[] outOfFoldScores(List<Scene> scenes, List<RawMeasurement> raws, TemplateBank bank, int folds,
            Function<List<RawMeasurement>, Calibration> statistics) {
        int n = raws.size();
        double[] out = new double[n];
        int k = Math.max(1, Math.min(folds, n));
        for (int f = 0; f < k; f++) {
            List<RawMeasurement> fitOn = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (k == 1 || i % k != f) {
                    fitOn.add(raws.get(i));
                }
            }
            Calibration cal = statistics.apply(fitOn);
            TemplateBank foldBank = bank.withCalibration(cal);
            for (int i = f; i < n; i += k) {
                RawMeasurement r = raws.get(i).withPatchNoise(cal.patchNoise(), cal.bankNoise());
                Scene sc = scenes.get(i);
                out[i] = PredictionAssembler.assemble(sc.width(), sc.height(), sc, r, foldBank, cal,
                        new StageTimings()).score();
            }
        }
        return out;
    }
}
