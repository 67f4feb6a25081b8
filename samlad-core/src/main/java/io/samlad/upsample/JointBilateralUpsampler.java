package io.samlad.upsample;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;

/**
 * Joint bilateral upsampling (Kopf et al. 2007; the operator FeatUp's JBU learns): each fine cell p takes a weighted
 * mean of the coarse feature vectors q around it,
 * {@code f(p) = sum_q F(q) exp(-|p/s - q|^2 / 2 sigma_s^2) exp(-|I(p) - I(q)|^2 / 2 sigma_r^2) / Z},
 * where positions are in coarse-grid units, {@code I(p)} is the guide colour at the fine cell and {@code I(q)} the mean
 * guide colour of the coarse cell. Features thus follow the image's edges instead of bleeding across them.
 */
public final class JointBilateralUpsampler implements Upsampler {
    private final int radius;
    private final double spatialSigma;
    private final double rangeSigma;

    /**
     * @param radius       neighbourhood radius in coarse cells
     * @param spatialSigma spatial sigma in coarse cells
     * @param rangeSigma   colour sigma (RGB in [0, 1])
     */
    public JointBilateralUpsampler(int radius, double spatialSigma, double rangeSigma) {
        this.radius = radius;
        this.spatialSigma = spatialSigma;
        this.rangeSigma = rangeSigma;
    }

    @Override
    public boolean commutesWithChannelMaps() {
        return true; // weights from the guide image's positions and colours only, applied to each channel alike
    }

    @Override
    public String id() {
        return "jbu(r=" + radius + ",s=" + spatialSigma + ",c=" + rangeSigma + ")";
    }

    /**
     * Row by row of the fine grid, tap by tap of the window: for one fine row and one tap slot (the window's
     * {@code ty}-th row and {@code tx}-th column, the same slot order as visiting each cell's own window row by row),
     * the weights of the whole row are computed first (zero where a cell's window, clipped at the grid's edge, has no
     * such tap), then every channel's accumulator row takes weight times feature in one loop over the row. Those loops
     * read and write arrays at the same index, so the JIT vectorises them; each cell still sums its taps in the same
     * order with the same float arithmetic, so the result is bit-identical to the cell-by-cell loop (kept in the tests
     * as the reference) for finite features. The features each tap slot reads along a fine row are gathered once per
     * coarse row ({@code gathered}).
     */
    @Override
    public FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height) {
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
        double[] wx = axisWeights(width, cw, inv2s, taps, firstX, lastX);
        int[] firstY = new int[height];
        int[] lastY = new int[height];
        double[] wy = axisWeights(height, ch, inv2s, taps, firstY, lastY);
        // gathered[ny][tx][k][x]: feature k of the coarse cell in row ny that slot column tx of fine column x reads
        float[][][][] gathered = new float[ch][][][];
        float[][] weight = new float[taps][width];
        float[][] acc = new float[c][width];
        float[] z = new float[width];
        for (int y = 0; y < height; y++) {
            for (float[] a : acc) {
                java.util.Arrays.fill(a, 0f);
            }
            java.util.Arrays.fill(z, 0f);
            for (int ty = 0; ty < taps; ty++) {
                int ny = firstY[y] + ty;
                if (ny > lastY[y]) {
                    break;
                }
                double wyk = wy[y * taps + ty];
                if (gathered[ny] == null) {
                    gathered[ny] = gather(src, c, cw, ny, taps, firstX, lastX, width);
                }
                for (int tx = 0; tx < taps; tx++) {
                    float[] wrow = weight[tx];
                    for (int x = 0; x < width; x++) {
                        int nx = firstX[x] + tx;
                        if (nx > lastX[x]) {
                            wrow[x] = 0f;
                            continue;
                        }
                        int p = y * width + x;
                        int q = ny * cw + nx;
                        float dr = fine[p] - cell[q];
                        float dg = fine[fn + p] - cell[cn + q];
                        float db = fine[2 * fn + p] - cell[2 * cn + q];
                        float d2 = Math.min(3f, dr * dr + dg * dg + db * db);
                        wrow[x] = (float) (wyk * wx[x * taps + tx]) * lut[(int) (d2 * lutScale)];
                    }
                    addTo(z, wrow, width);
                    float[][] features = gathered[ny][tx];
                    for (int k = 0; k < c; k++) {
                        multiplyAdd(acc[k], wrow, features[k], width);
                    }
                }
            }
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * c;
                float inv = z[x] > 0 ? 1f / z[x] : 0f;
                for (int k = 0; k < c; k++) {
                    out[o + k] = acc[k][x] * inv;
                }
            }
        }
        return new FeatureMap(c, width, height, out);
    }

    /**
     * For coarse row {@code ny}: per slot column {@code tx}, per channel, the feature each fine column reads
     * (the column's window start plus {@code tx}, clamped inside the grid where the slot is empty: its weight is 0).
     */
    private static float[][][] gather(float[] src, int c, int cw, int ny, int taps, int[] firstX, int[] lastX,
            int width) {
        float[][][] g = new float[taps][c][width];
        for (int tx = 0; tx < taps; tx++) {
            for (int x = 0; x < width; x++) {
                int nx = Math.min(firstX[x] + tx, lastX[x]);
                int so = (ny * cw + nx) * c;
                for (int k = 0; k < c; k++) {
                    g[tx][k][x] = src[so + k];
                }
            }
        }
        return g;
    }

    /** {@code z[i] += w[i]}. */
    private static void addTo(float[] z, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            z[i] += w[i];
        }
    }

    /** {@code acc[i] += w[i] * f[i]}: the vectorised loop. */
    private static void multiplyAdd(float[] acc, float[] w, float[] f, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += w[i] * f[i];
        }
    }

    /**
     * For every fine position along one axis: the coarse cells in its window ({@code first..last}) and their spatial
     * factors {@code exp(-d^2 inv2s)}, {@code taps} slots per position.
     */
    private double[] axisWeights(int fineSize, int coarseSize, double inv2s, int taps, int[] first, int[] last) {
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
}
