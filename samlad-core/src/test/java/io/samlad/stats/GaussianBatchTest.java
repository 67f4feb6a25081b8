package io.samlad.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Gaussian#distances} (a block of vectors solved together) against {@link Gaussian#distance} (one vector at a
 * time, the reference), on random Gaussians and vectors: bit-identical.
 */
class GaussianBatchTest {

    private static double[] randomCovariance(Random r, int c) {
        // A A^T / c + a little on the diagonal: symmetric positive-definite, with correlations
        double[] a = new double[c * c];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        double[] cov = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += a[i * c + k] * a[j * c + k];
                }
                cov[i * c + j] = s / c + (i == j ? 0.01 : 0);
            }
        }
        return cov;
    }

    @Test
    void aBlockOfVectorsGivesEachVectorsOwnDistanceBitForBit() {
        Random r = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int c = 1 + r.nextInt(40);
            int cells = 1 + r.nextInt(100);
            float[] mean = new float[c];
            for (int i = 0; i < c; i++) {
                mean[i] = (float) r.nextGaussian();
            }
            double[] cov = randomCovariance(r, c);
            Gaussian g = trial % 5 == 4 ? Gaussian.diagonal(mean, cov, 1e-3).orElseThrow()
                    : Gaussian.of(mean, cov, 1e-3).orElseThrow();
            float[] x = new float[cells * c];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * 3);
            }
            // a random subset of the cells, in increasing order as a mask's bits give them
            int[] which = r.ints(0, cells).distinct().limit(1 + r.nextInt(cells)).sorted().toArray();
            double[] batch = new double[which.length];
            g.distances(x, which, which.length, batch);
            double[] scratch = new double[c];
            for (int j = 0; j < which.length; j++) {
                double one = g.distance(x, which[j] * c, scratch);
                assertThat(Double.doubleToRawLongBits(batch[j]))
                        .as("trial %d (C = %d), vector %d of %d", trial, c, j, which.length)
                        .isEqualTo(Double.doubleToRawLongBits(one));
            }
        }
    }
}
