package io.samlad.image;

/**
 * sRGB to CIE L*a*b* (D65) conversion, scaled by 1/100 so that L is in [0, 1] and a, b are roughly in [-1, 1]:
 * the features then mix colour and gradient terms of comparable size without further weighting.
 */
public final class LabColour {
    private static final float[] LINEAR = new float[4096];

    static {
        for (int i = 0; i < LINEAR.length; i++) {
            double v = i / (double) (LINEAR.length - 1);
            LINEAR[i] = (float) (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        }
    }

    private LabColour() {
    }

    /** Converts a planar RGB image to planar L*a*b* / 100 (same layout: L plane, a plane, b plane). */
    public static float[] toLab(RgbImage image) {
        float[] rgb = image.planar();
        int n = image.width() * image.height();
        float[] lab = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float r = linear(rgb[i]);
            float g = linear(rgb[n + i]);
            float b = linear(rgb[2 * n + i]);
            double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
            double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
            double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
            double fx = f(x);
            double fy = f(y);
            double fz = f(z);
            lab[i] = (float) ((116 * fy - 16) / 100);
            lab[n + i] = (float) (500 * (fx - fy) / 100);
            lab[2 * n + i] = (float) (200 * (fy - fz) / 100);
        }
        return lab;
    }

    /**
     * One sRGB pixel (components in [0, 1]) to L*a*b* / 100, written to {@code out[0..2]}: the same values as
     * {@link #toLab(RgbImage)} gives for that pixel.
     */
    public static void pixel(float red, float green, float blue, float[] out) {
        float r = linear(red);
        float g = linear(green);
        float b = linear(blue);
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        out[0] = (float) ((116 * fy - 16) / 100);
        out[1] = (float) (500 * (fx - fy) / 100);
        out[2] = (float) (200 * (fy - fz) / 100);
    }

    private static float linear(float v) {
        // Clamping the index instead of the value gives the same entry for every input, NaN included (it casts
        // to 0), without the float min/max.
        int i = (int) (v * (LINEAR.length - 1) + 0.5f);
        return LINEAR[i < 0 ? 0 : Math.min(i, LINEAR.length - 1)];
    }

    private static double f(double t) {
        return t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    /**
     * Cube root of a positive, normal double, three per pixel. {@link Math#cbrt} has no intrinsic on Java 17 and
     * showed at the top of profiles; Halley's iteration from an exponent-third first guess is cheaper and agrees
     * with it to within three units in the last place of the double, far below the float the result is stored as.
     */
    static double cbrt(double t) {
        // Dividing the bits by three divides the exponent by three; the constant restores the exponent bias.
        double y = Double.longBitsToDouble(Double.doubleToRawLongBits(t) / 3 + CBRT_BIAS);
        // The first guess is within 6 %; Halley's method triples the correct digits per step, so three suffice.
        for (int i = 0; i < 3; i++) {
            double y3 = y * y * y;
            y = y * (y3 + 2 * t) / (2 * y3 + t);
        }
        return y;
    }

    /** Two thirds of the double exponent bias, in place: (2/3) * 1023 * 2^52, rounded to an integer exponent. */
    private static final long CBRT_BIAS = 682L << 52;
}
