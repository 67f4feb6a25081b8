package io.samlad.onnx;

/**
 * Segment Anything's prompt grid: {@code n x n} points at the centres of an {@code n x n} partition of the unit
 * square, row by row (x varies fastest).
 */
public final class PointGrid {
    private PointGrid() {
    }

    /** Relative coordinates {@code [i][0] = x, [i][1] = y} in (0, 1). */
    public static double[][] relative(int n) {
        double[][] pts = new double[n * n][];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                pts[row * n + col] = new double[] {(col + 0.5) / n, (row + 0.5) / n};
            }
        }
        return pts;
    }

    /** The grid scaled to a {@code width x height} image, in its pixel coordinates. */
    public static double[][] inPixels(int n, int width, int height) {
        double[][] pts = relative(n);
        for (double[] p : pts) {
            p[0] *= width;
            p[1] *= height;
        }
        return pts;
    }
}
