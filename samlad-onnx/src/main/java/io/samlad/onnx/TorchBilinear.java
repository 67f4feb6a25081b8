package io.samlad.onnx;

/**
 * Bilinear resizing with PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)} arithmetic (no
 * anti-aliasing): output pixel {@code i} samples the input at {@code (i + 0.5) * in / out - 0.5}, clamped below at
 * 0 and at the last pixel above. Used to reproduce Segment Anything's mask post-processing exactly.
 */
public final class TorchBilinear {
    private TorchBilinear() {
    }

    public static float[] resize(float[] src, int w, int h, int nw, int nh) {
        int[] x0 = new int[nw];
        int[] x1 = new int[nw];
        float[] fx = new float[nw];
        taps(w, nw, x0, x1, fx);
        int[] y0 = new int[nh];
        int[] y1 = new int[nh];
        float[] fy = new float[nh];
        taps(h, nh, y0, y1, fy);
        float[] out = new float[nw * nh];
        for (int y = 0; y < nh; y++) {
            int r0 = y0[y] * w;
            int r1 = y1[y] * w;
            float wy = fy[y];
            for (int x = 0; x < nw; x++) {
                float top = src[r0 + x0[x]] * (1 - fx[x]) + src[r0 + x1[x]] * fx[x];
                float bottom = src[r1 + x0[x]] * (1 - fx[x]) + src[r1 + x1[x]] * fx[x];
                out[y * nw + x] = top * (1 - wy) + bottom * wy;
            }
        }
        return out;
    }

    private static void taps(int in, int out, int[] i0, int[] i1, float[] frac) {
        double scale = in / (double) out;
        for (int i = 0; i < out; i++) {
            double s = Math.max(0.0, (i + 0.5) * scale - 0.5);
            int a = Math.min((int) s, in - 1);
            i0[i] = a;
            i1[i] = Math.min(a + 1, in - 1);
            frac[i] = (float) (s - a);
        }
    }
}
