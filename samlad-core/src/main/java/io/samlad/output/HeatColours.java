package io.samlad.output;

/** A perceptually ordered heat colour ramp (dark blue, purple, red, orange, yellow) for anomaly maps. */
public final class HeatColours {
    private static final float[][] STOPS = {
        {0.05f, 0.03f, 0.25f}, {0.40f, 0.05f, 0.55f}, {0.80f, 0.15f, 0.30f}, {0.98f, 0.55f, 0.05f}, {1f, 0.95f, 0.4f}
    };

    private HeatColours() {
    }

    /** RGB packed in an int for t in [0, 1] (clamped). */
    public static int rgb(double t) {
        double x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) x);
        double f = x - i;
        int r = (int) Math.round(255 * (STOPS[i][0] + f * (STOPS[i + 1][0] - STOPS[i][0])));
        int g = (int) Math.round(255 * (STOPS[i][1] + f * (STOPS[i + 1][1] - STOPS[i][1])));
        int b = (int) Math.round(255 * (STOPS[i][2] + f * (STOPS[i + 1][2] - STOPS[i][2])));
        return (r << 16) | (g << 8) | b;
    }
}
