package io.samlad.stats;

import java.util.Arrays;

/**
 * Eigen decomposition of a real symmetric matrix: {@code A = V diag(lambda) V^T} with orthonormal eigenvectors.
 *
 * <p>Two classical steps, O(n^3) in all: Householder reflections bring A to a tridiagonal T with the same eigenvalues
 * ({@code A = Q T Q^T}), then the implicit QL iteration with Wilkinson-style shifts diagonalises T by plane rotations,
 * which are accumulated into T's eigenvectors Z; A's eigenvectors are {@code Q Z}, formed only for the eigenvalues
 * asked for. Cyclic Jacobi (kept in the tests as the reference) needs several times the work at n = 768, the width of
 * a DINOv2 ViT-B, and is slower still on memory, since each rotation walks two columns of A.
 */
public final class SymmetricEigen {
    /** QL iterations allowed per eigenvalue; convergence is cubic, a handful suffice. */
    private static final int MAX_ITERATIONS = 64;

    private SymmetricEigen() {
    }

    /**
     * The {@code count} largest eigenvalues, in descending order, and their eigenvectors.
     *
     * @param values  {@code count} eigenvalues, largest first
     * @param vectors {@code vectors[i]} is the unit eigenvector of {@code values[i]}
     */
    public record Result(double[] values, double[][] vectors) {
    }

    /**
     * Decomposes the symmetric {@code n x n} matrix {@code a} (row-major; only its lower triangle is read) and returns
     * its {@code count} largest eigenpairs.
     *
     * @throws IllegalArgumentException if the shape is wrong or a value is not finite
     * @throws ArithmeticException      if the iteration does not converge (it does for any finite symmetric matrix)
     */
    public static Result largest(double[] a, int n, int count) {
        if (n < 1 || a.length != n * n) {
            throw new IllegalArgumentException("expected an n x n matrix, n >= 1, got " + a.length + " values for n = "
                    + n);
        }
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("count must be in [0, " + n + "], got " + count);
        }
        for (double v : a) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("matrix has a value that is not finite");
            }
        }
        double[][] lower = new double[n][];
        for (int i = 0; i < n; i++) {
            lower[i] = Arrays.copyOf(Arrays.copyOfRange(a, i * n, i * n + n), n);
        }
        double[] d = new double[n];
        double[] e = new double[n];
        double[][] reflectors = tridiagonalise(lower, n, d, e);
        // zt[j] is column j of Z (T's eigenvector of d[j]): a rotation of two columns then walks two arrays in order
        double[][] zt = new double[n][n];
        for (int j = 0; j < n; j++) {
            zt[j][j] = 1;
        }
        diagonalise(d, e, zt, n);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // descending, ties by index so that the order is deterministic
        Arrays.sort(order, (x, y) -> d[x] != d[y] ? Double.compare(d[y], d[x]) : Integer.compare(x, y));
        double[] values = new double[count];
        double[][] vectors = new double[count][];
        for (int r = 0; r < count; r++) {
            values[r] = d[order[r]];
            vectors[r] = backTransform(zt[order[r]], reflectors, n);
        }
        return new Result(values, vectors);
    }

    /**
     * Householder tridiagonalisation in place: step k reflects rows and columns k+1..n-1 so that column k is zero
     * below its subdiagonal. Fills the diagonal {@code d} and the subdiagonal {@code e} ({@code e[k]} joins k and k+1)
     * and returns the unit reflector of each step ({@code H_k = I - 2 v v^T} on indices k+1..n-1; null when the
     * column was already zero), so that {@code A = H_0 ... H_{n-3} T H_{n-3} ... H_0}.
     */
    private static double[][] tridiagonalise(double[][] a, int n, double[] d, double[] e) {
        double[][] reflectors = new double[Math.max(0, n - 2)][];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int m = n - k - 1; // length of the part below the diagonal
            double norm = 0;
            for (int i = k + 1; i < n; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            if (norm == 0) {
                e[k] = 0;
                continue;
            }
            // alpha has the sign opposite to the leading entry, so that x - alpha e1 does not cancel
            double alpha = a[k + 1][k] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = a[k + 1 + i][k];
            }
            v[0] -= alpha;
            double vn = 0;
            for (double x : v) {
                vn = Math.hypot(vn, x);
            }
            for (int i = 0; i < m; i++) {
                v[i] /= vn;
            }
            reflectors[k] = v;
            e[k] = alpha;
            // trailing block B (indices k+1..): B <- H B H = B - 2 v q^T - 2 q v^T, with p = B v, q = p - (v^T p) v
            double vp = 0;
            for (int i = 0; i < m; i++) {
                double s = 0;
                double[] row = a[k + 1 + i];
                // symmetric: read the lower triangle only (row i, columns <= i; column i, rows > i)
                for (int j = 0; j <= i; j++) {
                    s += row[k + 1 + j] * v[j];
                }
                for (int j = i + 1; j < m; j++) {
                    s += a[k + 1 + j][k + 1 + i] * v[j];
                }
                p[i] = s;
                vp += v[i] * s;
            }
            for (int i = 0; i < m; i++) {
                p[i] -= vp * v[i];
            }
            for (int i = 0; i < m; i++) {
                double[] row = a[k + 1 + i];
                double vi2 = 2 * v[i];
                double pi2 = 2 * p[i];
                for (int j = 0; j <= i; j++) {
                    row[k + 1 + j] -= vi2 * p[j] + pi2 * v[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
        }
        if (n >= 2) {
            e[n - 2] = a[n - 1][n - 2];
        }
        e[n - 1] = 0;
        return reflectors;
    }

    /**
     * Implicit QL with shifts on the tridiagonal (d, e), in place: d becomes the eigenvalues (unsorted) and column j
     * of Z ({@code zt[j]}) the eigenvector of d[j], Z having started as the identity.
     */
    private static void diagonalise(double[] d, double[] e, double[][] zt, int n) {
        // An off-diagonal entry below eps times the matrix's scale is zero to working precision, as far as the
        // eigenvalues' absolute accuracy goes. Without this floor a rank-deficient matrix (a covariance of features
        // that vary in few directions) never splits: its small diagonal entries are rounding noise themselves.
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(d[i]) + Math.abs(e[i]));
        }
        double floor = 0x1p-52 * scale;
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            int m;
            do {
                // split where an off-diagonal entry is negligible next to its neighbours on the diagonal
                for (m = l; m < n - 1; m++) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= Math.ulp(dd) || Math.abs(e[m]) <= floor) {
                        break;
                    }
                }
                if (m == l) {
                    break;
                }
                if (++iterations > MAX_ITERATIONS) {
                    throw new ArithmeticException("eigen decomposition did not converge");
                }
                // shift: the eigenvalue of the leading 2x2 block closer to d[l]
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                double s = 1;
                double c = 1;
                double p = 0;
                int i;
                boolean deflated = false;
                for (i = m - 1; i >= l; i--) {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Math.hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0) {
                        // underflow: the matrix splits here; undo the partial shift and start again
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    rotate(zt[i], zt[i + 1], c, s, n);
                }
                if (deflated) {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            } while (true);
        }
    }

    /** Columns i and i+1 of Z after the plane rotation (c, s): {@code zi' = c zi - s zj}, {@code zj' = s zi + c zj}. */
    private static void rotate(double[] zi, double[] zj, double c, double s, int n) {
        for (int k = 0; k < n; k++) {
            double f = zj[k];
            double z = zi[k];
            zj[k] = s * z + c * f;
            zi[k] = c * z - s * f;
        }
    }

    /** A's eigenvector from T's: {@code Q z = H_0 (H_1 (... H_{n-3} z))}. */
    private static double[] backTransform(double[] z, double[][] reflectors, int n) {
        double[] x = z.clone();
        for (int k = reflectors.length - 1; k >= 0; k--) {
            double[] v = reflectors[k];
            if (v == null) {
                continue;
            }
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += v[i] * x[k + 1 + i];
            }
            dot *= 2;
            for (int i = 0; i < v.length; i++) {
                x[k + 1 + i] -= dot * v[i];
            }
        }
        return x;
    }
}
