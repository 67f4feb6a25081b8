package io.samlad.stats;

import java.util.Optional;

/**
 * A multivariate Gaussian ready for Mahalanobis distances: mean and the Cholesky factor of its covariance.
 */
public final class Gaussian {
    private final float[] mean;
    private final double[] cholesky; // lower-triangular, row-major, C x C; or, when diagonal, the C standard deviations
    private final boolean diagonal;
    private final int c;

    private Gaussian(float[] mean, double[] cholesky, boolean diagonal) {
        this.mean = mean;
        this.cholesky = cholesky;
        this.diagonal = diagonal;
        this.c = mean.length;
    }

    /**
     * Builds a Gaussian from a covariance, adding {@code ridge * trace / C} to the diagonal (a numerical floor, on
     * top of any shrinkage already applied). Returns empty if the matrix is still not positive-definite.
     */
    public static Optional<Gaussian> of(float[] mean, double[] covariance, double ridge) {
        int c = mean.length;
        double trace = 0;
        for (int i = 0; i < c; i++) {
            trace += covariance[i * c + i];
        }
        double floor = ridge * Math.max(trace / c, 1e-8);
        double[] a = covariance.clone();
        for (int i = 0; i < c; i++) {
            a[i * c + i] += floor;
        }
        return Cholesky.decompose(a, c).map(l -> new Gaussian(mean, l, false));
    }

    /**
     * A Gaussian with independent channels: the diagonal of {@code covariance} (C x C, off-diagonal ignored) plus the
     * same ridge as {@link #of}. O(C) per distance, for wide features.
     */
    public static Optional<Gaussian> diagonal(float[] mean, double[] covariance, double ridge) {
        int c = mean.length;
        double trace = 0;
        for (int i = 0; i < c; i++) {
            trace += covariance[i * c + i];
        }
        double floor = ridge * Math.max(trace / c, 1e-8);
        double[] std = new double[c];
        for (int i = 0; i < c; i++) {
            double v = covariance[i * c + i] + floor;
            if (!(v > 0)) {
                return Optional.empty();
            }
            std[i] = Math.sqrt(v);
        }
        return Optional.of(new Gaussian(mean, std, true));
    }

    public int dimension() {
        return c;
    }

    /** Mahalanobis distance of the vector at {@code x[offset .. offset + C)}. */
    public double distance(float[] x, int offset) {
        return distance(x, offset, new double[c]);
    }

    /** As {@link #distance(float[], int)}, with a caller's scratch array of length C (no allocation per call). */
    public double distance(float[] x, int offset, double[] scratch) {
        if (diagonal) {
            double sum = 0;
            for (int i = 0; i < c; i++) {
                double z = (x[offset + i] - mean[i]) / cholesky[i];
                sum += z * z;
            }
            return Math.sqrt(sum);
        }
        double[] y = scratch;
        double sum = 0;
        for (int i = 0; i < c; i++) {
            double s = x[offset + i] - mean[i];
            int row = i * c;
            for (int k = 0; k < i; k++) {
                s -= cholesky[row + k] * y[k];
            }
            y[i] = s / cholesky[row + i];
            sum += y[i] * y[i];
        }
        return Math.sqrt(sum);
    }

    /** Cells solved together by {@link #distances}: enough for the vector unit, small enough for the L1 cache. */
    private static final int BLOCK = 16;

    /**
     * The distances of many vectors: {@code out[j] = distance(x, cells[j] * C)} for {@code j < count}, each bit-identical
     * to {@link #distance(float[], int, double[])}. The triangular solve runs for a block of vectors at once, so that
     * its inner loop runs across vectors (which the JIT vectorises) instead of along one vector's chain of dependent
     * subtractions; every vector still sees the same operations in the same order.
     *
     * @param x     vectors of C values each, {@code x[cell * C + channel]}
     * @param cells which vectors
     */
    public void distances(float[] x, int[] cells, int count, double[] out) {
        if (diagonal) {
            double[] scratch = new double[c];
            for (int j = 0; j < count; j++) {
                out[j] = distance(x, cells[j] * c, scratch);
            }
            return;
        }
        // one row per channel: the inner loops read and write their arrays at the same index, which the JIT can
        // tell never feeds a later iteration (and so vectorises)
        double[][] y = new double[c][BLOCK];
        double[] s = new double[BLOCK];
        double[] sum = new double[BLOCK];
        for (int j0 = 0; j0 < count; j0 += BLOCK) {
            int nb = Math.min(BLOCK, count - j0);
            java.util.Arrays.fill(sum, 0, nb, 0.0);
            for (int i = 0; i < c; i++) {
                int row = i * c;
                float m = mean[i];
                for (int b = 0; b < nb; b++) {
                    s[b] = x[cells[j0 + b] * c + i] - m;
                }
                for (int k = 0; k < i; k++) {
                    double l = cholesky[row + k];
                    double[] yk = y[k];
                    for (int b = 0; b < nb; b++) {
                        s[b] -= l * yk[b];
                    }
                }
                double diag = cholesky[row + i];
                double[] yi = y[i];
                for (int b = 0; b < nb; b++) {
                    double v = s[b] / diag;
                    yi[b] = v;
                    sum[b] += v * v;
                }
            }
            for (int b = 0; b < nb; b++) {
                out[j0 + b] = Math.sqrt(sum[b]);
            }
        }
    }
}
