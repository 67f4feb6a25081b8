package io.samlad.upsample;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.util.SharedWork;

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
     * Band by band of the fine grid, tap by tap of the window. A band is a run of fine rows whose windows span the
     * same coarse rows (4 rows at the default sizes); for one band and one tap slot (the window's {@code ty}-th row
     * and {@code tx}-th column, the same slot order as visiting each cell's own window row by row), the weights of
     * the whole band are computed first (zero where a cell's window, clipped at the grid's edge, has no such tap),
     * then every channel's accumulator takes weight times feature in one loop over the band. Those loops read and
     * write arrays at the same index and are a band long (256 values, not a 64-value row, which is too short for the
     * vector unit once the loop is unrolled), so the JIT vectorises them; each cell still sums its taps in the same
     * order with the same float arithmetic, so the result is bit-identical to the cell-by-cell loop (kept in the
     * tests as the reference) for finite features. The features a tap slot reads along a fine row are the same for
     * every row of a band: they are gathered once per coarse row and repeated band-long ({@code gathered}).
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
        int maxBand = 1;
        for (int y = 0, run = 1; y + 1 < height; y++) {
            run = sameWindow(firstY, lastY, y, y + 1) ? run + 1 : 1;
            maxBand = Math.max(maxBand, run);
        }
        // The spatial factor of slot column tx at fine column x (0 where that slot is outside the column's window:
        // its weight is then 0 whatever the range factor).
        double[] spatialX = new double[taps * width];
        for (int x = 0; x < width; x++) {
            for (int tx = 0; tx < taps; tx++) {
                spatialX[tx * width + x] = wx[x * taps + tx];
            }
        }
        Bands bands = new Bands(src, cell, c, cw, cn, taps, firstX, lastX, width, maxBand, firstY, lastY, wy, spatialX,
                fine, fn, lut, lutScale, out);
        // Quarters of the bands, shared with a core left idle by the caller's other stages: the caller and a helper
        // take them one by one (the caller all of them without a spare core), so neither waits long for the other
        // however late the helper starts. Each band is computed alone (its own coarse rows, weights and sums), so
        // the split does not change a bit.
        int[] starts = (long) width * height * c >= SPLIT_MIN_VALUES ? chunkStarts(firstY, lastY, height, CHUNKS)
                : new int[] {0, height};
        SharedWork.start(starts.length - 1, k -> bands.run(starts[k], starts[k + 1])).finish();
        return new FeatureMap(c, width, height, out);
    }

    /** Pieces the bands are shared out in. */
    private static final int CHUNKS = 4;

    /**
     * Up to {@code chunks} runs of whole bands of about equal height: their first rows, then {@code height}; runs
     * that would be empty are left out.
     */
    static int[] chunkStarts(int[] firstY, int[] lastY, int height, int chunks) {
        int[] starts = new int[chunks + 1];
        int n = 0;
        starts[n++] = 0;
        for (int k = 1; k < chunks; k++) {
            int y = bandStartNear(firstY, lastY, (int) ((long) height * k / chunks));
            if (y > starts[n - 1] && y < height) {
                starts[n++] = y;
            }
        }
        starts[n++] = height;
        return java.util.Arrays.copyOf(starts, n);
    }

    /** Below this many output values (cells x channels) the split is not worth a hand-over to another thread. */
    private static final long SPLIT_MIN_VALUES = 1 << 16;

    /** The first fine row at or after {@code y} that starts a band ({@code height} if none). */
    private static int bandStartNear(int[] first, int[] last, int y) {
        while (y > 0 && y < first.length && sameWindow(first, last, y - 1, y)) {
            y++;
        }
        return Math.min(y, first.length);
    }

    /** What every band reads (shared, read-only) and the output each writes its own rows of. */
    private static final class Bands {
        private final float[] src;
        private final float[] cell;
        private final int c;
        private final int cw;
        private final int cn;
        private final int taps;
        private final int[] firstX;
        private final int[] lastX;
        private final int width;
        private final int maxBand;
        private final int[] firstY;
        private final int[] lastY;
        private final double[] wy;
        private final double[] spatialX;
        private final float[] fine;
        private final int fn;
        private final float[] lut;
        private final float lutScale;
        private final float[] out;

        Bands(float[] src, float[] cell, int c, int cw, int cn, int taps, int[] firstX, int[] lastX, int width,
                int maxBand, int[] firstY, int[] lastY, double[] wy, double[] spatialX, float[] fine, int fn,
                float[] lut, float lutScale, float[] out) {
            this.src = src;
            this.cell = cell;
            this.c = c;
            this.cw = cw;
            this.cn = cn;
            this.taps = taps;
            this.firstX = firstX;
            this.lastX = lastX;
            this.width = width;
            this.maxBand = maxBand;
            this.firstY = firstY;
            this.lastY = lastY;
            this.wy = wy;
            this.spatialX = spatialX;
            this.fine = fine;
            this.fn = fn;
            this.lut = lut;
            this.lutScale = lutScale;
            this.out = out;
        }

        /** The bands of fine rows {@code yStart} (a band's first row) to {@code yEnd} (exclusive, a band's end). */
        void run(int yStart, int yEnd) {
            // locals, not fields, in the loops: the JIT keeps them in registers and vectorises as before the split
            final float[] src = this.src;
            final float[] cell = this.cell;
            final int c = this.c;
            final int cw = this.cw;
            final int cn = this.cn;
            final int taps = this.taps;
            final int[] firstX = this.firstX;
            final int[] lastX = this.lastX;
            final int width = this.width;
            final int maxBand = this.maxBand;
            final int[] firstY = this.firstY;
            final int[] lastY = this.lastY;
            final double[] wy = this.wy;
            final double[] spatialX = this.spatialX;
            final float[] fine = this.fine;
            final int fn = this.fn;
            final float[] lut = this.lut;
            final float lutScale = this.lutScale;
            final float[] out = this.out;
            int span = maxBand * width;
            // A ring of the coarse rows the current band reads (a window spans at most `taps` consecutive rows, so
            // row ny lives in slot ny % taps): gathered[slot][tx][k][r * width + x] is feature k of the coarse cell
            // that slot column tx of fine column x reads, the same for every band row r; colours[slot][tx][ch * width
            // + x] is that cell's guide colour.
            Scratch scratch = Scratch.of(taps, c, span, width);
            float[][][][] gathered = scratch.gathered;
            float[][][] colours = scratch.colours;
            int[] held = new int[taps];
            java.util.Arrays.fill(held, -1);
            float[][] weight = scratch.weight;
            float[][] acc = scratch.acc;
            float[] z = scratch.z;
            float[] spatial = scratch.spatial;
            int[] range = scratch.range;
            for (int y0 = yStart; y0 < yEnd; ) {
                int y1 = y0 + 1;
                while (y1 < yEnd && sameWindow(firstY, lastY, y0, y1)) {
                    y1++;
                }
                int n = (y1 - y0) * width;
                for (float[] a : acc) {
                    java.util.Arrays.fill(a, 0, n, 0f);
                }
                java.util.Arrays.fill(z, 0, n, 0f);
                for (int ty = 0; ty < taps; ty++) {
                    int ny = firstY[y0] + ty;
                    if (ny > lastY[y0]) {
                        break;
                    }
                    int slot = ny % taps;
                    if (held[slot] != ny) {
                        gather(src, cell, c, cw, cn, ny, taps, firstX, lastX, width, maxBand, gathered[slot],
                                colours[slot]);
                        held[slot] = ny;
                    }
                    for (int tx = 0; tx < taps; tx++) {
                        float[] wrow = weight[tx];
                        float[] colour = colours[slot][tx];
                        for (int y = y0; y < y1; y++) {
                            double wyk = wy[y * taps + ty];
                            int r = (y - y0) * width;
                            int p0 = y * width;
                            // Three loops the JIT can vectorise (no table look-up, one element type each), then the
                            // look-up: the same float and double operations as one loop per tap, so the same bits.
                            for (int x = 0; x < width; x++) {
                                spatial[x] = (float) (wyk * spatialX[tx * width + x]);
                            }
                            for (int x = 0; x < width; x++) {
                                float dr = fine[p0 + x] - colour[x];
                                float dg = fine[fn + p0 + x] - colour[width + x];
                                float db = fine[2 * fn + p0 + x] - colour[2 * width + x];
                                range[x] = (int) (Math.min(3f, dr * dr + dg * dg + db * db) * lutScale);
                            }
                            for (int x = 0; x < width; x++) {
                                wrow[r + x] = spatial[x] * lut[range[x]];
                            }
                        }
                        addTo(z, wrow, n);
                        float[][] features = gathered[slot][tx];
                        for (int k = 0; k < c; k++) {
                            multiplyAdd(acc[k], wrow, features[k], n);
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    int o = (y0 * width + i) * c;
                    float inv = z[i] > 0 ? 1f / z[i] : 0f;
                    for (int k = 0; k < c; k++) {
                        out[o + k] = acc[k][i] * inv;
                    }
                }
                y0 = y1;
            }
        }
    }

    /**
     * A thread's working arrays for {@link Bands#run}, kept for its next call of the same sizes (about 0.8 MB at the
     * default sizes, which every image would otherwise allocate anew). Nothing stale is read: each band zeroes its
     * sums and writes its weights before use, and the ring of gathered rows starts empty on every call.
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> KEPT = new ThreadLocal<>();
        final int taps;
        final int c;
        final int span;
        final int width;
        final float[][][][] gathered;
        final float[][][] colours;
        final float[][] weight;
        final float[][] acc;
        final float[] z;
        final float[] spatial;
        final int[] range;

        private Scratch(int taps, int c, int span, int width) {
            this.taps = taps;
            this.c = c;
            this.span = span;
            this.width = width;
            gathered = new float[taps][taps][c][span];
            colours = new float[taps][taps][3 * width];
            weight = new float[taps][span];
            acc = new float[c][span];
            z = new float[span];
            spatial = new float[width];
            range = new int[width];
        }

        static Scratch of(int taps, int c, int span, int width) {
            Scratch s = KEPT.get();
            if (s == null || s.taps != taps || s.c != c || s.span != span || s.width != width) {
                s = new Scratch(taps, c, span, width);
                KEPT.set(s);
            }
            return s;
        }
    }

    /** Whether fine rows {@code a} and {@code b} read the same coarse rows (a band). */
    private static boolean sameWindow(int[] first, int[] last, int a, int b) {
        return first[a] == first[b] && last[a] == last[b];
    }

    /**
     * For coarse row {@code ny}: per slot column {@code tx}, per channel, the feature each fine column reads (the
     * column's window start plus {@code tx}, clamped inside the grid where the slot is empty: its weight is 0),
     * repeated {@code band} times; and the guide colour of that cell.
     */
    private static void gather(float[] src, float[] cell, int c, int cw, int cn, int ny, int taps, int[] firstX,
            int[] lastX, int width, int band, float[][][] g, float[][] colours) {
        for (int tx = 0; tx < taps; tx++) {
            float[][] gt = g[tx];
            float[] colour = colours[tx];
            for (int x = 0; x < width; x++) {
                int q = ny * cw + Math.min(firstX[x] + tx, lastX[x]);
                int so = q * c;
                for (int k = 0; k < c; k++) {
                    gt[k][x] = src[so + k];
                }
                colour[x] = cell[q];
                colour[width + x] = cell[cn + q];
                colour[2 * width + x] = cell[2 * cn + q];
            }
            for (int k = 0; k < c; k++) {
                for (int r = 1; r < band; r++) {
                    System.arraycopy(gt[k], 0, gt[k], r * width, width);
                }
            }
        }
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
