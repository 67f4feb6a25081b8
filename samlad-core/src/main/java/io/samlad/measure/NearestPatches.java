package io.samlad.measure;

import io.samlad.features.FeatureMap;

/**
 * The innermost kernel of structural measuring: for each patch of one feature map, the squared Euclidean distance
 * to the nearest patch of another map within {@code radius} cells of the same relative position.
 *
 * <p>When both maps share a grid (the usual case: every image of a category is worked on at the same size) the
 * search runs offset by offset over channel-major copies of the maps: for one offset {@code (dx, dy)} and one
 * channel, a whole row of patches is compared with the row of patches shifted by that offset, an element-wise loop
 * that the JIT compiles to SIMD instructions. Each patch pair's sum still adds the channels one by one in order, so
 * the result is bit-identical to the plain loop over pairs (kept in the tests as the reference), which abandons a
 * pair once its partial sum exceeds the best so far. Maps of different grids take that plain loop.
 */
public final class NearestPatches {
    private NearestPatches() {
    }

    /**
     * For each patch of {@code from}, lowers {@code best} to the squared distance of the nearest patch of {@code to}
     * within {@code radius} cells of the same relative position.
     */
    public static void lower(FeatureMap from, FeatureMap to, int radius, float[] best) {
        lower(from, to, radius, best, NearestPatches::channelPlanes);
    }

    /**
     * As {@link #lower(FeatureMap, FeatureMap, int, float[])}, with the maps' channel planes from {@code planes}
     * (re-laid once per map, not once per comparison). The result does not depend on where the planes come from.
     */
    public static void lower(FeatureMap from, FeatureMap to, int radius, float[] best, PatchPlanes planes) {
        if (from.width() == to.width() && from.height() == to.height() && from.channels() == to.channels()) {
            sameGrid(planes.of(from), planes.of(to), from.width(), from.height(), radius, best);
        } else {
            byPairs(from, to, radius, best);
        }
    }

    /**
     * Both directions at once, for two maps on the same grid (else each direction on its own): lowers
     * {@code bestFrom} as {@link #lower} does for {@code from -> to}, and {@code bestTo} for {@code to -> from}.
     * The squared distance of a pair does not depend on the direction ({@code a - b} is exactly {@code -(b - a)},
     * so each term and each partial sum are the same floats), and the window is symmetric, so one pass over the
     * offsets serves both: the sum of a patch of {@code from} with its partner at offset {@code o} is the sum of
     * that partner with it at offset {@code -o}. Bit-identical to the two directions computed apart.
     */
    public static void lowerBoth(FeatureMap from, FeatureMap to, int radius, float[] bestFrom, float[] bestTo,
            PatchPlanes planes) {
        if (from.width() == to.width() && from.height() == to.height() && from.channels() == to.channels()) {
            sameGridBoth(planes.of(from), planes.of(to), from.width(), from.height(), radius, bestFrom, bestTo);
        } else {
            byPairs(from, to, radius, bestFrom);
            byPairs(to, from, radius, bestTo);
        }
    }

    /** One row-major plane per channel, {@code planes[c][y * width + x]}, of a patch-major map. */
    static float[][] channelPlanes(FeatureMap m) {
        int c = m.channels();
        int n = m.width() * m.height();
        float[] src = m.data();
        float[][] out = new float[c][n];
        for (int i = 0; i < n; i++) {
            int o = i * c;
            for (int k = 0; k < c; k++) {
                out[k][i] = src[o + k];
            }
        }
        return out;
    }

    /**
     * The offset-major search over the channel planes {@code f} and {@code t} of two maps on the same {@code w x h}
     * grid. For one offset, the patches from the first to the last that have a partner at that offset form one
     * contiguous run of the row-major grid, and so do their partners; the run is compared as a whole, a long loop
     * (rows of a few dozen patches would leave most of the work to the scalar pre- and post-loops around a vector
     * loop). At row ends the run holds patches whose partner would fall off the grid (the index wraps to the next
     * row): their sums are computed and ignored.
     *
     * <p>The partners' run is first copied to the same indices as the patches' own ({@code System.arraycopy}, a
     * memory copy): with every array of the loop read and written at the same index, the JIT can tell that the sum
     * it stores never feeds a later load, and vectorises the loop; with the partners read at an offset it cannot, and
     * runs it one element at a time, several times slower.
     */
    static void sameGrid(float[][] f, float[][] t, int w, int h, int radius, float[] best) {
        sameGridBoth(f, t, w, h, radius, best, null);
    }

    /** {@link #sameGrid}, also lowering {@code bestTo} (when not null) for the direction from {@code t} to {@code f}. */
    static void sameGridBoth(float[][] f, float[][] t, int w, int h, int radius, float[] best, float[] bestTo) {
        int n = w * h;
        float[] acc = new float[n];
        float[] partner = new float[n];
        for (int dy = -radius; dy <= radius; dy++) {
            int y0 = Math.max(0, -dy);
            int y1 = Math.min(h, h - dy);
            for (int dx = -radius; dx <= radius; dx++) {
                int x0 = Math.max(0, -dx);
                int x1 = Math.min(w, w - dx);
                if (x1 <= x0 || y1 <= y0) {
                    continue;
                }
                int start = y0 * w + x0;
                int end = (y1 - 1) * w + x1;
                int shift = dy * w + dx;
                java.util.Arrays.fill(acc, start, end, 0f);
                for (int k = 0; k < f.length; k++) {
                    System.arraycopy(t[k], start + shift, partner, start, end - start);
                    accumulate(acc, f[k], partner, start, end);
                }
                for (int y = y0; y < y1; y++) {
                    for (int i = y * w + x0, e = y * w + x1; i < e; i++) {
                        float s = acc[i];
                        if (s < best[i]) {
                            best[i] = s;
                        }
                    }
                }
                if (bestTo != null) {
                    for (int y = y0; y < y1; y++) {
                        for (int i = y * w + x0, e = y * w + x1; i < e; i++) {
                            float s = acc[i];
                            if (s < bestTo[i + shift]) {
                                bestTo[i + shift] = s;
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code acc[i] += (a[i] - b[i])^2} for {@code start <= i < end}: the vectorised loop. */
    private static void accumulate(float[] acc, float[] a, float[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            float d = a[i] - b[i];
            acc[i] += d * d;
        }
    }

    /**
     * The plain loop over patch pairs, abandoning a pair once its partial sum exceeds the best so far: any two grids
     * (each patch searches around its relative position on the other grid).
     */
    public static void byPairs(FeatureMap from, FeatureMap to, int radius, float[] best) {
        int w = from.width();
        int h = from.height();
        int c = from.channels();
        float[] fd = from.data();
        float[] td = to.data();
        int tw = to.width();
        int th = to.height();
        for (int y = 0; y < h; y++) {
            int cy = Math.min(th - 1, (int) ((y + 0.5) * th / h));
            for (int x = 0; x < w; x++) {
                int cx = Math.min(tw - 1, (int) ((x + 0.5) * tw / w));
                int fo = (y * w + x) * c;
                float b = best[y * w + x];
                for (int ny = Math.max(0, cy - radius); ny <= Math.min(th - 1, cy + radius); ny++) {
                    for (int nx = Math.max(0, cx - radius); nx <= Math.min(tw - 1, cx + radius); nx++) {
                        int to0 = (ny * tw + nx) * c;
                        float s = 0;
                        for (int k = 0; k < c && s < b; k++) {
                            float d = fd[fo + k] - td[to0 + k];
                            s += d * d;
                        }
                        if (s < b) {
                            b = s;
                        }
                    }
                }
                best[y * w + x] = b;
            }
        }
    }
}
