package io.samlad.eval.metrics;

import java.util.Arrays;

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
        double[] neg = negatives.clone();
        double[] pos = positives.clone();
        Arrays.sort(neg);
        Arrays.sort(pos);
        CurveSampler out = new CurveSampler(0);
        out.add(0, 0);
        int i = neg.length - 1;
        int j = pos.length - 1;
        long fp = 0;
        long tp = 0;
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
            out.add(fp / (double) neg.length, tp / (double) pos.length);
        }
        return out.finish();
    }
}
