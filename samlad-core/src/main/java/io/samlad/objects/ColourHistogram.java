package io.samlad.objects;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;

/**
 * How much of an image has each colour, on a fixed grid of L*a*b* bins: the raw material of the COLOURS measure
 * ({@link io.samlad.measure.ColourComposition}), which groups the bins into the colours a bank's images are made of.
 * Independent of where anything is and of how the segmentation cut it: a cable's share of the image does not
 * change when it bends, and a large connector covers more dark pixels than a small one however it is segmented.
 *
 * <p>Bins: {@value #L_BINS} of L* over [0, 100] and {@value #AB_BINS} each of a* and b* over [-64, 64] (clamped);
 * pixels are sampled on a regular lattice of at most about {@value #MAX_SAMPLES} points. Pure.
 */
public final class ColourHistogram {
    static final int L_BINS = 6;
    static final int AB_BINS = 8;
    /** a* and b* (in L*a*b* / 100 units) are binned over [-AB_RANGE, AB_RANGE]. */
    static final float AB_RANGE = 0.64f;
    public static final int BINS = L_BINS * AB_BINS * AB_BINS;
    static final int MAX_SAMPLES = 16384;

    private ColourHistogram() {
    }

    /** The share of the sampled pixels in each bin (sums to 1), {@link #BINS} values. */
    public static float[] of(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int step = step(w, h);
        float[] counts = new float[BINS];
        float[] lab = new float[3];
        float[] rgb = image.planar();
        int n = w * h;
        int samples = 0;
        for (int y = step / 2; y < h; y += step) {
            for (int x = step / 2; x < w; x += step) {
                int i = y * w + x;
                LabColour.pixel(rgb[i], rgb[n + i], rgb[2 * n + i], lab);
                counts[bin(lab[0], lab[1], lab[2])]++;
                samples++;
            }
        }
        for (int b = 0; b < BINS; b++) {
            counts[b] /= samples;
        }
        return counts;
    }

    /** Pixels between neighbouring points of the sampling lattice of a {@code w x h} image. */
    static int step(int w, int h) {
        return Math.max(1, (int) Math.ceil(Math.sqrt((double) w * h / MAX_SAMPLES)));
    }

    /** The bin of a colour (L*a*b* / 100). */
    static int bin(float l, float a, float b) {
        int li = clamp((int) (l * L_BINS), L_BINS);
        int ai = clamp((int) Math.floor((a + AB_RANGE) / (2 * AB_RANGE) * AB_BINS), AB_BINS);
        int bi = clamp((int) Math.floor((b + AB_RANGE) / (2 * AB_RANGE) * AB_BINS), AB_BINS);
        return (li * AB_BINS + ai) * AB_BINS + bi;
    }

    /** The centre of bin {@code bin} as (L, a, b) / 100. */
    public static float[] centre(int bin) {
        int bi = bin % AB_BINS;
        int ai = (bin / AB_BINS) % AB_BINS;
        int li = bin / (AB_BINS * AB_BINS);
        float ab = 2 * AB_RANGE / AB_BINS;
        return new float[] {(li + 0.5f) / L_BINS, -AB_RANGE + (ai + 0.5f) * ab, -AB_RANGE + (bi + 0.5f) * ab};
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }
}
