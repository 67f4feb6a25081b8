package io.samlad.segment;

/** Separable Gaussian blur of one float plane, borders clamped. */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    public static void blurInPlace(float[] data, int offset, int w, int h, double sigma) {
        if (sigma <= 0) {
            return;
        }
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[w * h];
        for (int y = 0; y < h; y++) {
            blurRow(data, offset + y * w, w, k, r, tmp, y * w);
        }
        // Vertical pass a whole row at a time (memory read in order); every value still adds its taps from -r to r,
        // so the result equals the tap-by-tap column walk bit for bit.
        float[] acc = new float[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0f);
            for (int i = -r; i <= r; i++) {
                float ki = k[i + r];
                int row = Math.min(h - 1, Math.max(0, y + i)) * w;
                for (int x = 0; x < w; x++) {
                    acc[x] += ki * tmp[row + x];
                }
            }
            System.arraycopy(acc, 0, data, offset + y * w, w);
        }
    }

    /** One row; only the r cells at each end need their taps clamped to the row. */
    private static void blurRow(float[] src, int s, int w, float[] k, int r, float[] out, int o) {
        int interiorEnd = w - r;
        for (int x = 0; x < w; x++) {
            float acc = 0;
            if (x >= r && x < interiorEnd) {
                int base = s + x - r;
                for (int t = 0; t < k.length; t++) {
                    acc += k[t] * src[base + t];
                }
            } else {
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(w - 1, Math.max(0, x + i));
                    acc += k[i + r] * src[s + xx];
                }
            }
            out[o + x] = acc;
        }
    }
}
