package io.samlad.stats;

import java.util.Arrays;

/**
 * Quantiles with linear interpolation between order statistics (R's type 7, numpy's default):
 * {@code x[lo] + (pos - lo) (x[lo + 1] - x[lo])} with {@code pos = q (n - 1)}. Of no values, NaN.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The q-quantile of values already sorted ascending. */
    public static double ofSorted(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The q-quantile of values in any order (not modified). */
    public static double of(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        return ofSorted(v, q);
    }
}
