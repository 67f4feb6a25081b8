package io.samlad.features;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;

/**
 * The embedded extractor as it was before its per-cell sums were restructured (round 3 of issue 12): one loop over
 * the pixels adding into the cell array, a fresh array per window. Kept as the oracle that
 * {@link EmbeddedFeatureExtractorEquivalenceTest} holds the fast code to, bit for bit.
 */
final class ReferenceEmbeddedFeatures implements FeatureExtractor {
    /** Orientation bins over [0, pi): unsigned gradients, so a dark-on-light edge equals light-on-dark. */
    static final int BINS = 8;
    private static final int SUMS = 6 + BINS; // L, a, b, L^2, a^2, b^2, orientation bins
    public static final int CHANNELS = 2 * (6 + BINS) + 3;
    private static final float HOG_FLOOR = 0.02f;

    private final int stride;

    ReferenceEmbeddedFeatures(int stride) {
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
        for (int cy = 0; cy < gh; cy++) {
            for (int cx = 0; cx < gw; cx++) {
                int o = (cy * gw + cx) * CHANNELS;
                o = describe(cells, gw, gh, cx, cy, 0, data, o);
                o = describe(cells, gw, gh, cx, cy, 1, data, o);
                contextColour(cells, gw, gh, cx, cy, 2, data, o);
            }
        }
        FeatureMap map = new FeatureMap(CHANNELS, gw, gh, data);
        return new ExtractedFeatures(map, GlobalDescriptor.pooledGrid(map, 4));
    }

    /** Per grid cell: sums of L, a, b, their squares, the magnitude per orientation bin, and the pixel count last. */
    private static double[] cellSums(RgbImage image, int gw, int gh) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[] lab = LabColour.toLab(image);
        int stride = SUMS + 1;
        double[] cells = new double[gw * gh * stride];
        int[] cellOfX = new int[w];
        for (int x = 0; x < w; x++) {
            cellOfX[x] = Math.min(gw - 1, x * gw / w);
        }
        for (int y = 0; y < h; y++) {
            int cy = Math.min(gh - 1, y * gh / h);
            int ym = Math.max(0, y - 1);
            int yp = Math.min(h - 1, y + 1);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int base = (cy * gw + cellOfX[x]) * stride;
                float l = lab[i];
                float a = lab[n + i];
                float b = lab[2 * n + i];
                cells[base] += l;
                cells[base + 1] += a;
                cells[base + 2] += b;
                cells[base + 3] += l * l;
                cells[base + 4] += a * a;
                cells[base + 5] += b * b;
                int xm = Math.max(0, x - 1);
                int xp = Math.min(w - 1, x + 1);
                // Central differences on L*: cheap, and enough for orientation statistics.
                float gx = lab[y * w + xp] - lab[y * w + xm];
                float gy = lab[yp * w + x] - lab[ym * w + x];
                float mag = (float) Math.sqrt(gx * gx + gy * gy);
                if (mag > 1e-4f) {
                    double theta = Orientation.unsigned(gx, gy);
                    // Linear interpolation between the two nearest bins avoids aliasing at bin borders.
                    double pos = theta / Math.PI * BINS - 0.5;
                    int b0 = (int) Math.floor(pos);
                    double frac = pos - b0;
                    cells[base + 6 + Math.floorMod(b0, BINS)] += mag * (1 - frac);
                    cells[base + 6 + Math.floorMod(b0 + 1, BINS)] += mag * frac;
                }
                cells[base + SUMS] += 1;
            }
        }
        return cells;
    }

    /** Writes mean, std of Lab and the orientation histogram of the window of radius {@code r} cells. */
    private static int describe(double[] cells, int gw, int gh, int cx, int cy, int r, float[] out, int o) {
        double[] s = windowSums(cells, gw, gh, cx, cy, r);
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

    private static void contextColour(double[] cells, int gw, int gh, int cx, int cy, int r, float[] out, int o) {
        double[] s = windowSums(cells, gw, gh, cx, cy, r);
        double count = Math.max(1, s[SUMS]);
        for (int c = 0; c < 3; c++) {
            out[o + c] = (float) (s[c] / count);
        }
    }

    private static double[] windowSums(double[] cells, int gw, int gh, int cx, int cy, int r) {
        int stride = SUMS + 1;
        double[] s = new double[stride];
        for (int y = Math.max(0, cy - r); y <= Math.min(gh - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(gw - 1, cx + r); x++) {
                int base = (y * gw + x) * stride;
                for (int k = 0; k < stride; k++) {
                    s[k] += cells[base + k];
                }
            }
        }
        return s;
    }
}
