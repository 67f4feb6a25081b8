package io.samlad.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianTest {
    @Test
    void choleskyOfAKnownMatrix() {
        // [[4, 2], [2, 3]] = L L^T with L = [[2, 0], [1, sqrt(2)]].
        double[] l = Cholesky.decompose(new double[] {4, 2, 2, 3}, 2).orElseThrow();
        assertThat(l).containsExactly(new double[] {2, 0, 1, Math.sqrt(2)}, within(1e-12));
    }

    @Test
    void notPositiveDefiniteIsEmpty() {
        assertThat(Cholesky.decompose(new double[] {1, 2, 2, 1}, 2)).isEmpty();
    }

    @Test
    void mahalanobisWithADiagonalCovariance() {
        // Variances 4 and 1 (ridge 0): point (2, 1) from mean (0, 0) is sqrt(2^2/4 + 1^2/1) = sqrt(2) away.
        Gaussian g = Gaussian.of(new float[] {0, 0}, new double[] {4, 0, 0, 1}, 0).orElseThrow();
        assertThat(g.distance(new float[] {2, 1}, 0)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(g.distance(new float[] {9, 0, 0}, 1)).isZero();
    }

    @Test
    void diagonalGaussianIgnoresCorrelations() {
        // Off-diagonal 1.9 would make (2, 2) close in the full model; the diagonal one sees sqrt(4/2 + 4/2) = 2.
        double[] cov = {2, 1.9, 1.9, 2};
        Gaussian full = Gaussian.of(new float[] {0, 0}, cov, 0).orElseThrow();
        Gaussian diag = Gaussian.diagonal(new float[] {0, 0}, cov, 0).orElseThrow();
        assertThat(diag.distance(new float[] {2, 2}, 0)).isCloseTo(2, within(1e-9));
        assertThat(full.distance(new float[] {2, 2}, 0)).isLessThan(1.5);
    }

    @Test
    void ledoitWolfShrinksLittleWithManySamplesAndMuchWithFew() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int c = 4;
        assertThat(intensity(rnd, c, 5000)).isLessThan(intensity(rnd, c, 6));
        double few = intensity(rnd, c, 6);
        assertThat(few).isBetween(0.0, 1.0);
    }

    /** Samples from N(0, diag(1, 2, 3, 4)); returns the Ledoit-Wolf intensity. */
    private static double intensity(java.util.SplittableRandom rnd, int c, int n) {
        double[][] x = new double[n][c];
        double[] mean = new double[c];
        for (double[] row : x) {
            for (int k = 0; k < c; k++) {
                row[k] = gaussian(rnd) * Math.sqrt(k + 1);
                mean[k] += row[k] / n;
            }
        }
        double[] s = new double[c * c];
        double fourth = 0;
        for (double[] row : x) {
            double n2 = 0;
            for (int a = 0; a < c; a++) {
                n2 += (row[a] - mean[a]) * (row[a] - mean[a]);
                for (int b = 0; b < c; b++) {
                    s[a * c + b] += (row[a] - mean[a]) * (row[b] - mean[b]) / n;
                }
            }
            fourth += n2 * n2;
        }
        return Shrinkage.ledoitWolfIntensity(s, c, fourth, n);
    }

    private static double gaussian(java.util.SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void shrinkMovesTowardsTheScaledIdentity() {
        double[] s = {2, 1, 1, 4};
        Shrinkage.shrink(s, 2, 0.5);
        // mu = 3: 0.5 * [[2,1],[1,4]] + 0.5 * 3 I.
        assertThat(s).containsExactly(new double[] {2.5, 0.5, 0.5, 3.5}, within(1e-12));
    }
}
