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

    /** Per range of the argument (0: up to 0.66, 1: up to tan(3 pi / 8), 2: beyond): the result's offset. */
    private static final double[] OFFSET = {0, Math.PI / 4, Math.PI / 2};
    /** The part of the offset a double cannot hold. */
    private static final double[] MORE = {0, 0.5 * MOREBITS, MOREBITS};
    /** The reduced argument is (NUM_X x + NUM_1) / (DEN_X x + DEN_1): x, (x - 1) / (x + 1), -1 / x. */
    private static final double[] NUM_X = {1, 1, 0};
    private static final double[] NUM_1 = {0, -1, -1};
    private static final double[] DEN_X = {0, 1, 1};
    private static final double[] DEN_1 = {1, 1, 0};
    /** Folding by quadrant: the angle is SIGN base + TURN (base, or pi - base). */
    private static final double[] SIGN = {-1, 1};
    private static final double[] TURN = {Math.PI, 0};

    /**
     * The angle of a non-zero {@code (gx, gy)} in {@code [0, pi]}, as {@code atan2} folded by pi.
     *
     * <p>Without a branch on the data: on image gradients the range of the argument and the quadrant are a coin toss
     * per pixel, and mispredicted branches cost more than the arithmetic. The range picks table entries instead,
     * and every selected operation is exact where the branching code ({@code OrientationTest} keeps it) had none:
     * {@code 1 x + 0 = x}, {@code 0 x + 1 = 1}, {@code 1 x - 1 = x - 1}, {@code 1 base + 0 = base},
     * {@code -1 base + pi = pi - base}, so both give the same bits.
     */
    static double unsigned(float gx, float gy) {
        double x = Math.abs(gy) / (double) Math.abs(gx);
        // x > c is the sign bit of c - x (x >= 0, infinity included, never NaN here): no branch.
        int range = (int) (Double.doubleToRawLongBits(0.66 - x) >>> 63)
                + (int) (Double.doubleToRawLongBits(T3P8 - x) >>> 63);
        // x itself is infinite when gx = 0; in range 2 it only enters the denominator, so clip it for the numerator.
        double xn = Math.min(x, T3P8);
        double r = (NUM_X[range] * xn + NUM_1[range]) / (DEN_X[range] * x + DEN_1[range]);
        double z = r * r;
        double p = (((P[0] * z + P[1]) * z + P[2]) * z + P[3]) * z + P[4];
        double q = ((((z + Q[0]) * z + Q[1]) * z + Q[2]) * z + Q[3]) * z + Q[4];
        z = r * (z * p / q) + r;
        double base = OFFSET[range] + (z + MORE[range]);
        // atan2 is base in the first quadrant, pi - base in the second; the third and fourth, raised by pi, mirror
        // them. Signs of zero follow atan2: gy is never -0 here (a difference of floats), and gx = +-0 gives pi/2.
        int sameSign = (gx >= 0) == (gy >= 0) ? 1 : 0;
        return SIGN[sameSign] * base + TURN[sameSign];
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
