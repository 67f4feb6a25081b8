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
 * half covered by an anti-aliased edge counts half. The area is {@code Σ t}. The radial profile around the
 * {@code t}-weighted centroid says whether a part is missing from the object's outline: a disc has the same radius in
 * every direction, a disc with a bite taken out of it a notch ({@link #notch}).
 *
 * @param area     soft area in working pixels; 0 where not measured (too little contrast, or banks that stored none)
 * @param notch    depth of the deepest notch of the radial profile, in [0, 1] ({@link #notch})
 * @param red      median red inside the mask's interior, in [0, 1]
 * @param green    median green
 * @param blue     median blue
 */
public record ObjectForm(float area, float notch, float red, float green, float blue) {
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
        return new float[] {area, notch, red, green, blue};
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
        // each pixel's class, from its cell: 0 outside the grown mask, 1 interior, 2 ring, 3 the mask's edge cells
        byte[] cls = new byte[bw * bh];
        int[] colCell = new int[bw];
        for (int x = 0; x < bw; x++) {
            colCell[x] = Math.min(gw - 1, (int) ((long) (x0 + x) * gw / w));
        }
        float[] planar = image.planar();
        int plane = w * h;
        int bins = HISTOGRAM_BINS;
        int[] in = new int[3 * bins];
        int[] out = new int[3 * bins];
        int inside = 0;
        int around = 0;
        for (int y = 0; y < bh; y++) {
            int rowCell = Math.min(gh - 1, (int) ((long) (y0 + y) * gh / h)) * gw;
            int rowPixel = (y0 + y) * w + x0;
            for (int x = 0; x < bw; x++) {
                int cell = rowCell + colCell[x];
                byte c = interior.get(cell) ? (byte) 1 : ring.get(cell) ? (byte) 2 : bits.get(cell) ? (byte) 3 : 0;
                cls[y * bw + x] = c;
                if (c == 1 || c == 2) {
                    int[] hist = c == 1 ? in : out;
                    int p = rowPixel + x;
                    for (int ch = 0; ch < 3; ch++) {
                        hist[ch * bins + bin(planar[ch * plane + p])]++;
                    }
                    if (c == 1) {
                        inside++;
                    } else {
                        around++;
                    }
                }
            }
        }
        if (inside == 0 || around == 0) {
            return NONE;
        }
        double[] obj = new double[3];
        double[] bg = new double[3];
        double contrast2 = 0;
        for (int c = 0; c < 3; c++) {
            obj[c] = median(in, c * bins, inside);
            bg[c] = median(out, c * bins, around);
            contrast2 += (obj[c] - bg[c]) * (obj[c] - bg[c]);
        }
        if (contrast2 < MIN_CONTRAST * MIN_CONTRAST) {
            return NONE;
        }
        double area = 0;
        float[] weight = new float[bw * bh];
        double mx = 0;
        double my = 0;
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                if (cls[y * bw + x] == 0) {
                    continue;
                }
                int p = (y0 + y) * w + x0 + x;
                double dot = 0;
                for (int c = 0; c < 3; c++) {
                    dot += (planar[c * plane + p] - bg[c]) * (obj[c] - bg[c]);
                }
                double t = Math.max(0, Math.min(1, dot / contrast2));
                weight[y * bw + x] = (float) t;
                mx += t * (x + 0.5);
                my += t * (y + 0.5);
                area += t;
            }
        }
        if (area < 1) {
            return NONE;
        }
        double notch = notch(weight, bw, bh, mx / area, my / area);
        return new ObjectForm((float) area, (float) notch, (float) obj[0], (float) obj[1], (float) obj[2]);
    }

    /** Sectors of the radial profile: the eight octants, told apart by signs and comparisons alone. */
    static final int SECTORS = 8;

    /** The octant (0 to 7, counter-clockwise from the positive x axis) that the direction (dx, dy) lies in. */
    static int octant(double dx, double dy) {
        boolean steep = Math.abs(dy) > Math.abs(dx);
        if (dy >= 0) {
            return dx >= 0 ? (steep ? 1 : 0) : (steep ? 2 : 3);
        }
        return dx < 0 ? (steep ? 5 : 4) : (steep ? 6 : 7);
    }

    /**
     * How deep the object's deepest notch is: with {@code m_k} the soft mass in sector {@code k} of {@link #SECTORS}
     * equal angles around the centroid (each pixel split into 2 x 2 samples), the sector's radius
     * {@code r_k = sqrt(2 m_k / Δθ)} (a disc's is its radius in every sector); {@code 1 - min r_k / median r_k}.
     */
    static double notch(float[] weight, int bw, int bh, double cx, double cy) {
        double[] mass = new double[SECTORS];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                float t = weight[y * bw + x];
                if (t <= 0) {
                    continue;
                }
                for (int s = 0; s < 4; s++) {
                    double dx = x + 0.25 + 0.5 * (s & 1) - cx;
                    double dy = y + 0.25 + 0.5 * (s >> 1) - cy;
                    mass[octant(dx, dy)] += t / 4.0;
                }
            }
        }
        double[] radius = new double[SECTORS];
        for (int k = 0; k < SECTORS; k++) {
            radius[k] = Math.sqrt(2 * mass[k] / (2 * Math.PI / SECTORS));
        }
        double[] sorted = radius.clone();
        Arrays.sort(sorted);
        double median = 0.5 * (sorted[SECTORS / 2 - 1] + sorted[SECTORS / 2]);
        return median <= 0 ? 0 : 1 - sorted[0] / median;
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

    /** Bins of the colour histograms the medians are read from (finer than 8-bit images). */
    static final int HISTOGRAM_BINS = 1024;

    private static int bin(float v) {
        return Math.max(0, Math.min(HISTOGRAM_BINS - 1, (int) (v * HISTOGRAM_BINS)));
    }

    /** Median of {@code count} values histogrammed into {@code hist[from .. from + HISTOGRAM_BINS)}. */
    private static double median(int[] hist, int from, int count) {
        int half = (count + 1) / 2;
        int seen = 0;
        for (int b = 0; b < HISTOGRAM_BINS; b++) {
            seen += hist[from + b];
            if (seen >= half) {
                return (b + 0.5) / HISTOGRAM_BINS;
            }
        }
        return 1;
    }
}
