package io.samlad.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The eigen decomposition against two plain references kept here: cyclic Jacobi (all eigenvalues) and power
 * iteration (the leading eigenvector), on random symmetric matrices, and on the cases that break careless code:
 * repeated eigenvalues, a zero matrix, a matrix already diagonal or tridiagonal, 1 x 1.
 */
class SymmetricEigenTest {

    static double[] randomSymmetric(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rnd.nextDouble(-1, 1);
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    /** Reference: cyclic Jacobi rotations until the off-diagonal part vanishes; eigenvalues descending. */
    static double[] jacobiEigenvalues(double[] matrix, int n) {
        double[] a = matrix.clone();
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) { // columns p, q
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) { // rows p, q
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
        }
        Arrays.sort(d);
        for (int i = 0; i < n / 2; i++) {
            double t = d[i];
            d[i] = d[n - 1 - i];
            d[n - 1 - i] = t;
        }
        return d;
    }

    /** Checks A v = lambda v and orthonormality of the returned pairs. */
    static void assertEigenpairs(double[] a, int n, SymmetricEigen.Result r, double tol) {
        for (int i = 0; i < r.values().length; i++) {
            double[] v = r.vectors()[i];
            for (int row = 0; row < n; row++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[row * n + k] * v[k];
                }
                assertThat(s).as("(A v - lambda v)[%d] of pair %d", row, i).isCloseTo(r.values()[i] * v[row],
                        within(tol));
            }
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += v[k] * r.vectors()[j][k];
                }
                assertThat(dot).as("v%d . v%d", i, j).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void eigenvaluesEqualJacobisOnRandomMatrices() {
        for (int n : new int[] {1, 2, 3, 7, 40, 97}) {
            double[] a = randomSymmetric(n, n);
            SymmetricEigen.Result r = SymmetricEigen.largest(a, n, n);
            double[] expected = jacobiEigenvalues(a, n);
            for (int i = 0; i < n; i++) {
                assertThat(r.values()[i]).as("eigenvalue %d of %d", i, n).isCloseTo(expected[i], within(1e-10));
            }
            assertEigenpairs(a, n, r, 1e-10);
        }
    }

    @Test
    void theLeadingEigenvectorIsPowerIterations() {
        // a covariance-like matrix (positive semi-definite) with a clear gap after its first eigenvalue
        int n = 30;
        double[] b = randomSymmetric(n, 5);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s + 3; // + 3 * ones: a dominant direction
            }
        }
        double[] v = new double[n];
        Arrays.fill(v, 1);
        for (int it = 0; it < 500; it++) {
            double[] w = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    w[i] += a[i * n + k] * v[k];
                }
                norm += w[i] * w[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        SymmetricEigen.Result r = SymmetricEigen.largest(a, n, 1);
        double sign = Math.signum(r.vectors()[0][0] * v[0]);
        for (int i = 0; i < n; i++) {
            assertThat(sign * r.vectors()[0][i]).isCloseTo(v[i], within(1e-9));
        }
    }

    @Test
    void repeatedZeroDiagonalAndTridiagonalMatricesDecompose() {
        int n = 12;
        double[] identityTimesTwo = new double[n * n];
        double[] diagonal = new double[n * n];
        double[] tridiagonal = new double[n * n];
        for (int i = 0; i < n; i++) {
            identityTimesTwo[i * n + i] = 2;
            diagonal[i * n + i] = i % 3; // each value four times
            tridiagonal[i * n + i] = 2;
            if (i > 0) {
                tridiagonal[i * n + i - 1] = -1;
                tridiagonal[(i - 1) * n + i] = -1;
            }
        }
        for (double[] a : new double[][] {identityTimesTwo, diagonal, tridiagonal, new double[n * n]}) {
            SymmetricEigen.Result r = SymmetricEigen.largest(a, n, n);
            assertEigenpairs(a, n, r, 1e-12);
            assertThat(r.values()).containsExactly(jacobiEigenvalues(a, n), within(1e-12));
        }
        // the second difference matrix's eigenvalues are known: 2 - 2 cos(k pi / (n + 1))
        double[] known = new double[n];
        for (int k = 1; k <= n; k++) {
            known[n - k] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        assertThat(SymmetricEigen.largest(tridiagonal, n, n).values()).containsExactly(known, within(1e-12));
    }

    @Test
    void rankDeficientMatricesDecompose() {
        // B B^T with B of rank 3, as the covariance of features that vary in three directions: 37 zero eigenvalues
        // that rounding makes slightly non-zero, which must not stop the iteration
        // (the tiny test ViT's, 384 channels: channel i copies colour i % 3, scaled by 1 + i / 3)
        int n = 384;
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] colours = new double[3][3];
        for (double[] row : colours) {
            for (int k = 0; k < 3; k++) {
                row[k] = rnd.nextDouble(0, 0.1);
            }
        }
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) {
            b[i] = colours[i % 3].clone();
            for (int k = 0; k < 3; k++) {
                b[i][k] *= 1 + i / 3;
            }
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i * n + j] += b[i][k] * b[j][k];
                }
            }
        }
        SymmetricEigen.Result r = SymmetricEigen.largest(a, n, n);
        // three non-zero eigenvalues, whose sum is the trace
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
        }
        assertThat(r.values()[0] + r.values()[1] + r.values()[2]).isCloseTo(trace, within(1e-9 * trace));
        assertThat(Math.abs(r.values()[3])).isLessThan(1e-9 * trace);
        assertEigenpairs(a, n, r, 1e-9 * r.values()[0]);
    }

    @Test
    void onlyTheLowerTriangleIsReadAndBadInputIsRefused() {
        int n = 6;
        double[] a = randomSymmetric(n, 9);
        double[] lowerOnly = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                lowerOnly[i * n + j] = 1e9;
            }
        }
        assertThat(SymmetricEigen.largest(lowerOnly, n, 3).values())
                .containsExactly(SymmetricEigen.largest(a, n, 3).values());
        assertThatThrownBy(() -> SymmetricEigen.largest(new double[5], 2, 1)).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> SymmetricEigen.largest(new double[] {Double.NaN}, 1, 1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("not finite");
    }
}
