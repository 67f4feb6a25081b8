package io.samlad.eval.metrics;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;

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
        // The comparison spelled with < and == (not Double.compare), so that -0 and +0 tie as before.
        return mannWhitney(neg.length, pos.length, (n, p) -> neg[n] < pos[p] ? -1 : neg[n] == pos[p] ? 0 : 1);
    }

    /** The same for float scores (pixels), without widening millions of values to double. */
    public static double of(float[] negatives, float[] positives) {
        requireBoth(negatives.length, positives.length);
        int[] neg = keys(negatives);
        int[] pos = keys(positives);
        return mannWhitney(neg.length, pos.length, (n, p) -> Integer.compare(neg[n], pos[p]));
    }

    /**
     * The statistic over two ascending sorted score lists, given only how the n-th negative compares to the p-th
     * positive (negative, zero or positive, like a comparator): for each positive, in ascending order, the negatives
     * below it and half those equal to it, counted with two moving pointers.
     */
    private static double mannWhitney(int negatives, int positives, IntBinaryOperator compare) {
        double sum = 0;
        int below = 0;
        int upTo = 0;
        for (int p = 0; p < positives; p++) {
            while (below < negatives && compare.applyAsInt(below, p) < 0) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < negatives && compare.applyAsInt(upTo, p) == 0) {
                upTo++;
            }
            sum += below + 0.5 * (upTo - below);
        }
        return sum / ((double) negatives * positives);
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
