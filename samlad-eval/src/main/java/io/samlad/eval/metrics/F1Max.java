package io.samlad.eval.metrics;

import java.util.Arrays;

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
        double[] neg = negatives.clone();
        double[] pos = positives.clone();
        Arrays.sort(neg);
        Arrays.sort(pos);
        int i = neg.length - 1;
        int j = pos.length - 1;
        long fp = 0;
        long tp = 0;
        double best = 0;
        double bestThreshold = Double.POSITIVE_INFINITY;
        while (i >= 0 || j >= 0) {
            double t = i < 0 ? pos[j] : j < 0 ? neg[i] : Math.max(neg[i], pos[j]);
            while (i >= 0 && neg[i] == t) {
                fp++;
                i--;
            }
            while (j >= 0 && pos[j] == t) {
                tp++;
                j--;
            }
            // F1 = 2 TP / (2 TP + FP + FN), FN = P - TP
            double f1 = 2.0 * tp / (2.0 * tp + fp + (pos.length - tp));
            if (f1 > best) {
                best = f1;
                bestThreshold = t;
            }
        }
        return new Result(best, bestThreshold);
    }
}
