package io.samlad.objects;

import io.samlad.config.SamladConfig.Identity.Descriptor;
import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;

/**
 * What an object looks like as a whole, independent of where it is and how large: a histogram of oriented gradients
 * (HOG) of the object resampled to a fixed size. Patch features see strokes; this sees which shape the strokes form,
 * so a 3 written where a 7 belongs, a mirrored digit or a different connector type differ although every patch of
 * them looks normal. Two kinds ({@link Descriptor}):
 *
 * <p><b>NORMALISED</b> (default): the object's contrast to its surroundings, centred, scaled and deskewed by its
 * moments ({@link NormalisedShape}), {@value NormalisedShape#SIZE} x {@value NormalisedShape#SIZE} pixels; each pixel
 * votes its gradient magnitude into {@value #SIGNED_BINS} signed direction bins over [0, 2 pi) (the contrast has no
 * polarity, so the sign says on which side of a stroke an edge is) of the {@value #CELLS} x {@value #CELLS} cells,
 * split bilinearly between the nearest bins and the four nearest cell centres (so that a stroke moving across a cell
 * border changes the histogram smoothly): 192 values.
 *
 * <p><b>BOX</b> (banks of format 2): the luminance of the object's bounding square (the mask's longer box side plus a
 * margin of {@value #MARGIN} of it, centred on the box) area-averaged onto {@value #SIZE} x {@value #SIZE} pixels;
 * {@value #BINS} unsigned orientation bins over [0, pi) of each pixel's cell: 144 values.
 *
 * <p>Either histogram is L2-normalised, clipped at {@value #CLIP} and normalised again (so that one strong edge does
 * not dominate). Comparing two: Euclidean distance, in [0, 2].
 */
public final class AppearanceDescriptor {
    static final int SIZE = 24;
    static final int CELLS = 4;
    static final int BINS = 9;
    static final int SIGNED_BINS = 12;
    static final double MARGIN = 0.1;
    static final double CLIP = 0.2;
    /** Length of a {@link Descriptor#BOX} descriptor. */
    public static final int LENGTH = CELLS * CELLS * BINS;
    /** Length of a {@link Descriptor#NORMALISED} descriptor. */
    public static final int NORMALISED_LENGTH = CELLS * CELLS * SIGNED_BINS;
    /**
     * Length of the normalised contrast image ({@link NormalisedShape}, row-major) that a NORMALISED descriptor
     * carries after its hole topology where IDENTITY's deformation term reads it ({@code identity.deformationScale}).
     */
    public static final int CONTRAST_LENGTH = NormalisedShape.SIZE * NormalisedShape.SIZE;
    /** Side of the normalised contrast image. */
    public static final int CONTRAST_SIZE = NormalisedShape.SIZE;
    /** Length of a NORMALISED descriptor with its hole topology: where a contrast image, if stored, starts. */
    private static final int WITH_HOLES = NORMALISED_LENGTH + HoleTopology.LENGTH;

    private AppearanceDescriptor() {
    }

    /** The descriptor of the given kind of {@code mask}'s object in {@code image} (the working image). */
    public static float[] of(RgbImage image, ObjectMask mask, Descriptor kind) {
        return of(image, mask, kind, true);
    }

    /**
     * As {@link #of(RgbImage, ObjectMask, Descriptor)}; {@code holes} false leaves the NORMALISED descriptor's
     * {@link HoleTopology} out (where nothing compares it: a bank whose IDENTITY does not weigh holes).
     */
    public static float[] of(RgbImage image, ObjectMask mask, Descriptor kind, boolean holes) {
        return of(image, mask, kind, holes, false);
    }

    /**
     * As {@link #of(RgbImage, ObjectMask, Descriptor, boolean)}; {@code contrast} (with {@code holes}) appends the
     * normalised contrast image itself ({@value #CONTRAST_LENGTH} values after the hole topology), which IDENTITY's
     * deformation term compares ({@link DeformationDistance}; only where the fit's gate keeps that term on).
     */
    public static float[] of(RgbImage image, ObjectMask mask, Descriptor kind, boolean holes, boolean contrast) {
        if (kind == Descriptor.BOX) {
            return of(image, mask);
        }
        float[] shape = NormalisedShape.of(image, mask);
        float[] hist = signedHistogram(shape, NormalisedShape.SIZE);
        if (!holes) {
            return hist;
        }
        float[] topology = HoleTopology.of(shape, NormalisedShape.SIZE);
        float[] out = java.util.Arrays.copyOf(hist, contrast ? WITH_HOLES + CONTRAST_LENGTH : WITH_HOLES);
        System.arraycopy(topology, 0, out, NORMALISED_LENGTH, HoleTopology.LENGTH);
        if (contrast) {
            System.arraycopy(shape, 0, out, WITH_HOLES, CONTRAST_LENGTH);
        }
        return out;
    }

    /** The {@link Descriptor#BOX} descriptor of {@code mask}'s object in {@code image}. */
    public static float[] of(RgbImage image, ObjectMask mask) {
        double sx = image.width() / (double) mask.width();
        double sy = image.height() / (double) mask.height();
        double x0 = mask.minX() * sx;
        double x1 = (mask.maxX() + 1) * sx;
        double y0 = mask.minY() * sy;
        double y1 = (mask.maxY() + 1) * sy;
        double side = Math.max(x1 - x0, y1 - y0) * (1 + 2 * MARGIN);
        double cx = 0.5 * (x0 + x1);
        double cy = 0.5 * (y0 + y1);
        float[] grey = resampledLuminance(image, cx - side / 2, cy - side / 2, side);
        return histogram(grey);
    }

    /**
     * Signed gradient directions of a size x size image, voted bilinearly in direction and in space (between the
     * centres of the CELLS x CELLS cells), normalised and clipped.
     */
    static float[] signedHistogram(float[] g, int size) {
        float[] hist = new float[NORMALISED_LENGTH];
        double cell = size / (double) CELLS;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double gx = g[y * size + Math.min(size - 1, x + 1)] - g[y * size + Math.max(0, x - 1)];
                double gy = g[Math.min(size - 1, y + 1) * size + x] - g[Math.max(0, y - 1) * size + x];
                double mag = Math.sqrt(gx * gx + gy * gy);
                if (mag == 0) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += 2 * Math.PI;
                }
                double pos = angle / (2 * Math.PI) * SIGNED_BINS - 0.5;
                int b0 = (int) Math.floor(pos);
                double frac = pos - b0;
                int bin0 = Math.floorMod(b0, SIGNED_BINS);
                int bin1 = Math.floorMod(b0 + 1, SIGNED_BINS);
                double cxp = (x + 0.5) / cell - 0.5;
                double cyp = (y + 0.5) / cell - 0.5;
                int cx0 = (int) Math.floor(cxp);
                int cy0 = (int) Math.floor(cyp);
                double fx = cxp - cx0;
                double fy = cyp - cy0;
                for (int dy = 0; dy <= 1; dy++) {
                    int qy = cy0 + dy;
                    if (qy < 0 || qy >= CELLS) {
                        continue;
                    }
                    for (int dx = 0; dx <= 1; dx++) {
                        int qx = cx0 + dx;
                        if (qx < 0 || qx >= CELLS) {
                            continue;
                        }
                        double weight = mag * (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                        int base = (qy * CELLS + qx) * SIGNED_BINS;
                        hist[base + bin0] += (float) (weight * (1 - frac));
                        hist[base + bin1] += (float) (weight * frac);
                    }
                }
            }
        }
        return clipped(hist);
    }

    private static float[] clipped(float[] hist) {
        normalise(hist);
        for (int i = 0; i < hist.length; i++) {
            hist[i] = (float) Math.min(CLIP, hist[i]);
        }
        normalise(hist);
        return hist;
    }

    /**
     * The {@link Descriptor#NORMALISED} descriptor of the object's mirror image (left and right exchanged), from the
     * descriptor alone: centring, isotropic scaling and deskewing commute with the mirroring, so the mirror image's
     * 24 x 24 contrast is this one's mirrored, and its histogram a permutation of this one's. Cell column
     * {@code c} becomes {@code CELLS - 1 - c}; a gradient direction {@code θ} becomes {@code π - θ}, which moves signed bin
     * {@code b} (centred on {@code (b + 1/2) 2π / 12}) to bin {@code (5 - b) mod 12}. An empty array (BOX or no
     * descriptor) stays empty: the mirror comparison is made for NORMALISED descriptors only.
     */
    public static float[] mirrored(float[] d) {
        if (d.length < NORMALISED_LENGTH) {
            return new float[0];
        }
        float[] out = new float[d.length];
        // the hole topology (if stored) does not change under mirroring
        System.arraycopy(d, NORMALISED_LENGTH, out, NORMALISED_LENGTH, d.length - NORMALISED_LENGTH);
        if (hasContrast(d)) {
            // the contrast image (if stored) is mirrored column by column
            for (int y = 0; y < CONTRAST_SIZE; y++) {
                for (int x = 0; x < CONTRAST_SIZE; x++) {
                    out[WITH_HOLES + y * CONTRAST_SIZE + x] = d[WITH_HOLES + y * CONTRAST_SIZE + CONTRAST_SIZE - 1 - x];
                }
            }
        }
        int half = SIGNED_BINS / 2 - 1;
        for (int cy = 0; cy < CELLS; cy++) {
            for (int cx = 0; cx < CELLS; cx++) {
                int from = (cy * CELLS + cx) * SIGNED_BINS;
                int to = (cy * CELLS + CELLS - 1 - cx) * SIGNED_BINS;
                for (int b = 0; b < SIGNED_BINS; b++) {
                    out[to + Math.floorMod(half - b, SIGNED_BINS)] = d[from + b];
                }
            }
        }
        return out;
    }

    /**
     * Whether two descriptors can be compared: of one kind (their histograms of one length). A NORMALISED descriptor
     * with its hole topology and one without (read from a bank written before it) are comparable by their histograms.
     */
    public static boolean comparable(float[] a, float[] b) {
        return a.length > 0 && histogramLength(a) == histogramLength(b);
    }

    /** Whether the descriptor carries a {@link HoleTopology} after its histogram. */
    public static boolean hasTopology(float[] d) {
        return hasFill(d) || d.length == NORMALISED_LENGTH + HoleTopology.SHAPE; // as banks of round 7 stored it
    }

    /** Whether the descriptor carries its holes' fill ({@link HoleTopology#FILL}; not in descriptors of round 7). */
    public static boolean hasFill(float[] d) {
        return d.length == WITH_HOLES || hasContrast(d);
    }

    /** Whether the descriptor carries its normalised contrast image (after its hole topology; round 10). */
    public static boolean hasContrast(float[] d) {
        return d.length == WITH_HOLES + CONTRAST_LENGTH;
    }

    /** Where the contrast image starts in a descriptor that {@link #hasContrast has} one. */
    public static int contrastOffset() {
        return WITH_HOLES;
    }

    /** The descriptor without its contrast image (itself where it has none): what a bank stores where no term reads it. */
    public static float[] withoutContrast(float[] d) {
        return hasContrast(d) ? java.util.Arrays.copyOf(d, WITH_HOLES) : d;
    }

    /** The descriptor's histogram: itself, or without its hole topology where it has one. */
    public static float[] histogramPart(float[] d) {
        return hasTopology(d) ? java.util.Arrays.copyOf(d, NORMALISED_LENGTH) : d;
    }

    private static int histogramLength(float[] d) {
        return hasTopology(d) ? NORMALISED_LENGTH : d.length;
    }

    /**
     * Distance between two descriptors' histograms (the hole topology, where stored, left out); empty descriptors
     * (objects without one) are 0 apart.
     */
    public static double distance(float[] a, float[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        return histogramDistance(a, b, Math.min(histogramLength(a), histogramLength(b)));
    }

    /**
     * Euclidean distance of two descriptors' hole topologies (count, place and height: {@link HoleTopology#SHAPE}
     * values, the fill left out); NaN unless both have one.
     */
    public static double topologyDistance(float[] a, float[] b) {
        if (!hasTopology(a) || !hasTopology(b)) {
            return Double.NaN;
        }
        double t = 0;
        for (int i = NORMALISED_LENGTH; i < NORMALISED_LENGTH + HoleTopology.SHAPE; i++) {
            double d = a[i] - b[i];
            t += d * d;
        }
        return Math.sqrt(t);
    }

    /** How far apart two descriptors' hole fills are, {@code |f_a - f_b|}; NaN unless both have one. */
    public static double fillDistance(float[] a, float[] b) {
        if (!hasFill(a) || !hasFill(b)) {
            return Double.NaN;
        }
        int f = NORMALISED_LENGTH + HoleTopology.FILL;
        return Math.abs(a[f] - b[f]);
    }

    private static double histogramDistance(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Luminance of the square [left, left + side) x [top, top + side), area-averaged onto SIZE x SIZE. */
    static float[] resampledLuminance(RgbImage image, double left, double top, double side) {
        float[] out = new float[SIZE * SIZE];
        double step = side / SIZE;
        // sub-samples per output pixel and axis: enough to average over the source pixels it covers
        int sub = Math.max(1, Math.min(6, (int) Math.ceil(step)));
        float[] p = image.planar();
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double sum = 0;
                for (int j = 0; j < sub; j++) {
                    int py = clamp((int) Math.floor(top + (y + (j + 0.5) / sub) * step), h);
                    for (int i = 0; i < sub; i++) {
                        int px = clamp((int) Math.floor(left + (x + (i + 0.5) / sub) * step), w);
                        int o = py * w + px;
                        sum += 0.299 * p[o] + 0.587 * p[plane + o] + 0.114 * p[2 * plane + o];
                    }
                }
                out[y * SIZE + x] = (float) (sum / (sub * sub));
            }
        }
        return out;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }

    static float[] histogram(float[] g) {
        float[] hist = new float[LENGTH];
        int cell = SIZE / CELLS;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double gx = g[y * SIZE + Math.min(SIZE - 1, x + 1)] - g[y * SIZE + Math.max(0, x - 1)];
                double gy = g[Math.min(SIZE - 1, y + 1) * SIZE + x] - g[Math.max(0, y - 1) * SIZE + x];
                double mag = Math.sqrt(gx * gx + gy * gy);
                if (mag == 0) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                double pos = angle / Math.PI * BINS - 0.5;
                int b0 = (int) Math.floor(pos);
                double frac = pos - b0;
                int base = ((y / cell) * CELLS + x / cell) * BINS;
                hist[base + Math.floorMod(b0, BINS)] += (float) (mag * (1 - frac));
                hist[base + Math.floorMod(b0 + 1, BINS)] += (float) (mag * frac);
            }
        }
        return clipped(hist);
    }

    private static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * (double) x;
        }
        if (s <= 1e-12) {
            return;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}
