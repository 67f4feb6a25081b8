package io.samlad.measure;

import java.util.Arrays;

/**
 * The mean of the few smallest of a list of distances: how near the nearest normal examples are, the statistic that
 * IDENTITY, COMPOSITION and LAYOUT_JOINT all read. One pass with a small insertion list instead of a sort, since the
 * lists are long (one value per normal image) and the few wanted are 1 to 8; the sum runs in ascending order, as a
 * sorted prefix would.
 */
final class SmallestValues {
    private SmallestValues() {
    }

    /** The mean of the {@code m} smallest of all values (of all, where fewer). */
    static double mean(double[] v, int m) {
        return mean(v, v.length, m);
    }

    /** The mean of the {@code m} smallest of the first {@code n} values (of all, where fewer); 0 where none. */
    static double mean(double[] v, int n, int m) {
        int k = Math.min(m, n);
        if (k <= 0) {
            return 0;
        }
        double[] least = new double[k];
        Arrays.fill(least, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (x < least[k - 1]) {
                int at = k - 1;
                while (at > 0 && least[at - 1] > x) {
                    least[at] = least[at - 1];
                    at--;
                }
                least[at] = x;
            }
        }
        double sum = 0;
        for (double x : least) {
            sum += x;
        }
        return sum / k;
    }
}
