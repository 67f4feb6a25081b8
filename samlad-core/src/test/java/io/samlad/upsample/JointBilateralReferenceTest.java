package io.samlad.upsample;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JointBilateralUpsampler} against the cell-by-cell loop it replaced (kept here as the reference), on random
 * features and guides: bit-identical.
 */
class JointBilateralReferenceTest {

    /** The reference: every fine cell visits its window's taps row by row and accumulates every channel. */
    static FeatureMap reference(int radius, double spatialSigma, double rangeSigma, FeatureMap coarse, RgbImage guide,
            int width, int height) {
        int cw = coarse.width();
        int ch = coarse.height();
        int c = coarse.channels();
        float[] fine = guide.resize(width, height).planar();
        float[] cell = guide.resize(cw, ch).planar();
        int fn = width * height;
        int cn = cw * ch;
        float[] src = coarse.data();
        float[] out = new float[fn * c];
        double inv2s = 1.0 / (2 * spatialSigma * spatialSigma);
        double inv2r = 1.0 / (2 * rangeSigma * rangeSigma);
        // Range weights are exp(-d^2 inv2r) for d^2 in [0, 3]; a table avoids an exp per tap.
        int lutSize = 1024;
        float[] lut = new float[lutSize + 1];
        for (int i = 0; i <= lutSize; i++) {
            lut[i] = (float) Math.exp(-(3.0 * i / lutSize) * inv2r);
        }
        float lutScale = lutSize / 3f;
        // The spatial weight is separable, exp(-dx^2 k) exp(-dy^2 k), and dx depends only on x (dy only on y): one
        // table per axis replaces an exp per tap. Products of the factors agree with the exp of the sum to within
        // rounding of the double, and the weight is stored as a float.
        int taps = 2 * radius + 1;
        int[] firstX = new int[width];
        int[] lastX = new int[width];
        double[] wx = axisWeights(radius, width, cw, inv2s, taps, firstX, lastX);
        int[] firstY = new int[height];
        int[] lastY = new int[height];
        double[] wy = axisWeights(radius, height, ch, inv2s, taps, firstY, lastY);
        float[] acc = new float[c];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                float pr = fine[p];
                float pg = fine[fn + p];
                float pb = fine[2 * fn + p];
                java.util.Arrays.fill(acc, 0f);
                float z = 0;
                for (int ny = firstY[y]; ny <= lastY[y]; ny++) {
                    double wyk = wy[y * taps + ny - firstY[y]];
                    for (int nx = firstX[x]; nx <= lastX[x]; nx++) {
                        int q = ny * cw + nx;
                        float dr = pr - cell[q];
                        float dg = pg - cell[cn + q];
                        float db = pb - cell[2 * cn + q];
                        float d2 = Math.min(3f, dr * dr + dg * dg + db * db);
                        float wgt = (float) (wyk * wx[x * taps + nx - firstX[x]]) * lut[(int) (d2 * lutScale)];
                        int so = q * c;
                        for (int k = 0; k < c; k++) {
                            acc[k] += wgt * src[so + k];
                        }
                        z += wgt;
                    }
                }
                int o = p * c;
                float inv = z > 0 ? 1f / z : 0f;
                for (int k = 0; k < c; k++) {
                    out[o + k] = acc[k] * inv;
                }
            }
        }
        return new FeatureMap(c, width, height, out);
    }

    private static double[] axisWeights(int radius, int fineSize, int coarseSize, double inv2s, int taps,
            int[] first, int[] last) {
        double scale = coarseSize / (double) fineSize;
        double[] weights = new double[fineSize * taps];
        for (int p = 0; p < fineSize; p++) {
            double q = (p + 0.5) * scale - 0.5;
            int centre = (int) Math.round(q);
            first[p] = Math.max(0, centre - radius);
            last[p] = Math.min(coarseSize - 1, centre + radius);
            for (int n = first[p]; n <= last[p]; n++) {
                double d = n - q;
                weights[p * taps + n - first[p]] = Math.exp(-(d * d) * inv2s);
            }
        }
        return weights;
    }

    @Test
    void equalsTheCellByCellLoopOnRandomInputs() {
        Random r = new Random(17);
        for (int trial = 0; trial < 25; trial++) {
            int c = 1 + r.nextInt(40);
            int cw = 1 + r.nextInt(12);
            int ch = 1 + r.nextInt(12);
            float[] d = new float[c * cw * ch];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
            }
            FeatureMap coarse = new FeatureMap(c, cw, ch, d);
            int gw = 4 + r.nextInt(60);
            int gh = 4 + r.nextInt(60);
            float[] px = new float[3 * gw * gh];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat();
            }
            RgbImage guide = RgbImage.ofPlanar(gw, gh, px);
            int w = 1 + r.nextInt(40);
            int h = 1 + r.nextInt(40);
            int radius = 1 + r.nextInt(3);
            double sigma = 0.5 + r.nextDouble() * 2;
            double range = 0.05 + r.nextDouble() * 0.3;
            FeatureMap expected = reference(radius, sigma, range, coarse, guide, w, h);
            FeatureMap actual = new JointBilateralUpsampler(radius, sigma, range).upsample(coarse, guide, w, h);
            assertThat(actual.data()).as("trial %d", trial).containsExactly(expected.data());
        }
    }

    /**
     * The default sizes (bands of 4 fine rows per coarse row), a ratio that is not an integer (bands of 2 and 3
     * rows, so a coarse row gathered for one band is read by a longer one) and a fine grid coarser than the coarse one.
     */
    @Test
    void equalsTheCellByCellLoopAtTheDefaultSizesAndUnevenBands() {
        Random r = new Random(5);
        int[][] cases = {{31, 32, 64, 256, 512, 64, 128}, {31, 25, 50, 200, 400, 64, 128}, {7, 13, 7, 50, 30, 40, 21},
            {5, 20, 20, 40, 40, 9, 11}};
        for (int[] k : cases) {
            float[] d = new float[k[0] * k[1] * k[2]];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
            }
            float[] px = new float[3 * k[3] * k[4]];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat();
            }
            FeatureMap coarse = new FeatureMap(k[0], k[1], k[2], d);
            RgbImage guide = RgbImage.ofPlanar(k[3], k[4], px);
            FeatureMap expected = reference(2, 1.0, 0.12, coarse, guide, k[5], k[6]);
            FeatureMap actual = new JointBilateralUpsampler(2, 1.0, 0.12).upsample(coarse, guide, k[5], k[6]);
            // Arrays.equals compares the bits of each float (NaN aside): faster than a per-element assertion
            assertThat(java.util.Arrays.equals(actual.data(), expected.data())).as(java.util.Arrays.toString(k))
                    .isTrue();
        }
    }
}
