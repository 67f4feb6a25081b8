package io.samlad.eval.metrics;

/**
 * Wilson's 95 % score interval for a rate counted on a test set ({@code x} of {@code n}: good images flagged, anomalies
 * caught): with {@code p = x / n} and {@code z} the normal quantile,
 * <pre>
 *   centre = (p + z² / 2n) / (1 + z² / n),   half-width = z / (1 + z² / n) · sqrt(p (1 - p) / n + z² / 4n²).
 * </pre>
 * Unlike {@code p ± z sqrt(p (1 - p) / n)} it does not collapse at 0 or 1: no false alarm among 40 good images still
 * leaves a rate of up to 0.088 possible.
 */
public final class WilsonInterval {
    private WilsonInterval() {
    }

    /** The 95 % interval {lower, upper} of the rate {@code x / n}. */
    public static double[] of(int x, int n) {
        if (n < 1 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= x <= n and n >= 1, got " + x + " of " + n);
        }
        double z = AurocInterval.Z95;
        double p = x / (double) n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
        // the exact ends: rounding must not move a limit past 0 or 1, nor off 0 at x = 0 (or off 1 at x = n)
        return new double[] {x == 0 ? 0 : Math.max(0, centre - half), x == n ? 1 : Math.min(1, centre + half)};
    }
}
