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
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(w - 1, Math.max(0, x + i));
                    acc += k[i + r] * data[offset + y * w + xx];
                }
                tmp[y * w + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(h - 1, Math.max(0, y + i));
                    acc += k[i + r] * tmp[yy * w + x];
                }
                data[offset + y * w + x] = acc;
            }
        }
    }
}
