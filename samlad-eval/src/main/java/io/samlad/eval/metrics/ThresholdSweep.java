package io.samlad.eval.metrics;

import java.util.Arrays;

/**
 * Walks the distinct scores of normal and anomalous samples from the highest down, calling anomalous every sample
 * that scores at least the current threshold, and counts the false and true positives at each step: the exact
 * operating points that ROC curves and F1-max are made of. Each step takes every sample tied at its threshold.
 */
final class ThresholdSweep {
    private final double[] neg;
    private final double[] pos;
    private int i;
    private int j;
    private long falsePositives;
    private long truePositives;
    private double threshold = Double.POSITIVE_INFINITY;

    ThresholdSweep(double[] negatives, double[] positives) {
        neg = negatives.clone();
        pos = positives.clone();
        Arrays.sort(neg);
        Arrays.sort(pos);
        i = neg.length - 1;
        j = pos.length - 1;
    }

    /** Moves to the next lower distinct score; false once every sample is called anomalous. */
    boolean next() {
        if (i < 0 && j < 0) {
            return false;
        }
        threshold = i < 0 ? pos[j] : j < 0 ? neg[i] : Math.max(neg[i], pos[j]);
        while (i >= 0 && neg[i] == threshold) {
            falsePositives++;
            i--;
        }
        while (j >= 0 && pos[j] == threshold) {
            truePositives++;
            j--;
        }
        return true;
    }

    /** The lowest score called anomalous at this step. */
    double threshold() {
        return threshold;
    }

    long falsePositives() {
        return falsePositives;
    }

    long truePositives() {
        return truePositives;
    }

    int negatives() {
        return neg.length;
    }

    int positives() {
        return pos.length;
    }
}
