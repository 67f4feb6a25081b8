package io.samlad.eval.metrics;

/**
 * Area under a piecewise-linear curve from its first point up to each of several limits on {@code x}, fed one point
 * at a time in order of non-decreasing {@code x}, so that a curve of millions of points never has to be stored.
 *
 * <p>As in the official MVTec evaluation code (its {@code trapz} with {@code x_max}): trapezoids between
 * consecutive points; where a limit falls strictly between two points, the curve's value there is interpolated
 * linearly between them and the partial trapezoid is added; where points lie exactly on the limit they are all
 * included. Points sharing an {@code x} add no area; their order only matters at the limit.
 */
public final class CurveArea {
    private final double[] limits;
    private final double[] area;
    private final boolean[] closed;
    private boolean started;
    private double lastX;
    private double lastY;

    public CurveArea(double... limits) {
        for (double l : limits) {
            if (!(l > 0 && l <= 1)) {
                throw new IllegalArgumentException("integration limits must be in (0, 1], got " + l);
            }
        }
        this.limits = limits.clone();
        this.area = new double[limits.length];
        this.closed = new boolean[limits.length];
    }

    public void add(double x, double y) {
        if (!started) {
            started = true;
        } else {
            if (x < lastX) {
                throw new IllegalArgumentException("points must come in order of non-decreasing x: " + x + " after "
                        + lastX);
            }
            for (int i = 0; i < limits.length; i++) {
                if (closed[i]) {
                    continue;
                }
                double limit = limits[i];
                if (x <= limit) {
                    area[i] += 0.5 * (y + lastY) * (x - lastX);
                } else {
                    double yAtLimit = lastY + (y - lastY) * (limit - lastX) / (x - lastX);
                    area[i] += 0.5 * (lastY + yAtLimit) * (limit - lastX);
                    closed[i] = true;
                }
            }
        }
        lastX = x;
        lastY = y;
    }

    /** Area up to limit {@code i} (in the order given to the constructor). */
    public double area(int i) {
        return area[i];
    }

    /** Area up to limit {@code i} divided by the limit, so that a perfect curve scores 1. */
    public double normalisedArea(int i) {
        return area[i] / limits[i];
    }

    /** Convenience for a stored curve: normalised area up to {@code limit}. */
    public static double normalised(Curve curve, double limit) {
        CurveArea a = new CurveArea(limit);
        for (int i = 0; i < curve.size(); i++) {
            a.add(curve.x()[i], curve.y()[i]);
        }
        return a.normalisedArea(0);
    }
}
