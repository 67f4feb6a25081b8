package io.samlad.stats;

/**
 * Principal component analysis of sample vectors: the mean, and the leading eigenvectors of the sample covariance
 * {@code S = 1/N sum (x - mu)(x - mu)^T} with their variances, from {@link SymmetricEigen}.
 *
 * @param mean          the samples' mean, {@code dim} values
 * @param variances     variance along each component, largest first
 * @param components    {@code components[i]} is the unit direction of {@code variances[i]}; mutually orthogonal
 * @param totalVariance the trace of S: the variance of all directions together
 * @param samples       how many vectors the analysis saw
 */
public record PrincipalComponents(double[] mean, double[] variances, double[][] components, double totalVariance,
        int samples) {

    /** Dimension of the vectors. */
    public int dim() {
        return mean.length;
    }

    /** Share of the total variance that the first {@code count} components hold (1 when there is no variance). */
    public double explained(int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += Math.max(0, variances[i]);
        }
        return totalVariance > 0 ? Math.min(1, s / totalVariance) : 1;
    }

    /**
     * The {@code count} leading components of {@code n} vectors of {@code dim} values stored one after another in
     * {@code data} ({@code data[i * dim + c]}).
     *
     * @throws IllegalArgumentException if there are fewer than two vectors or the shapes disagree
     */
    public static PrincipalComponents fit(float[] data, int n, int dim, int count) {
        if (dim < 1 || n < 2 || (long) n * dim != data.length) {
            throw new IllegalArgumentException("need at least 2 vectors of " + dim + " values, got " + data.length
                    + " values for " + n + " vectors");
        }
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            int o = i * dim;
            for (int c = 0; c < dim; c++) {
                mean[c] += data[o + c];
            }
        }
        for (int c = 0; c < dim; c++) {
            mean[c] /= n;
        }
        // lower triangle of the scatter matrix; the inner loop is a contiguous multiply-add, which the JIT vectorises
        double[] cov = new double[dim * dim];
        double[] diff = new double[dim];
        for (int i = 0; i < n; i++) {
            int o = i * dim;
            for (int c = 0; c < dim; c++) {
                diff[c] = data[o + c] - mean[c];
            }
            for (int a = 0; a < dim; a++) {
                double da = diff[a];
                int row = a * dim;
                for (int b = 0; b <= a; b++) {
                    cov[row + b] += da * diff[b];
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b <= a; b++) {
                double v = cov[a * dim + b] / n;
                cov[a * dim + b] = v;
                cov[b * dim + a] = v;
            }
            trace += cov[a * dim + a];
        }
        SymmetricEigen.Result eig = SymmetricEigen.largest(cov, dim, count);
        return new PrincipalComponents(mean, eig.values(), eig.vectors(), trace, n);
    }
}
