package io.samlad.features;

/**
 * Unsigned gradient orientation, the angle of {@code (gx, gy)} folded into {@code [0, pi]} (a dark-on-light edge
 * equals light-on-dark), as {@code atan2(gy, gx)} plus pi when negative. Every pixel of every image needs one, and
 * {@link Math#atan2} has no intrinsic on Java 17 (it calls the portable C library): this arctangent is Cephes'
 * rational approximation with its argument reduction, accurate to a unit in the last place of the double, at about
 * half the cost. The tests hold it to {@code Math.atan2}.
 */
final class Orientation {
    private static final double[] P = {-8.750608600031904122785E-1, -1.615753718733365076637E1,
        -7.500855792314704667340E1, -1.228866684490136173410E2, -6.485021904942025371773E1};
    private static final double[] Q = {2.485846490142306297962E1, 1.650270098316988542046E2,
        4.328810604912902668951E2, 4.853903996359136964868E2, 1.945506571482613964425E2};
    /** tan(3 pi / 8). */
    private static final double T3P8 = 2.41421356237309504880;
    /** The part of pi / 2 a double cannot hold. */
    private static final double MOREBITS = 6.123233995736765886130E-17;

    private Orientation() {
    }

    /** The angle of a non-zero {@code (gx, gy)} in {@code [0, pi]}, as {@code atan2} folded by pi. */
    static double unsigned(float gx, float gy) {
        double base = atan(Math.abs(gy) / (double) Math.abs(gx));
        // atan2 is base in the first quadrant, pi - base in the second; the third and fourth, raised by pi, mirror
        // them. Signs of zero follow atan2: gy is never -0 here (a difference of floats), and gx = +-0 gives pi/2.
        return (gx >= 0) == (gy >= 0) ? base : Math.PI - base;
    }

    /** Arctangent of {@code x >= 0} (infinity included). */
    static double atan(double x) {
        double y;
        double more;
        if (x > T3P8) {
            y = Math.PI / 2;
            more = MOREBITS;
            x = -1.0 / x;
        } else if (x <= 0.66) {
            y = 0;
            more = 0;
        } else {
            y = Math.PI / 4;
            more = 0.5 * MOREBITS;
            x = (x - 1.0) / (x + 1.0);
        }
        double z = x * x;
        double p = (((P[0] * z + P[1]) * z + P[2]) * z + P[3]) * z + P[4];
        double q = ((((z + Q[0]) * z + Q[1]) * z + Q[2]) * z + Q[3]) * z + Q[4];
        z = x * (z * p / q) + x;
        return y + (z + more);
    }
}
