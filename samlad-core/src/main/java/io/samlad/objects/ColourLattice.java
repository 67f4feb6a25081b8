package io.samlad.objects;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;

/**
 * The colour of every cell of the image's sampling lattice, kept in place: the histogram of the COLOURS measure
 * ({@link ColourHistogram}) forgets where each colour lies, the PIECES measure needs the colours' connected pieces.
 * The lattice is that of {@link ColourHistogram#of} (cells of {@code step x step} pixels, at most about
 * {@value ColourHistogram#MAX_SAMPLES} of them), but each cell holds the mean colour of its pixels, not one pixel's:
 * pixel noise on a colour near the edge of a histogram bin (a dark connector body) would otherwise speckle it between
 * two colours and break it into crumbs. The mean is kept as L*a*b* on a fine grid of {@value #LEVELS} levels per
 * channel (L* over [0, 100], a* and b* over the histogram's range). A query's own (banks do not store it).
 *
 * @param width  lattice cells per row
 * @param height lattice rows
 * @param step   pixels per cell side
 * @param codes  the quantised colour of each cell ({@link #code}), row by row
 */
public record ColourLattice(int width, int height, int step, short[] codes) {
    /** Levels per L*a*b* channel of a cell's code. */
    public static final int LEVELS = 32;

    public ColourLattice {
        if (width < 1 || height < 1 || step < 1 || codes.length != width * height) {
            throw new IllegalArgumentException("colour lattice of " + width + " x " + height + " needs as many codes");
        }
    }

    /** The lattice of {@code image}: the mean RGB of each cell, one L*a*b* conversion per cell. */
    public static ColourLattice of(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int step = ColourHistogram.step(w, h);
        int lw = Math.max(1, w / step);
        int lh = Math.max(1, h / step);
        short[] codes = new short[lw * lh];
        float[] lab = new float[3];
        float[] rgb = image.planar();
        int n = w * h;
        for (int ly = 0; ly < lh; ly++) {
            for (int lx = 0; lx < lw; lx++) {
                double r = 0;
                double g = 0;
                double b = 0;
                int count = 0;
                for (int y = ly * step; y < Math.min(h, ly * step + step); y++) {
                    for (int x = lx * step; x < Math.min(w, lx * step + step); x++) {
                        int i = y * w + x;
                        r += rgb[i];
                        g += rgb[n + i];
                        b += rgb[2 * n + i];
                        count++;
                    }
                }
                LabColour.pixel((float) (r / count), (float) (g / count), (float) (b / count), lab);
                codes[ly * lw + lx] = code(lab[0], lab[1], lab[2]);
            }
        }
        return new ColourLattice(lw, lh, step, codes);
    }

    /** The code of a colour (L*a*b* / 100). */
    static short code(float l, float a, float b) {
        int li = level(l);
        int ai = level((a + ColourHistogram.AB_RANGE) / (2 * ColourHistogram.AB_RANGE));
        int bi = level((b + ColourHistogram.AB_RANGE) / (2 * ColourHistogram.AB_RANGE));
        return (short) ((li * LEVELS + ai) * LEVELS + bi);
    }

    /** The colour a code stands for, as (L, a, b) / 100 (the centre of its cell of the fine grid). */
    public static float[] colour(int code) {
        int bi = code % LEVELS;
        int ai = (code / LEVELS) % LEVELS;
        int li = code / (LEVELS * LEVELS);
        float ab = 2 * ColourHistogram.AB_RANGE;
        return new float[] {(li + 0.5f) / LEVELS, -ColourHistogram.AB_RANGE + (ai + 0.5f) / LEVELS * ab,
                -ColourHistogram.AB_RANGE + (bi + 0.5f) / LEVELS * ab};
    }

    private static int level(float unit) {
        int i = (int) Math.floor(unit * LEVELS);
        return i < 0 ? 0 : Math.min(i, LEVELS - 1);
    }
}
