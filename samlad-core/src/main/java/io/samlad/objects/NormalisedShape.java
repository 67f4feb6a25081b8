package io.samlad.objects;

import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import java.util.Arrays;

/**
 * An object's shape brought to a standard frame, the way handwritten digits are normalised before they are compared:
 * the contrast of the object to its surroundings, centred on its centre of mass, scaled by its spread and deskewed,
 * resampled onto {@value #SIZE} x {@value #SIZE} pixels. Two writings of one digit, of different size, position and
 * slant, come out alike; a 3 and a 7, or a 7 and its mirror image, do not.
 *
 * <p>The region is the mask's bounding box on the object grid, grown by {@value #GROW} of its longer side on every
 * side (so that the whole object is in it even where the mask cut it short). Its background level {@code b} is the
 * median luminance {@code Y = 0.299 R + 0.587 G + 0.114 B} along the region's border, and the contrast is
 * {@code c(x) = |Y(x) - b|}: the same for a light object on a dark ground as for a dark one on a light ground.
 * With {@code m} the contrast's centre of mass and {@code S} its second central moments:
 * <pre>
 *   half-side  h = (SPAN / 2) sqrt(max(S_xx, S_yy))      (isotropic: the aspect ratio stays, a 1 stays thin)
 *   shear      k = S_xy / S_yy                            (deskew: slanted writing is set upright)
 *   out(u, v) = c(m_x + x + k y, m_y + y),  (x, y) = ((u + 1/2) / SIZE, (v + 1/2) / SIZE) * 2h - h
 * </pre>
 * sampled bilinearly with area averaging where the output pixel covers several input pixels.
 */
final class NormalisedShape {
    static final int SIZE = 24;
    /** Growth of the region around the mask's box, per side, as a share of the box's longer side. */
    static final double GROW = 0.2;
    /** Side of the output square in standard deviations of the contrast (4.5: a digit fills it with a margin). */
    static final double SPAN = 4.5;
    /** Largest number of grid points read across the region; larger regions are read in blocks. */
    static final int MAX_READ = 64;

    private NormalisedShape() {
    }

    /** The normalised contrast of {@code mask}'s object in {@code image}, SIZE x SIZE, row-major. */
    static float[] of(RgbImage image, ObjectMask mask) {
        int w = image.width();
        int h = image.height();
        double sx = w / (double) mask.width();
        double sy = h / (double) mask.height();
        double x0 = mask.minX() * sx;
        double x1 = (mask.maxX() + 1) * sx;
        double y0 = mask.minY() * sy;
        double y1 = (mask.maxY() + 1) * sy;
        double grow = Math.max(x1 - x0, y1 - y0) * GROW;
        int bx0 = clamp((int) Math.floor(x0 - grow), w);
        int bx1 = clamp((int) Math.ceil(x1 + grow), w);
        int by0 = clamp((int) Math.floor(y0 - grow), h);
        int by1 = clamp((int) Math.ceil(y1 + grow), h);
        float[] p = image.planar();
        double background = borderMedian(p, w, h, bx0, bx1, by0, by1);
        // A large object is read on a coarser grid (blocks of q x q pixels, each the mean contrast of up to 2 x 2
        // samples): the output has SIZE pixels across, and reading every pixel of a bottle would cost more than all
        // the rest of the descriptor.
        int q = Math.max(1, Math.max(bx1 - bx0 + 1, by1 - by0 + 1) / MAX_READ);
        int rw = (bx1 - bx0) / q + 1;
        int rh = (by1 - by0) / q + 1;
        int taps = Math.min(2, q);
        float[] c = new float[rw * rh];
        double m0 = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                double v = 0;
                for (int j = 0; j < taps; j++) {
                    int py = Math.min(by1, by0 + y * q + (j * 2 + 1) * q / (2 * taps));
                    for (int i = 0; i < taps; i++) {
                        int px = Math.min(bx1, bx0 + x * q + (i * 2 + 1) * q / (2 * taps));
                        v += Math.abs(luminance(p, w * h, py * w + px) - background);
                    }
                }
                v /= taps * taps;
                c[y * rw + x] = (float) v;
                m0 += v;
                mx += v * x;
                my += v * y;
            }
        }
        float[] out = new float[SIZE * SIZE];
        if (m0 <= 1e-9) {
            return out; // a flat region: no shape
        }
        double cx = mx / m0;
        double cy = my / m0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                double v = c[y * rw + x];
                sxx += v * (x - cx) * (x - cx);
                syy += v * (y - cy) * (y - cy);
                sxy += v * (x - cx) * (y - cy);
            }
        }
        sxx /= m0;
        syy /= m0;
        sxy /= m0;
        double half = Math.max(1, SPAN / 2 * Math.sqrt(Math.max(sxx, syy)));
        double shear = syy > 1e-9 ? sxy / syy : 0;
        double step = 2 * half / SIZE;
        // sub-samples per output pixel and axis: enough to average over the source pixels it covers
        int sub = Math.max(1, Math.min(2, (int) Math.ceil(step)));
        for (int v = 0; v < SIZE; v++) {
            for (int u = 0; u < SIZE; u++) {
                double s = 0;
                for (int j = 0; j < sub; j++) {
                    double yy = cy - half + (v + (j + 0.5) / sub) * step;
                    for (int i = 0; i < sub; i++) {
                        double xx = cx - half + (u + (i + 0.5) / sub) * step + shear * (yy - cy);
                        s += bilinear(c, rw, rh, xx, yy);
                    }
                }
                out[v * SIZE + u] = (float) (s / (sub * sub));
            }
        }
        return out;
    }

    private static double borderMedian(float[] p, int w, int h, int x0, int x1, int y0, int y1) {
        double[] ring = new double[2 * (x1 - x0 + 1) + 2 * Math.max(0, y1 - y0 - 1)];
        int n = 0;
        int plane = w * h;
        for (int x = x0; x <= x1; x++) {
            ring[n++] = luminance(p, plane, y0 * w + x);
            ring[n++] = luminance(p, plane, y1 * w + x);
        }
        for (int y = y0 + 1; y < y1; y++) {
            ring[n++] = luminance(p, plane, y * w + x0);
            ring[n++] = luminance(p, plane, y * w + x1);
        }
        Arrays.sort(ring, 0, n);
        return ring[n / 2];
    }

    /** c at (x, y) in pixel-centre coordinates (pixel i covers [i, i + 1)), 0 outside the region. */
    private static double bilinear(float[] c, int w, int h, double x, double y) {
        double fx0 = x - 0.5;
        double fy0 = y - 0.5;
        int xi = (int) Math.floor(fx0);
        int yi = (int) Math.floor(fy0);
        double fx = fx0 - xi;
        double fy = fy0 - yi;
        return (1 - fy) * ((1 - fx) * at(c, w, h, xi, yi) + fx * at(c, w, h, xi + 1, yi))
                + fy * ((1 - fx) * at(c, w, h, xi, yi + 1) + fx * at(c, w, h, xi + 1, yi + 1));
    }

    private static double at(float[] c, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : c[y * w + x];
    }

    static double luminance(float[] p, int plane, int o) {
        return 0.299 * p[o] + 0.587 * p[plane + o] + 0.114 * p[2 * plane + o];
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }
}
