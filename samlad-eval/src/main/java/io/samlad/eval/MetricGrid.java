package io.samlad.eval;

import java.util.BitSet;

/**
 * The grid the pixel metrics run on: every pixel (stride 1), or, when a category has more test pixels than the
 * budget, every {@code stride}-th pixel in both directions, the same pixels for maps and masks.
 */
record MetricGrid(int stride) {
    MetricGrid {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1");
        }
    }

    /** The smallest stride that brings {@code totalPixels} within {@code budget}. */
    static MetricGrid forBudget(long totalPixels, long budget) {
        int s = 1;
        while (totalPixels / ((long) s * s) > budget) {
            s++;
        }
        return new MetricGrid(s);
    }

    int width(int fullWidth) {
        return (fullWidth + stride - 1) / stride;
    }

    int height(int fullHeight) {
        return (fullHeight + stride - 1) / stride;
    }

    float[] sample(float[] map, int w, int h) {
        if (stride == 1) {
            return map.clone();
        }
        int gw = width(w);
        int gh = height(h);
        float[] out = new float[gw * gh];
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                out[y * gw + x] = map[(y * stride) * w + x * stride];
            }
        }
        return out;
    }

    BitSet sample(BitSet mask, int w, int h) {
        if (stride == 1) {
            return (BitSet) mask.clone();
        }
        int gw = width(w);
        int gh = height(h);
        BitSet out = new BitSet(gw * gh);
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                if (mask.get((y * stride) * w + x * stride)) {
                    out.set(y * gw + x);
                }
            }
        }
        return out;
    }
}
