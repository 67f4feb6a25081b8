package io.samlad.eval.report;

/** A blue-to-red heat scale for anomaly maps: low scores stay faint, high scores are opaque red. */
final class Colormap {
    private static final float[][] STOPS = {
        {0f, 0.10f, 0.20f, 0.80f},
        {0.35f, 0.10f, 0.75f, 0.85f},
        {0.55f, 0.35f, 0.85f, 0.25f},
        {0.75f, 1.00f, 0.80f, 0.10f},
        {1f, 0.90f, 0.05f, 0.05f},
    };

    private Colormap() {
    }

    /** ARGB for {@code t} in [0, 1] (clamped). */
    static int argb(double t) {
        float v = (float) Math.max(0, Math.min(1, t));
        int i = 1;
        while (i < STOPS.length - 1 && STOPS[i][0] < v) {
            i++;
        }
        float[] a = STOPS[i - 1];
        float[] b = STOPS[i];
        float u = (v - a[0]) / (b[0] - a[0]);
        int r = Math.round(255 * (a[1] + u * (b[1] - a[1])));
        int g = Math.round(255 * (a[2] + u * (b[2] - a[2])));
        int bl = Math.round(255 * (a[3] + u * (b[3] - a[3])));
        int alpha = Math.round(255 * (0.10f + 0.65f * v));
        return (alpha << 24) | (r << 16) | (g << 8) | bl;
    }
}
