package io.samlad.image;

/**
 * Resampling of one float plane. Shrinking averages the source area each target pixel covers (anti-aliased);
 * enlarging interpolates bilinearly with pixel centres aligned (the convention of OpenCV's INTER_LINEAR).
 */
public final class Resampling {
    private Resampling() {
    }

    /** Resizes the plane at {@code src[offset .. offset + w*h)} to {@code nw x nh}. */
    public static float[] resize(float[] src, int offset, int w, int h, int nw, int nh) {
        float[] rows = resizeAxis(src, offset, w, h, nw, true);
        return resizeAxis(rows, 0, nw, h, nh, false);
    }

    /**
     * Resizes {@code planes} planes stored one after another ({@code src[p * w * h + y * w + x]}) to {@code nw x nh}
     * each, into one planar array: the same values as {@link #resize(float[], int, int, int, int, int)} plane by
     * plane, without a separate array per plane (at 800x1600 every fresh array costs page faults) and with one
     * buffer between the two passes for all planes.
     */
    public static float[] resizePlanes(float[] src, int w, int h, int planes, int nw, int nh) {
        float[] out = new float[planes * nw * nh];
        float[] rows = nw == w ? null : new float[nw * h];
        Taps across = nw == w ? null : Taps.of(w, nw);
        Taps down = nh == h ? null : Taps.of(h, nh);
        for (int p = 0; p < planes; p++) {
            float[] mid = src;
            int midOffset = p * w * h;
            if (across != null) {
                resizeRows(src, p * w * h, w, h, nw, across, rows);
                mid = rows;
                midOffset = 0;
            }
            if (down == null) {
                System.arraycopy(mid, midOffset, out, p * nw * nh, nw * nh);
            } else {
                resizeColumns(mid, midOffset, nw, nh, down, out, p * nw * nh);
            }
        }
        return out;
    }

    /**
     * As {@link #resizePlanes(float[], int, int, int, int, int)} for planes of 8-bit samples, each standing for the
     * float {@code levels[b & 0xff]}: the same values bit for bit as resizing the planes of those floats (each sum
     * takes the same products in the same order), without making them. The width must shrink ({@code nw < w}): the
     * horizontal pass is what reads the samples. It costs about half as much again as the float kernel (6.0 against
     * 4.0 ms at 800x1600 to 256x512, the look-up in the inner loop); turning 32 lines at a time into floats in a small
     * buffer and running the float kernel on them was slower still (6.9 ms). Enlarging from samples was slower than
     * making the floats and enlarging them (1.59 against 1.34 ms at 200x400 to 256x512), so it is not offered.
     */
    public static float[] resizePlanes(byte[] src, float[] levels, int w, int h, int planes, int nw, int nh) {
        if (nw >= w) {
            throw new IllegalArgumentException("the width must shrink, got " + w + " to " + nw);
        }
        float[] out = new float[planes * nw * nh];
        float[] rows = new float[nw * h];
        Taps across = Taps.of(w, nw);
        Taps down = nh == h ? null : Taps.of(h, nh);
        for (int p = 0; p < planes; p++) {
            resizeRows(src, levels, p * w * h, w, h, nw, across, rows);
            if (down == null) {
                System.arraycopy(rows, 0, out, p * nw * nh, nw * nh);
            } else {
                resizeColumns(rows, 0, nw, nh, down, out, p * nw * nh);
            }
        }
        return out;
    }

    /** Resizes a single-channel map, row-major, to {@code nw x nh}. */
    public static float[] resize(float[] src, int w, int h, int nw, int nh) {
        if (w == nw && h == nh) {
            return src.clone();
        }
        return resize(src, 0, w, h, nw, nh);
    }

    private static float[] resizeAxis(float[] src, int offset, int w, int h, int n, boolean horizontal) {
        int len = horizontal ? w : h;
        float[] out = new float[horizontal ? n * h : w * n];
        if (n == len) {
            System.arraycopy(src, offset, out, 0, w * h);
            return out;
        }
        Taps taps = Taps.of(len, n);
        if (horizontal) {
            resizeRows(src, offset, w, h, n, taps, out);
        } else {
            resizeColumns(src, offset, w, n, taps, out, 0);
        }
        return out;
    }

    /**
     * Source positions and weights of every output position along one axis, computed once for all lines and stored
     * flat: the taps of output {@code i} are {@code index/weight[start[i] .. start[i + 1])}.
     */
    private record Taps(int[] start, int[] index, float[] weight) {
        static Taps of(int len, int n) {
            int[] start = new int[n + 1];
            double scale = (double) len / n;
            // First pass counts the taps, second fills them: no per-position arrays.
            for (int i = 0; i < n; i++) {
                int count;
                if (n < len) {
                    double a = i * scale;
                    int i0 = (int) Math.floor(a);
                    int i1 = Math.min(len, (int) Math.ceil(a + scale));
                    count = i1 - i0;
                } else {
                    count = 2;
                }
                start[i + 1] = start[i] + count;
            }
            int[] index = new int[start[n]];
            float[] weight = new float[start[n]];
            for (int i = 0; i < n; i++) {
                int t = start[i];
                if (n < len) {
                    double a = i * scale;
                    double b = a + scale;
                    int i0 = (int) Math.floor(a);
                    int i1 = Math.min(len, (int) Math.ceil(b));
                    for (int k = i0; k < i1; k++) {
                        double cover = Math.min(b, k + 1) - Math.max(a, k);
                        index[t] = k;
                        weight[t++] = (float) (cover / scale);
                    }
                } else {
                    double x = (i + 0.5) * scale - 0.5;
                    int x0 = (int) Math.floor(x);
                    double f = x - x0;
                    index[t] = Math.max(0, Math.min(len - 1, x0));
                    weight[t++] = (float) (1 - f);
                    index[t] = Math.max(0, Math.min(len - 1, x0 + 1));
                    weight[t] = (float) f;
                }
            }
            return new Taps(start, index, weight);
        }
    }

    /**
     * Horizontal pass. Shrinking: four lines at a time, so that each output position's taps (index and weight) are
     * read once for four sums, and four independent sums keep the floating-point unit busy while each waits for its
     * previous addition. Every sum still adds its taps in order from +0, so each value is the same as one line at a
     * time.
     */
    private static void resizeRows(float[] src, int offset, int w, int h, int n, Taps taps, float[] out) {
        int[] start = taps.start();
        int[] index = taps.index();
        float[] weight = taps.weight();
        if (start[n] == 2 * n) {
            resizeRowsTwoTaps(src, offset, w, h, n, index, weight, out);
            return;
        }
        int line = 0;
        for (; line + 3 < h; line += 4) {
            int r0 = offset + line * w;
            int r1 = r0 + w;
            int r2 = r1 + w;
            int r3 = r2 + w;
            int o = line * n;
            for (int i = 0; i < n; i++) {
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                for (int t = start[i]; t < start[i + 1]; t++) {
                    float wt = weight[t];
                    int k = index[t];
                    a0 += wt * src[r0 + k];
                    a1 += wt * src[r1 + k];
                    a2 += wt * src[r2 + k];
                    a3 += wt * src[r3 + k];
                }
                out[o + i] = a0;
                out[o + n + i] = a1;
                out[o + 2 * n + i] = a2;
                out[o + 3 * n + i] = a3;
            }
        }
        for (; line < h; line++) {
            int row = offset + line * w;
            int o = line * n;
            for (int i = 0; i < n; i++) {
                float acc = 0;
                for (int t = start[i]; t < start[i + 1]; t++) {
                    acc += weight[t] * src[row + index[t]];
                }
                out[o + i] = acc;
            }
        }
    }

    /**
     * Enlarging (every output has exactly two taps): the tap loop written out. {@code 0f +} keeps the sum exactly
     * what the loop computes, whose accumulator starts at +0 (it differs from the bare product only for -0).
     */
    private static void resizeRowsTwoTaps(float[] src, int offset, int w, int h, int n, int[] index, float[] weight,
            float[] out) {
        for (int line = 0; line < h; line++) {
            int row = offset + line * w;
            int o = line * n;
            for (int i = 0; i < n; i++) {
                int t = 2 * i;
                out[o + i] = (0f + weight[t] * src[row + index[t]]) + weight[t + 1] * src[row + index[t + 1]];
            }
        }
    }

    /** {@link #resizeRows(float[], int, int, int, int, Taps, float[])} reading 8-bit samples through {@code levels}. */
    private static void resizeRows(byte[] src, float[] levels, int offset, int w, int h, int n, Taps taps,
            float[] out) {
        int[] start = taps.start();
        int[] index = taps.index();
        float[] weight = taps.weight();
        int line = 0;
        for (; line + 3 < h; line += 4) {
            int r0 = offset + line * w;
            int r1 = r0 + w;
            int r2 = r1 + w;
            int r3 = r2 + w;
            int o = line * n;
            for (int i = 0; i < n; i++) {
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                for (int t = start[i]; t < start[i + 1]; t++) {
                    float wt = weight[t];
                    int k = index[t];
                    a0 += wt * levels[src[r0 + k] & 0xff];
                    a1 += wt * levels[src[r1 + k] & 0xff];
                    a2 += wt * levels[src[r2 + k] & 0xff];
                    a3 += wt * levels[src[r3 + k] & 0xff];
                }
                out[o + i] = a0;
                out[o + n + i] = a1;
                out[o + 2 * n + i] = a2;
                out[o + 3 * n + i] = a3;
            }
        }
        for (; line < h; line++) {
            int row = offset + line * w;
            int o = line * n;
            for (int i = 0; i < n; i++) {
                float acc = 0;
                for (int t = start[i]; t < start[i + 1]; t++) {
                    acc += weight[t] * levels[src[row + index[t]] & 0xff];
                }
                out[o + i] = acc;
            }
        }
    }

    /**
     * Vertical pass row by row: each output row accumulates whole source rows, so memory is read in order (the
     * column-by-column walk it replaces missed the cache on every tap). Each output value still sums its taps in the
     * same order, so the result is bit-for-bit the same.
     */
    private static void resizeColumns(float[] src, int offset, int w, int n, Taps taps, float[] out, int outOffset) {
        int[] start = taps.start();
        int[] index = taps.index();
        float[] weight = taps.weight();
        for (int i = 0; i < n; i++) {
            int o = outOffset + i * w;
            for (int t = start[i]; t < start[i + 1]; t++) {
                float wt = weight[t];
                int s = offset + index[t] * w;
                for (int x = 0; x < w; x++) {
                    out[o + x] += wt * src[s + x];
                }
            }
        }
    }
}
