package io.samlad.eval.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve: the probability that a random anomalous sample scores higher than a random normal one,
 * ties counting one half (the Mann-Whitney statistic, which equals the trapezoidal area under the exact ROC curve
 * over every distinct threshold). Sorting once makes it O(n log n), fast enough for every pixel of a test set.
 */
public final class Auroc {
    private Auroc() {
    }

    public static double of(double[] negatives, double[] positives) {
        requireBoth(negatives.length, positives.length);
        double[] neg = negatives.clone();
        double[] pos = positives.clone();
        for (double v : neg) {
            requireNumber(v);
        }
        for (double v : pos) {
            requireNumber(v);
        }
        Arrays.sort(neg);
        Arrays.sort(pos);
        // For each positive (ascending), count negatives below it and equal to it with two moving pointers.
        double sum = 0;
        int below = 0;
        int upTo = 0;
        for (double p : pos) {
            while (below < neg.length && neg[below] < p) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < neg.length && neg[upTo] == p) {
                upTo++;
            }
            sum += below + 0.5 * (upTo - below);
        }
        return sum / ((double) neg.length * pos.length);
    }

    /** The same for float scores (pixels), without widening millions of values to double. */
    public static double of(float[] negatives, float[] positives) {
        requireBoth(negatives.length, positives.length);
        int[] neg = keys(negatives);
        int[] pos = keys(positives);
        double sum = 0;
        int below = 0;
        int upTo = 0;
        for (int p : pos) {
            while (below < neg.length && neg[below] < p) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < neg.length && neg[upTo] == p) {
                upTo++;
            }
            sum += below + 0.5 * (upTo - below);
        }
        return sum / ((double) neg.length * pos.length);
    }

    private static int[] keys(float[] v) {
        int[] k = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            k[i] = SortKeys.key(v[i]);
        }
        Arrays.sort(k);
        return k;
    }

    private static void requireBoth(int negatives, int positives) {
        if (negatives == 0 || positives == 0) {
            throw new IllegalArgumentException("AUROC needs normal and anomalous samples (got " + negatives + " and "
                    + positives + ")");
        }
    }

    private static void requireNumber(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("score is NaN");
        }
    }
}
