package io.samlad.eval.metrics;

import java.util.Arrays;

/**
 * Keeps the points of a long curve that a plot needs: a point is kept when it moved more than {@code tolerance}
 * in x or y from the last kept one; the first and the last point are always kept. A tolerance of 0 keeps every
 * point that differs from its predecessor. Only for drawing: metrics are integrated on every point.
 */
final class CurveSampler {
    private final double tolerance;
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int n;
    private boolean pending;
    private double pendingX;
    private double pendingY;

    CurveSampler(double tolerance) {
        this.tolerance = tolerance;
    }

    void add(double x, double y) {
        if (n == 0 || Math.abs(x - xs[n - 1]) > tolerance || Math.abs(y - ys[n - 1]) > tolerance) {
            keep(x, y);
            pending = false;
        } else {
            pending = true;
            pendingX = x;
            pendingY = y;
        }
    }

    private void keep(double x, double y) {
        if (n == xs.length) {
            xs = Arrays.copyOf(xs, 2 * n);
            ys = Arrays.copyOf(ys, 2 * n);
        }
        xs[n] = x;
        ys[n] = y;
        n++;
    }

    Curve finish() {
        if (pending) {
            keep(pendingX, pendingY);
            pending = false;
        }
        return new Curve(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
    }
}
