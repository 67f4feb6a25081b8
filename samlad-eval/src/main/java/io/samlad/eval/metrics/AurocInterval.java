package io.samlad.eval.metrics;

/**
 * A 95 % confidence interval for an image AUROC measured on a small test set (ten anomalies of one kind against forty
 * good images), so that a figure can be read with the uncertainty its counts carry.
 *
 * <p>The Hanley–McNeil variance of an AUROC {@code θ} with {@code m} anomalous and {@code n} normal images, under the
 * exponential model of the two score distributions,
 * <pre>
 *   V(θ) = θ (1 - θ) [ 1 + (m - 1) (1 - θ) / (2 - θ) + (n - 1) θ / (1 + θ) ] / (m n),
 * </pre>
 * is inverted the way Wilson's interval inverts a proportion's: the limits are the two values of {@code θ} with
 * {@code (θ̂ - θ)² = z² V(θ)}, one on each side of the measured {@code θ̂}. The variance is taken at the candidate
 * {@code θ}, not at {@code θ̂}, so a perfectly separated sample ({@code θ̂ = 1}, where the plain Wald interval and
 * the bootstrap both collapse to a point) still gets a lower limit that shrinks as the counts grow. Each limit is
 * found by bisection; {@code V} vanishes at 0 and 1, so each side holds a root.
 */
public final class AurocInterval {
    /** The normal quantile of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;
    private static final int ITERATIONS = 60;

    private AurocInterval() {
    }

    /** The 95 % interval {lower, upper} of the AUROC of {@code positives} against {@code negatives}. */
    public static double[] of(double[] negatives, double[] positives) {
        return around(Auroc.of(negatives, positives), positives.length, negatives.length, Z95);
    }

    /** The interval around a measured AUROC {@code auroc} with {@code m} anomalous and {@code n} normal images. */
    public static double[] around(double auroc, int m, int n, double z) {
        if (m < 1 || n < 1 || !(auroc >= 0 && auroc <= 1)) {
            throw new IllegalArgumentException("need m, n >= 1 and an AUROC in [0, 1]");
        }
        return new double[] {root(auroc, 0, auroc, m, n, z), root(auroc, auroc, 1, m, n, z)};
    }

    /** Hanley and McNeil's variance of an AUROC θ with m anomalous and n normal images. */
    static double variance(double theta, int m, int n) {
        return theta * (1 - theta) * (1 + (m - 1) * (1 - theta) / (2 - theta) + (n - 1) * theta / (1 + theta))
                / ((double) m * n);
    }

    /** The θ in [lo, hi] where (measured - θ)² = z² V(θ): the side of [lo, hi] away from the measured value. */
    private static double root(double measured, double lo, double hi, int m, int n, double z) {
        // f = (measured - θ)² - z² V(θ) is <= 0 at the measured value and >= 0 at the far end (V(0) = V(1) = 0)
        boolean below = hi <= measured;
        double a = lo;
        double b = hi;
        for (int i = 0; i < ITERATIONS; i++) {
            double mid = 0.5 * (a + b);
            double f = (measured - mid) * (measured - mid) - z * z * variance(mid, m, n);
            // below the measured value the root lies where f turns from >= 0 (far) to <= 0 (near): keep that bracket
            if ((f > 0) == below) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }
}
