package io.samlad.calibration;

import java.util.Arrays;

/**
 * How surprising a value is among normal images' values of the same quantity: {@code s(x) = -log10 P(X >= x)}, the
 * tail probability under the normals written as a surprisal (1: one normal image in 10 scores this high, 2: one in
 * 100). Measures whose normal values spread very differently (one with a heavy tail, where 6 is still normal, one
 * with a light tail, where 3 never happens) become comparable: the same surprisal means the same rarity.
 *
 * <p>Within the sample, from the empirical distribution of the n normal values: at a sample value v,
 * {@code P(X >= v) = #{normals >= v} / (n + 1)}, and between sample values s is interpolated linearly (the survival
 * log-linearly), so that s is continuous and strictly increasing where the normals spread. Beyond the tail start
 * {@code u} (the value with {@code j} normals above it) the sample is too thin to rank, and anomalies lie past its
 * end: there an exponential tail fitted to the exceedances continues it, {@code P(X >= x) = P(X >= u) exp(-(x - u) /
 * beta)}, with beta the exceedances' mean excess over u (the maximum-likelihood estimate), floored. So
 * {@code s(x) = s(u) + (x - u) / (beta ln 10)}: linear in x, with a slope that is small for a heavy-tailed measure and
 * large for a light-tailed one. Below the smallest normal value s decays towards 0 ({@code s(v_1) exp((x - v_1) /
 * beta)}), so that values there keep their order.
 *
 * @param values    knots, strictly increasing: the distinct normal values up to the tail start (the last knot)
 * @param surprisal s at each knot, non-decreasing
 * @param beta      the exponential tail's scale beyond the last knot, > 0
 */
public record TailScale(double[] values, double[] surprisal, double beta) {
    private static final double LN10 = Math.log(10);

    public TailScale {
        if (values == null || surprisal == null || values.length == 0 || values.length != surprisal.length) {
            throw new IllegalArgumentException("a tail scale needs as many surprisals as knots, at least one");
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("the tail scale's beta must be positive and finite, got " + beta);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]) || !Double.isFinite(surprisal[i])
                    || (i > 0 && (values[i] <= values[i - 1] || surprisal[i] < surprisal[i - 1]))) {
                throw new IllegalArgumentException("tail scale knots must be finite and increasing");
            }
        }
    }

    /**
     * Fits the scale to normal values.
     *
     * @param normals   values of normal images (at least one), each computed without that image in the statistics
     * @param tailShare share of the values that the exponential tail is fitted to (the largest ones)
     * @param minTail   fewest values the tail is fitted to (when the share gives fewer)
     * @param betaFloor smallest tail scale allowed: a measure almost constant on normals must not make a tiny
     *                  excess look impossibly rare
     */
    public static TailScale fit(double[] normals, double tailShare, int minTail, double betaFloor) {
        if (normals.length == 0) {
            throw new IllegalArgumentException("a tail scale needs at least one normal value");
        }
        double[] v = normals.clone();
        Arrays.sort(v);
        int n = v.length;
        int j = Math.min(n - 1, Math.max(minTail, (int) Math.round(tailShare * n)));
        double u = v[n - 1 - j];
        double excess = 0;
        for (int i = n - j; i < n; i++) {
            excess += v[i] - u;
        }
        double beta = Math.max(j > 0 ? excess / j : 0, betaFloor);
        // knots: distinct values up to u, each with the count of normals at or above it
        double[] knots = new double[n];
        double[] s = new double[n];
        int m = 0;
        for (int i = 0; i < n && v[i] <= u; i++) {
            if (m > 0 && v[i] == knots[m - 1]) {
                continue; // same value: the count at or above it is the first occurrence's
            }
            knots[m] = v[i];
            s[m] = -Math.log10((n - i) / (double) (n + 1));
            m++;
        }
        return new TailScale(Arrays.copyOf(knots, m), Arrays.copyOf(s, m), beta);
    }

    /** The surprisal of {@code x}: {@code -log10} of the share of normal images expected at or above it. */
    public double apply(double x) {
        int last = values.length - 1;
        if (x >= values[last]) {
            return surprisal[last] + (x - values[last]) / (beta * LN10);
        }
        if (x < values[0]) {
            // below every normal value: still ordered (maps are ranked pixel by pixel), tending to 0
            return surprisal[0] * Math.exp((x - values[0]) / beta);
        }
        int i = Arrays.binarySearch(values, x);
        if (i >= 0) {
            return surprisal[i];
        }
        int hi = -i - 1; // values[hi - 1] < x < values[hi]
        double t = (x - values[hi - 1]) / (values[hi] - values[hi - 1]);
        return surprisal[hi - 1] + t * (surprisal[hi] - surprisal[hi - 1]);
    }

    /**
     * The smallest value whose surprisal is {@code s}: the inverse of {@link #apply} where it increases (on a flat
     * stretch, between knots of equal surprisal, its first value).
     */
    public double inverse(double s) {
        int last = values.length - 1;
        if (s >= surprisal[last]) {
            return values[last] + (s - surprisal[last]) * beta * LN10;
        }
        if (s < surprisal[0]) {
            return s <= 0 ? Double.NEGATIVE_INFINITY : values[0] + beta * Math.log(s / surprisal[0]);
        }
        int hi = 1;
        while (surprisal[hi] < s) {
            hi++; // surprisal[hi - 1] <= s <= surprisal[hi], hi <= last
        }
        if (surprisal[hi - 1] == s) {
            return values[hi - 1];
        }
        double t = (s - surprisal[hi - 1]) / (surprisal[hi] - surprisal[hi - 1]);
        return values[hi - 1] + t * (values[hi] - values[hi - 1]);
    }

    /** The tail probability {@code P(X >= x)} under the normals, {@code 10^-s(x)}. */
    public double tailProbability(double x) {
        return Math.pow(10, -apply(x));
    }
}
