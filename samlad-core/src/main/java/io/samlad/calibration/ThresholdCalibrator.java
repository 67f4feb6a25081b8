package io.samlad.calibration;

import java.util.Arrays;
import java.util.Locale;

/**
 * Sets the decision threshold from normal images' scores so that the false-positive rate it promises holds, with a
 * stated confidence, on normal images not yet seen.
 *
 * <p><b>Order statistics.</b> Of n exchangeable normal scores, the probability that a new normal image scores above
 * the k-th largest is itself random, distributed as Beta(k, n + 1 - k) (whatever the score's distribution). So the
 * k-th largest keeps the false-positive rate below {@code alpha} with confidence {@code c} when
 * {@code P(Beta(k, n + 1 - k) > alpha) = P(Binomial(n, alpha) <= k - 1) <= 1 - c}. The threshold is the k-th largest
 * score for the largest such k (the lowest threshold with that guarantee).
 *
 * <p><b>Too few images.</b> Even the largest score gives the guarantee only when {@code (1 - alpha)^n <= 1 - c}
 * (n >= 45 for 5 % at 90 %). With fewer, the threshold is extrapolated beyond the largest score from an exponential
 * tail fitted to the scores above their median: {@code P(S > m + y) = exp(-y / beta) / 2}, with beta's upper
 * confidence bound {@code 2 j beta_hat / chi2_(1-c)(2 j)} from its j exceedances (beta_hat their mean excess), so
 * {@code t = max(s_max, m + beta_up ln(1 / (2 alpha)))}. A maximum of many per-position distances, which the image
 * score is, has an exponential (Gumbel) upper tail.
 */
public final class ThresholdCalibrator {
    private ThresholdCalibrator() {
    }

    /** A threshold with its promise. */
    public record Result(double threshold, ThresholdPromise promise) {
    }

    /**
     * @param scores     image scores of normal images, each computed without that image in the statistics
     * @param targetFpr  the false-positive rate to keep to, in (0, 1)
     * @param confidence the confidence of the guarantee, in (0, 1)
     */
    public static Result calibrate(double[] scores, double targetFpr, double confidence) {
        if (!(targetFpr > 0 && targetFpr < 1) || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need 0 < targetFpr < 1 and 0 < confidence < 1");
        }
        int n = scores.length;
        if (n == 0) {
            return new Result(Double.POSITIVE_INFINITY, new ThresholdPromise(targetFpr, confidence, 0, 0, 0,
                    "no normal scores: nothing is flagged"));
        }
        double[] desc = scores.clone();
        Arrays.sort(desc);
        for (int i = 0; i < n / 2; i++) {
            double t = desc[i];
            desc[i] = desc[n - 1 - i];
            desc[n - 1 - i] = t;
        }
        int best = 0;
        for (int k = 1; k <= n; k++) {
            if (binomialCdf(n, targetFpr, k - 1) <= 1 - confidence) {
                best = k;
            } else {
                break; // the CDF grows with k
            }
        }
        if (best > 0) {
            double bound = exceedanceBound(n, best, confidence);
            String rule = String.format(Locale.ROOT, "the %s largest of %d normal scores", ordinal(best), n);
            return new Result(desc[best - 1], new ThresholdPromise(targetFpr, confidence, bound, n, best, rule));
        }
        double median = n % 2 == 1 ? desc[n / 2] : 0.5 * (desc[n / 2 - 1] + desc[n / 2]);
        double excess = 0;
        int j = 0;
        for (double s : desc) {
            if (s > median) {
                excess += s - median;
                j++;
            }
        }
        if (j == 0) {
            return new Result(desc[0], new ThresholdPromise(targetFpr, confidence, exceedanceBound(n, 1, confidence),
                    n, 1, "the largest of " + n + " identical normal scores"));
        }
        double betaUp = 2 * excess / chiSquareQuantile(1 - confidence, 2 * j);
        double t = Math.max(desc[0], median + betaUp * Math.log(1 / (2 * targetFpr)));
        String rule = String.format(Locale.ROOT,
                "%d normal scores are too few for the largest to guarantee it: extrapolated from their exponential tail",
                n);
        return new Result(t, new ThresholdPromise(targetFpr, confidence, targetFpr, n, 0, rule));
    }

    /** Upper c-confidence bound on the probability that a new score exceeds the k-th largest of n: Beta(k, n+1-k). */
    static double exceedanceBound(int n, int k, double confidence) {
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            // P(Beta(k, n+1-k) <= mid) = P(Binomial(n, mid) >= k)
            if (1 - binomialCdf(n, mid, k - 1) < confidence) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** P(Binomial(n, p) <= k). */
    static double binomialCdf(int n, double p, int k) {
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        double logTerm = n * Math.log1p(-p); // i = 0
        double sum = Math.exp(logTerm);
        for (int i = 1; i <= k; i++) {
            logTerm += Math.log((n - i + 1) / (double) i) + Math.log(p) - Math.log1p(-p);
            sum += Math.exp(logTerm);
        }
        return Math.min(1, sum);
    }

    /** The q-quantile of chi-square with v degrees of freedom (Wilson-Hilferty; within 1 % for v >= 2). */
    static double chiSquareQuantile(double q, int v) {
        double z = normalQuantile(q);
        double a = 2.0 / (9 * v);
        double c = 1 - a + z * Math.sqrt(a);
        return v * Math.max(1e-9, c * c * c);
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
    static double normalQuantile(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    private static String ordinal(int k) {
        int mod100 = k % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (k % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return k + suffix;
    }
}
