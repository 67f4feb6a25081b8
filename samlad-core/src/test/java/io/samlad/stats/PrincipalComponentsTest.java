package io.samlad.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Principal components as a user relies on them: projecting onto the first k components and back loses exactly the
 * variance of the others (the reconstruction error of PCA), and no other k directions lose less.
 */
class PrincipalComponentsTest {

    /** n vectors of dim values: a few strong latent directions plus weak noise, and a non-zero mean. */
    static float[] data(int n, int dim, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int latent = 4;
        double[][] dirs = new double[latent][dim];
        for (double[] d : dirs) {
            for (int c = 0; c < dim; c++) {
                d[c] = rnd.nextGaussian();
            }
        }
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                x[i * dim + c] = (float) (2 + 0.1 * rnd.nextGaussian());
            }
            for (int l = 0; l < latent; l++) {
                double s = rnd.nextGaussian() * (latent - l);
                for (int c = 0; c < dim; c++) {
                    x[i * dim + c] += (float) (s * dirs[l][c]);
                }
            }
        }
        return x;
    }

    /** Mean squared distance of the centred vectors to their projection onto the rows of {@code basis}. */
    static double reconstructionError(float[] x, int n, int dim, double[] mean, double[][] basis) {
        double err = 0;
        double[] v = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dim; c++) {
                v[c] = x[i * dim + c] - mean[c];
            }
            double[] rec = new double[dim];
            for (double[] b : basis) {
                double dot = 0;
                for (int c = 0; c < dim; c++) {
                    dot += v[c] * b[c];
                }
                for (int c = 0; c < dim; c++) {
                    rec[c] += dot * b[c];
                }
            }
            for (int c = 0; c < dim; c++) {
                err += (v[c] - rec[c]) * (v[c] - rec[c]);
            }
        }
        return err / n;
    }

    @Test
    void theReconstructionErrorIsTheVarianceLeftOut() {
        int n = 600;
        int dim = 24;
        float[] x = data(n, dim, 1);
        PrincipalComponents all = PrincipalComponents.fit(x, n, dim, dim);
        for (int k : new int[] {1, 4, 10}) {
            PrincipalComponents pca = PrincipalComponents.fit(x, n, dim, k);
            double left = 0;
            for (int i = k; i < dim; i++) {
                left += all.variances()[i];
            }
            assertThat(reconstructionError(x, n, dim, pca.mean(), pca.components())).as("k = %d", k)
                    .isCloseTo(left, within(1e-6 * all.totalVariance()));
            assertThat(pca.explained(k)).isCloseTo(1 - left / all.totalVariance(), within(1e-9));
        }
        // four latent directions: four components hold almost everything
        assertThat(all.explained(4)).isGreaterThan(0.99);
    }

    @Test
    void noOtherDirectionsReconstructBetter() {
        int n = 400;
        int dim = 16;
        float[] x = data(n, dim, 2);
        PrincipalComponents pca = PrincipalComponents.fit(x, n, dim, 3);
        double best = reconstructionError(x, n, dim, pca.mean(), pca.components());
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            // the components, each turned a little (then orthonormalised again)
            double[][] other = new double[3][];
            for (int j = 0; j < 3; j++) {
                other[j] = pca.components()[j].clone();
                for (int c = 0; c < dim; c++) {
                    other[j][c] += 0.05 * rnd.nextGaussian();
                }
                for (int i = 0; i < j; i++) {
                    double dot = 0;
                    for (int c = 0; c < dim; c++) {
                        dot += other[j][c] * other[i][c];
                    }
                    for (int c = 0; c < dim; c++) {
                        other[j][c] -= dot * other[i][c];
                    }
                }
                double norm = 0;
                for (double v : other[j]) {
                    norm += v * v;
                }
                for (int c = 0; c < dim; c++) {
                    other[j][c] /= Math.sqrt(norm);
                }
            }
            assertThat(reconstructionError(x, n, dim, pca.mean(), other)).isGreaterThan(best);
        }
    }

    @Test
    void theMeanAndVariancesAreTheSamples() {
        float[] x = {1, 0, 3, 0, 5, 0}; // three 2-d vectors: x varies, y does not
        PrincipalComponents pca = PrincipalComponents.fit(x, 3, 2, 2);
        assertThat(pca.mean()).containsExactly(3, 0);
        assertThat(pca.variances()).containsExactly(new double[] {8.0 / 3, 0}, within(1e-12));
        assertThat(Math.abs(pca.components()[0][0])).isCloseTo(1, within(1e-12));
        assertThat(pca.totalVariance()).isCloseTo(8.0 / 3, within(1e-12));
    }
}
