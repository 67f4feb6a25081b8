package io.samlad;

import io.samlad.image.RgbImage;

/** Tiny constructed images for stage tests. */
public final class TestImages {
    private TestImages() {
    }

    /** A uniform image of one colour (components in [0, 1]). */
    public static RgbImage uniform(int w, int h, float r, float g, float b) {
        float[] d = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            d[i] = r;
            d[w * h + i] = g;
            d[2 * w * h + i] = b;
        }
        return RgbImage.ofPlanar(w, h, d);
    }

    /** Left half colour a, right half colour b (split at x = split). */
    public static RgbImage split(int w, int h, int split, float[] a, float[] b) {
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float[] c = x < split ? a : b;
                for (int k = 0; k < 3; k++) {
                    d[k * w * h + y * w + x] = c[k];
                }
            }
        }
        return RgbImage.ofPlanar(w, h, d);
    }

    /** Grey background with one filled axis-aligned rectangle of colour c. */
    public static RgbImage rectangle(int w, int h, int x0, int y0, int x1, int y1, float[] c) {
        float[] d = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean in = x >= x0 && x < x1 && y >= y0 && y < y1;
                for (int k = 0; k < 3; k++) {
                    d[k * w * h + y * w + x] = in ? c[k] : 0.5f;
                }
            }
        }
        return RgbImage.ofPlanar(w, h, d);
    }
}
