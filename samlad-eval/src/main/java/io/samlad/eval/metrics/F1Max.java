package io.samlad.eval.metrics;

/**
 * The best F1 score over every threshold on image scores (samples scoring at least the threshold are called
 * anomalous), with the threshold that reaches it: the figure anomalib reports as F1-max.
 */
public final class F1Max {
    private F1Max() {
    }

    /** @param f1 the maximum F1; @param threshold the lowest score still called anomalous at that maximum */
    public record Result(double f1, double threshold) {
    }

    public static Result of(double[] negatives, double[] positives) {
        if (positives.length == 0) {
            throw new IllegalArgumentException("F1 needs anomalous samples");
        }
        ThresholdSweep sweep = new ThresholdSweep(negatives, positives);
        double best = 0;
        double bestThreshold = Double.POSITIVE_INFINITY;
        while (sweep.next()) {
            long tp = sweep.truePositives();
            // F1 = 2 TP / (2 TP + FP + FN), FN = P - TP
            double f1 = 2.0 * tp / (2.0 * tp + sweep.falsePositives() + (sweep.positives() - tp));
            if (f1 > best) {
                best = f1;
                bestThreshold = sweep.threshold();
            }
        }
        return new Result(best, bestThreshold);
    }
}
