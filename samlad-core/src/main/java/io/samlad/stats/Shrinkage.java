package io.samlad.stats;

/**
 * Covariance shrinkage towards a scaled identity, {@code (1 - rho) S + rho (tr(S)/C) I}, for estimates from few
 * samples (an object of a few dozen cells in a few reference images).
 */
public final class Shrinkage {
    private Shrinkage() {
    }

    /**
     * Ledoit and Wolf's (2004) intensity from the sample statistics alone:
     * {@code rho = min(b2, d2) / d2} with {@code d2 = |S - mu I|_F^2} and
     * {@code b2 = (sum_i |x_i|^4 - n |S|_F^2) / n^2}, where x_i are the centred samples, {@code S = sum x_i x_i^T / n}
     * and {@code mu = tr(S) / C}. The identity {@code sum_i |x_i x_i^T - S|_F^2 = sum_i |x_i|^4 - n |S|_F^2} means only
     * the fourth-moment sum is needed beyond S.
     *
     * @param s            the biased sample covariance (divided by n), row-major C x C
     * @param sumFourth    sum over samples of |x_i|^4
     * @param n            number of samples
     */
    public static double ledoitWolfIntensity(double[] s, int c, double sumFourth, int n) {
        if (n < 2) {
            return 1.0;
        }
        double mu = 0;
        for (int i = 0; i < c; i++) {
            mu += s[i * c + i];
        }
        mu /= c;
        double frob = 0;
        double d2 = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double v = s[i * c + j];
                frob += v * v;
                double t = v - (i == j ? mu : 0);
                d2 += t * t;
            }
        }
        if (d2 <= 0) {
            return 1.0;
        }
        double b2 = Math.max(0, (sumFourth - n * frob) / ((double) n * n));
        return Math.min(b2, d2) / d2;
    }

    /** Applies intensity {@code rho} to S in place and returns it. */
    public static double[] shrink(double[] s, int c, double rho) {
        double mu = 0;
        for (int i = 0; i < c; i++) {
            mu += s[i * c + i];
        }
        mu /= c;
        for (int i = 0; i < c * c; i++) {
            s[i] *= 1 - rho;
        }
        for (int i = 0; i < c; i++) {
            s[i * c + i] += rho * mu;
        }
        return s;
    }
}
