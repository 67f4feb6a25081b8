package io.samlad.objects;

import io.samlad.image.RgbImage;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import java.util.Arrays;
import java.util.BitSet;

/**
 * An object's size, shape and colour measured on the working image's pixels rather than on the object grid: a pin of
 * 12 px whose wrong size differs by a few pixels, or that lost a chip, changes few grid cells but many pixels.
 *
 * <p>A two-colour model: the object's colour {@code o} is the median of the pixels in its mask's interior cells, the
 * background's {@code b} the median of the pixels in the ring of cells around the mask; each pixel {@code p} of the
 * mask grown by one cell belongs to the object by {@code t(p) = clamp((p - b)·(o - b) / |o - b|², 0, 1)}, so a pixel
 * half covered by an anti-aliased edge counts half. The area is {@code Σ t}; the solidity is the share of the convex
 * hull of the pixels with {@code t >= 1/2} (as squares) that they cover: about 0.93 for a disc of radius 8 px, less
 * for a disc with a bite taken out of it.
 *
 * @param area     soft area in working pixels; 0 where not measured (too little contrast, or banks that stored none)
 * @param solidity pixel count over convex hull area of the object's pixels, in (0, 1]
 * @param red      median red inside the mask's interior, in [0, 1]
 * @param green    median green
 * @param blue     median blue
 */
public record ObjectForm(float area, float solidity, float red, float green, float blue) {
    /** No form measured. */
    public static final ObjectForm NONE = new ObjectForm(0, 0, 0, 0, 0);
    /** Below this colour distance between object and ring (RGB in [0, 1]) the two-colour model says nothing. */
    static final double MIN_CONTRAST = 0.05;
    /** Values stored per object. */
    public static final int STORED_VALUES = 5;

    public boolean measured() {
        return area > 0;
    }

    /** Colour distance to another object's form (Euclidean, RGB). */
    public double colourDistance(ObjectForm other) {
        double dr = red - other.red;
        double dg = green - other.green;
        double db = blue - other.blue;
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    public float[] toArray() {
        return new float[] {area, solidity, red, green, blue};
    }

    public static ObjectForm fromArray(float[] v) {
        if (v.length != STORED_VALUES) {
            throw new IllegalArgumentException("an object form holds " + STORED_VALUES + " values, not " + v.length);
        }
        return new ObjectForm(v[0], v[1], v[2], v[3], v[4]);
    }

    /** The form of the object with mask {@code mask} (object grid) in {@code image} (working resolution). */
    public static ObjectForm of(RgbImage image, ObjectMask mask) {
        int gw = mask.width();
        int gh = mask.height();
        int w = image.width();
        int h = image.height();
        BitSet bits = mask.bits();
        BitSet interior = interior(mask);
        if (interior.isEmpty()) {
            interior = bits;
        }
        BitSet grown = MaskCleanup.dilate(bits, gw, gh);
        BitSet ring = (BitSet) grown.clone();
        ring.andNot(bits);
        if (ring.isEmpty()) {
            return NONE;
        }
        // pixel box of the grown mask
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int i = grown.nextSetBit(0); i >= 0; i = grown.nextSetBit(i + 1)) {
            int cx = i % gw;
            int cy = i / gw;
            x0 = Math.min(x0, pixelStart(cx, gw, w));
            x1 = Math.max(x1, pixelStart(cx + 1, gw, w) - 1);
            y0 = Math.min(y0, pixelStart(cy, gh, h));
            y1 = Math.max(y1, pixelStart(cy + 1, gh, h) - 1);
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        if (bw <= 0 || bh <= 0) {
            return NONE;
        }
        int[] cellOf = new int[bw * bh];
        int[] colCell = new int[bw];
        for (int x = 0; x < bw; x++) {
            colCell[x] = Math.min(gw - 1, (int) ((long) (x0 + x) * gw / w));
        }
        int inside = 0;
        int around = 0;
        for (int y = 0; y < bh; y++) {
            int cy = Math.min(gh - 1, (int) ((long) (y0 + y) * gh / h));
            for (int x = 0; x < bw; x++) {
                int cell = cy * gw + colCell[x];
                cellOf[y * bw + x] = cell;
                if (interior.get(cell)) {
                    inside++;
                } else if (ring.get(cell)) {
                    around++;
                }
            }
        }
        if (inside == 0 || around == 0) {
            return NONE;
        }
        float[] planar = image.planar();
        int plane = w * h;
        float[][] in = new float[3][inside];
        float[][] out = new float[3][around];
        int a = 0;
        int r = 0;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int cell = cellOf[y * bw + x];
                int p = (y0 + y) * w + x0 + x;
                if (interior.get(cell)) {
                    for (int c = 0; c < 3; c++) {
                        in[c][a] = planar[c * plane + p];
                    }
                    a++;
                } else if (ring.get(cell)) {
                    for (int c = 0; c < 3; c++) {
                        out[c][r] = planar[c * plane + p];
                    }
                    r++;
                }
            }
        }
        double[] obj = new double[3];
        double[] bg = new double[3];
        double contrast2 = 0;
        for (int c = 0; c < 3; c++) {
            obj[c] = median(in[c]);
            bg[c] = median(out[c]);
            contrast2 += (obj[c] - bg[c]) * (obj[c] - bg[c]);
        }
        if (contrast2 < MIN_CONTRAST * MIN_CONTRAST) {
            return NONE;
        }
        double area = 0;
        int count = 0;
        // per row, the leftmost and rightmost object pixel (t >= 1/2): their squares' corners span the hull
        int[] left = new int[bh];
        int[] right = new int[bh];
        Arrays.fill(left, Integer.MAX_VALUE);
        Arrays.fill(right, Integer.MIN_VALUE);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                if (!grown.get(cellOf[y * bw + x])) {
                    continue;
                }
                int p = (y0 + y) * w + x0 + x;
                double dot = 0;
                for (int c = 0; c < 3; c++) {
                    dot += (planar[c * plane + p] - bg[c]) * (obj[c] - bg[c]);
                }
                double t = Math.max(0, Math.min(1, dot / contrast2));
                area += t;
                if (t >= 0.5) {
                    count++;
                    left[y] = Math.min(left[y], x);
                    right[y] = Math.max(right[y], x);
                }
            }
        }
        if (count == 0) {
            return NONE;
        }
        double hull = hullArea(left, right);
        double solidity = Math.min(1, count / Math.max(1e-9, hull));
        return new ObjectForm((float) area, (float) solidity, (float) obj[0], (float) obj[1], (float) obj[2]);
    }

    /** First pixel of grid cell {@code cell} along an axis of {@code pixels} pixels split into {@code cells}. */
    private static int pixelStart(int cell, int cells, int pixels) {
        return (int) (((long) cell * pixels + cells - 1) / cells);
    }

    /** Cells of the mask whose four neighbours are in it too. */
    static BitSet interior(ObjectMask m) {
        int w = m.width();
        int h = m.height();
        BitSet out = new BitSet(w * h);
        BitSet b = m.bits();
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
            int x = i % w;
            int y = i / w;
            if (x > 0 && x < w - 1 && y > 0 && y < h - 1 && b.get(i - 1) && b.get(i + 1) && b.get(i - w)
                    && b.get(i + w)) {
                out.set(i);
            }
        }
        return out;
    }

    /** Area of the convex hull of the unit squares of each row's pixels from {@code left[y]} to {@code right[y]}. */
    static double hullArea(int[] left, int[] right) {
        int rows = left.length;
        double[] xs = new double[rows * 4];
        double[] ys = new double[rows * 4];
        int n = 0;
        for (int y = 0; y < rows; y++) {
            if (left[y] > right[y]) {
                continue;
            }
            xs[n] = left[y];
            ys[n++] = y;
            xs[n] = left[y];
            ys[n++] = y + 1;
            xs[n] = right[y] + 1;
            ys[n++] = y;
            xs[n] = right[y] + 1;
            ys[n++] = y + 1;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> xs[p] != xs[q] ? Double.compare(xs[p], xs[q]) : Double.compare(ys[p], ys[q]));
        // Andrew's monotone chain
        int[] hull = new int[2 * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int p = order[i];
            while (k >= 2 && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            int p = order[i];
            while (k >= lower && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        double twice = 0;
        for (int i = 0; i < k - 1; i++) {
            twice += xs[hull[i]] * ys[hull[i + 1]] - xs[hull[i + 1]] * ys[hull[i]];
        }
        return Math.abs(twice) / 2;
    }

    private static double cross(double[] xs, double[] ys, int o, int a, int b) {
        return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
    }

    /** Median of values in [0, 1] from a 1024-bin histogram (linear in the count: objects may be large). */
    static double median(float[] v) {
        int bins = 1024;
        int[] hist = new int[bins];
        for (float f : v) {
            hist[Math.max(0, Math.min(bins - 1, (int) (f * bins)))]++;
        }
        int half = (v.length + 1) / 2;
        int seen = 0;
        for (int b = 0; b < bins; b++) {
            seen += hist[b];
            if (seen >= half) {
                return (b + 0.5) / bins;
            }
        }
        return 1;
    }
}
