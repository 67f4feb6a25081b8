package io.samlad.eval.metrics;

/**
 * The exact ROC curve of image scores for plotting: one point per distinct score (samples scoring at least that
 * much are called anomalous), from (0, 0) to (1, 1).
 */
public final class Roc {
    private Roc() {
    }

    public static Curve curve(double[] negatives, double[] positives) {
        if (negatives.length == 0 || positives.length == 0) {
            throw new IllegalArgumentException("a ROC curve needs normal and anomalous samples");
        }
        ThresholdSweep sweep = new ThresholdSweep(negatives, positives);
        CurveSampler out = new CurveSampler(0);
        out.add(0, 0);
        while (sweep.next()) {
            out.add(sweep.falsePositives() / (double) sweep.negatives(),
                    sweep.truePositives() / (double) sweep.positives());
        }
        return out.finish();
    }
}
