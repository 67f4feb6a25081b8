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

    /**
     * The median of values in any order (not modified): the middle value, or the mean of the two middle ones, which
     * is {@link #of}{@code (values, 0.5)} computed as {@code (a + b) / 2}.
     */
    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** The median absolute deviation of values from {@code centre} (unscaled; values not modified). */
    public static double mad(double[] values, double centre) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Math.abs(values[i] - centre);
        }
        return median(d);
    }
}
