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

    /** Resizes a single-channel map, row-major, to {@code nw x nh}. */
    public static float[] resize(float[] src, int w, int h, int nw, int nh) {
        if (w == nw && h == nh) {
            return src.clone();
        }
        return resize(src, 0, w, h, nw, nh);
    }

    private static float[] resizeAxis(float[] src, int offset, int w, int h, int n, boolean horizontal) {
        int len = horizontal ? w : h;
        int lines = horizontal ? h : w;
        float[] out = new float[horizontal ? n * h : w * n];
        if (n == len) {
            System.arraycopy(src, offset, out, 0, w * h);
            return out;
        }
        // Precompute per output position the source taps and weights once for all lines.
        int[][] idx = new int[n][];
        float[][] wt = new float[n][];
        double scale = (double) len / n;
        for (int i = 0; i < n; i++) {
            if (n < len) {
                double a = i * scale;
                double b = a + scale;
                int i0 = (int) Math.floor(a);
                int i1 = Math.min(len, (int) Math.ceil(b));
                idx[i] = new int[i1 - i0];
                wt[i] = new float[i1 - i0];
                for (int k = i0; k < i1; k++) {
                    double cover = Math.min(b, k + 1) - Math.max(a, k);
                    idx[i][k - i0] = k;
                    wt[i][k - i0] = (float) (cover / scale);
                }
            } else {
                double x = (i + 0.5) * scale - 0.5;
                int x0 = (int) Math.floor(x);
                double f = x - x0;
                int a0 = Math.max(0, Math.min(len - 1, x0));
                int a1 = Math.max(0, Math.min(len - 1, x0 + 1));
                idx[i] = new int[] {a0, a1};
                wt[i] = new float[] {(float) (1 - f), (float) f};
            }
        }
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < n; i++) {
                float acc = 0;
                int[] ix = idx[i];
                float[] ww = wt[i];
                for (int k = 0; k < ix.length; k++) {
                    int s = horizontal ? offset + line * w + ix[k] : offset + ix[k] * w + line;
                    acc += ww[k] * src[s];
                }
                if (horizontal) {
                    out[line * n + i] = acc;
                } else {
                    out[i * w + line] = acc;
                }
            }
        }
        return out;
    }
}
