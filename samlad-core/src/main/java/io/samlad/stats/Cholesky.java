package io.samlad.stats;

import java.util.Optional;

/** Cholesky decomposition of a symmetric matrix; empty when the matrix is not positive-definite. */
public final class Cholesky {
    private Cholesky() {
    }

    /** @return the lower-triangular L (row-major, n x n) with {@code L L^T = a}, or empty */
    public static Optional<double[]> decompose(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0) || Double.isNaN(s)) {
                        return Optional.empty();
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return Optional.of(l);
    }
}
