package io.samlad.features;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;

/**
 * Pure-Java stand-in for DINOv2: hand-crafted patch descriptors on a grid of {@code stride x stride} pixel cells.
 *
 * <p>Per cell and at two window sizes (the cell itself and the 3 x 3 cells around it) the descriptor holds the mean
 * and standard deviation of L*, a*, b* and an 8-bin histogram of gradient orientations weighted by gradient
 * magnitude; a third, wider window (5 x 5 cells) adds its mean colour as context. The orientation histograms are
 * L2-normalised with a floor, so that flat regions give small histograms instead of amplified noise, while colour
 * terms keep their absolute scale (normalising the whole vector would make a black background look like a white
 * label). 31 channels in all.
 *
 * <p>All statistics come from per-cell sums accumulated in one pass over the pixels, so the cost is linear in the
 * image size whatever the window sizes.
 */
public final class EmbeddedFeatureExtractor implements FeatureExtractor {
    /** Orientation bins over [0, pi): unsigned gradients, so a dark-on-light edge equals light-on-dark. */
    static final int BINS = 8;
    private static final int SUMS = 6 + BINS; // L, a, b, L^2, a^2, b^2, orientation bins
    public static final int CHANNELS = 2 * (6 + BINS) + 3;
    private static final float HOG_FLOOR = 0.02f;

    private final int stride;

    public EmbeddedFeatureExtractor(int stride) {
        if (stride < 2) {
            throw new IllegalArgumentException("stride must be >= 2");
        }
        this.stride = stride;
    }

    @Override
    public String id() {
        return "embedded-handcrafted-v1(stride=" + stride + ")";
    }

    @Override
    public ExtractedFeatures extract(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int gw = Math.max(1, Math.round(w / (float) stride));
        int gh = Math.max(1, Math.round(h / (float) stride));
        double[] cells = cellSums(image, gw, gh);
        float[] data = new float[gw * gh * CHANNELS];
        double[] window = new double[SUMS + 1];
        for (int cy = 0; cy < gh; cy++) {
            for (int cx = 0; cx < gw; cx++) {
                int o = (cy * gw + cx) * CHANNELS;
                o = describe(cells, gw, gh, cx, cy, 0, window, data, o);
                o = describe(cells, gw, gh, cx, cy, 1, window, data, o);
                contextColour(cells, gw, gh, cx, cy, 2, window, data, o);
            }
        }
        FeatureMap map = new FeatureMap(CHANNELS, gw, gh, data);
        return new ExtractedFeatures(map, GlobalDescriptor.pooledGrid(map, 4));
    }

    /**
     * Per grid cell: sums of L, a, b, their squares, the magnitude per orientation bin, and the pixel count last.
     *
     * <p>Row by row in three passes: the gradients of the whole row (a loop the JIT vectorises), then the
     * orientation bins of the pixels that have a gradient, then the sums, one cell's run of pixels at a time with
     * the cell's colour sums held in locals. Every sum still adds the same values in raster order, so the result is
     * bit-identical to the single pixel loop it replaced (kept in the tests): what changed is that consecutive
     * pixels of a cell no longer wait on each other's store to the same array element.
     */
    private static double[] cellSums(RgbImage image, int gw, int gh) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[] lab = LabColour.toLab(image);
        int stride = SUMS + 1;
        double[] cells = new double[gw * gh * stride];
        // cellStart[cx] .. cellStart[cx + 1] - 1: the columns of cell column cx (x * gw / w is non-decreasing).
        int[] cellStart = new int[gw + 1];
        for (int x = w - 1; x >= 0; x--) {
            cellStart[Math.min(gw - 1, x * gw / w)] = x;
        }
        cellStart[gw] = w;
        float[] gx = new float[w];
        float[] gy = new float[w];
        float[] mag = new float[w];
        int[] bin = new int[w];
        double[] lower = new double[w];
        double[] upper = new double[w];
        for (int y = 0; y < h; y++) {
            int cy = Math.min(gh - 1, y * gh / h);
            int row = y * w;
            int above = Math.max(0, y - 1) * w;
            int below = Math.min(h - 1, y + 1) * w;
            gradients(lab, w, row, above, below, gx, gy, mag);
            orientationBins(gx, gy, mag, w, bin, lower, upper);
            for (int cx = 0; cx < gw; cx++) {
                int base = (cy * gw + cx) * stride;
                double sl = cells[base];
                double sa = cells[base + 1];
                double sb = cells[base + 2];
                double sll = cells[base + 3];
                double saa = cells[base + 4];
                double sbb = cells[base + 5];
                double count = cells[base + SUMS];
                for (int x = cellStart[cx]; x < cellStart[cx + 1]; x++) {
                    int i = row + x;
                    float l = lab[i];
                    float a = lab[n + i];
                    float b = lab[2 * n + i];
                    sl += l;
                    sa += a;
                    sb += b;
                    sll += l * l;
                    saa += a * a;
                    sbb += b * b;
                    int b0 = bin[x];
                    if (b0 >= 0) {
                        cells[base + 6 + b0] += lower[x];
                        cells[base + 6 + (b0 + 1) % BINS] += upper[x];
                    }
                    count += 1;
                }
                cells[base] = sl;
                cells[base + 1] = sa;
                cells[base + 2] = sb;
                cells[base + 3] = sll;
                cells[base + 4] = saa;
                cells[base + 5] = sbb;
                cells[base + SUMS] = count;
            }
        }
        return cells;
    }

    /**
     * Central differences on L* (cheap, and enough for orientation statistics) along one row, clamped at the
     * borders, and the gradient magnitude.
     */
    private static void gradients(float[] lab, int w, int row, int above, int below, float[] gx, float[] gy,
            float[] mag) {
        for (int x = 0; x < w; x++) {
            gy[x] = lab[below + x] - lab[above + x];
        }
        gx[0] = lab[row + Math.min(w - 1, 1)] - lab[row];
        for (int x = 1; x < w - 1; x++) {
            gx[x] = lab[row + x + 1] - lab[row + x - 1];
        }
        if (w > 1) {
            gx[w - 1] = lab[row + w - 1] - lab[row + w - 2];
        }
        for (int x = 0; x < w; x++) {
            mag[x] = (float) Math.sqrt(gx[x] * gx[x] + gy[x] * gy[x]);
        }
    }

    /**
     * The lower of the two orientation bins each pixel's magnitude is split between ({@code -1} for no gradient)
     * and the two shares: linear interpolation between the two nearest bins avoids aliasing at bin borders.
     */
    private static void orientationBins(float[] gx, float[] gy, float[] mag, int w, int[] bin, double[] lower,
            double[] upper) {
        for (int x = 0; x < w; x++) {
            float m = mag[x];
            if (m > 1e-4f) {
                double theta = Orientation.unsigned(gx[x], gy[x]);
                double pos = theta / Math.PI * BINS - 0.5;
                int b0 = (int) Math.floor(pos);
                double frac = pos - b0;
                bin[x] = b0 & (BINS - 1); // floorMod for a power of two (b0 is -1 just below angle 0)
                lower[x] = m * (1 - frac);
                upper[x] = m * frac;
            } else {
                bin[x] = -1;
            }
        }
    }

    /** Writes mean, std of Lab and the orientation histogram of the window of radius {@code r} cells. */
    private static int describe(double[] cells, int gw, int gh, int cx, int cy, int r, double[] s, float[] out,
            int o) {
        windowSums(cells, gw, gh, cx, cy, r, s);
        double count = Math.max(1, s[SUMS]);
        for (int c = 0; c < 3; c++) {
            out[o + c] = (float) (s[c] / count);
        }
        for (int c = 0; c < 3; c++) {
            double mean = s[c] / count;
            out[o + 3 + c] = (float) Math.sqrt(Math.max(0, s[3 + c] / count - mean * mean));
        }
        double norm = 0;
        for (int k = 0; k < BINS; k++) {
            double v = s[6 + k] / count;
            norm += v * v;
        }
        double scale = 1.0 / Math.max(Math.sqrt(norm), HOG_FLOOR);
        for (int k = 0; k < BINS; k++) {
            out[o + 6 + k] = (float) (s[6 + k] / count * scale * 0.5);
        }
        return o + 6 + BINS;
    }

    private static void contextColour(double[] cells, int gw, int gh, int cx, int cy, int r, double[] s,
            float[] out, int o) {
        colourSums(cells, gw, gh, cx, cy, r, s);
        double count = Math.max(1, s[SUMS]);
        for (int c = 0; c < 3; c++) {
            out[o + c] = (float) (s[c] / count);
        }
    }

    /**
     * The colour sums (L, a, b) and the pixel count of the window of radius {@code r} cells into {@code s}
     * (overwritten; the other sums are left out). The context window is the widest (5 x 5 cells) and needs only
     * these four of the fifteen sums; each is added in the same order as {@link #windowSums} adds it, so the values
     * are the same to the bit.
     */
    private static void colourSums(double[] cells, int gw, int gh, int cx, int cy, int r, double[] s) {
        int stride = SUMS + 1;
        double l = 0;
        double a = 0;
        double b = 0;
        double count = 0;
        for (int y = Math.max(0, cy - r); y <= Math.min(gh - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(gw - 1, cx + r); x++) {
                int base = (y * gw + x) * stride;
                l += cells[base];
                a += cells[base + 1];
                b += cells[base + 2];
                count += cells[base + SUMS];
            }
        }
        java.util.Arrays.fill(s, 0);
        s[0] = l;
        s[1] = a;
        s[2] = b;
        s[SUMS] = count;
    }

    /** The sums of the window of radius {@code r} cells into {@code s} (overwritten). */
    private static void windowSums(double[] cells, int gw, int gh, int cx, int cy, int r, double[] s) {
        int stride = SUMS + 1;
        java.util.Arrays.fill(s, 0);
        for (int y = Math.max(0, cy - r); y <= Math.min(gh - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(gw - 1, cx + r); x++) {
                int base = (y * gw + x) * stride;
                for (int k = 0; k < stride; k++) {
                    s[k] += cells[base + k];
                }
            }
        }
    }
}
