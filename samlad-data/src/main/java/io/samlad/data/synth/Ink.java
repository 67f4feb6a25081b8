package io.samlad.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Small drawing helpers shared by the scene categories: shaded solids, irregular blobs, colour jitter and nearest
 * colour, placing an object in the frame, broken-off pieces, mottled backgrounds.
 */
final class Ink {
    private Ink() {
    }

    /** A solid object: soft drop shadow, a top-left-to-bottom-right shading of its colour, and a darker rim. */
    static void solid(Graphics2D g, Shape shape, Color colour) {
        Color saved = g.getColor();
        g.setColor(new Color(0, 0, 0, 70));
        g.fill(AffineTransform.getTranslateInstance(2.0, 2.5).createTransformedShape(shape));
        Rectangle2D b = shape.getBounds2D();
        g.setPaint(new GradientPaint((float) b.getMinX(), (float) b.getMinY(), scale(colour, 1.18),
                (float) b.getMaxX(), (float) b.getMaxY(), scale(colour, 0.82)));
        g.fill(shape);
        g.setColor(scale(colour, 0.6));
        g.setStroke(new BasicStroke(1.2f));
        g.draw(shape);
        g.setColor(saved);
    }

    /** A small specular highlight, so round objects read as round. */
    static void highlight(Graphics2D g, double cx, double cy, double r) {
        g.setColor(new Color(255, 255, 255, 90));
        g.fill(new Ellipse2D.Double(cx - r * 0.55, cy - r * 0.6, r * 0.55, r * 0.4));
    }

    static Color scale(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f), c.getAlpha());
    }

    /** The colour with each channel moved by up to +-{@code amount} levels. */
    static Color jitter(Color c, SplittableRandom rng, int amount) {
        return new Color(clamp(c.getRed() + rng.nextInt(-amount, amount + 1)),
                clamp(c.getGreen() + rng.nextInt(-amount, amount + 1)),
                clamp(c.getBlue() + rng.nextInt(-amount, amount + 1)));
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** The shape grown outwards by {@code px} reference pixels (its outline stroked and added). */
    static Area grow(Shape shape, double px) {
        Area a = new Area(shape);
        a.add(new Area(new BasicStroke((float) (2 * px), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(shape)));
        return a;
    }

    static Shape circle(double cx, double cy, double r) {
        return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    }

    /** A square of side {@code side} centred at (cx, cy) and rotated by {@code angle} radians. */
    static Shape rotatedRect(double cx, double cy, double w, double h, double angle) {
        Shape r = new Rectangle2D.Double(-w / 2, -h / 2, w, h);
        return placedAt(cx, cy, angle).createTransformedShape(r);
    }

    /** Local coordinates of an object centred at (cx, cy) and turned by {@code angle} radians to the frame's. */
    static AffineTransform placedAt(double cx, double cy, double angle) {
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.rotate(angle);
        return t;
    }

    /** The whole shape less a broken-off piece ({@code bite}); the whole shape itself when nothing is broken. */
    static Shape without(Shape whole, Shape bite) {
        if (bite == null) {
            return whole;
        }
        Area a = new Area(whole);
        a.subtract(new Area(bite));
        return a;
    }

    /** The piece that {@code bite} takes out of the whole shape, grown by 1.5 px: the region of a broken object. */
    static Area brokenPiece(Shape whole, Shape bite) {
        Area piece = new Area(whole);
        piece.intersect(new Area(bite));
        return grow(piece, 1.5);
    }

    /**
     * The option whose colour is nearest to {@code c} (squared RGB distance; the first of equals wins): what a person
     * would call the colour, used by the rule checks.
     */
    static <T> T nearest(Color c, T[] options, Function<T, Color> colourOf) {
        T best = null;
        double bestD = Double.MAX_VALUE;
        for (T option : options) {
            Color o = colourOf.apply(option);
            double dr = c.getRed() - o.getRed();
            double dg = c.getGreen() - o.getGreen();
            double db = c.getBlue() - o.getBlue();
            double d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = option;
            }
        }
        return best;
    }

    /**
     * Faint light and dark blobs over the whole 256 x 256 reference frame, so a plain background has some texture:
     * {@code count} blobs of radius {@code minR} to {@code maxR}, each light or dark by a coin toss.
     */
    static void mottle(Graphics2D g, SplittableRandom texture, int count, Color light, Color dark, double minR,
            double maxR) {
        for (int k = 0; k < count; k++) {
            g.setColor(texture.nextBoolean() ? light : dark);
            g.fill(blob(texture, uniform(texture, 0, 256), uniform(texture, 0, 256), uniform(texture, minR, maxR)));
        }
    }

    /** An irregular, smooth-edged blob of mean radius {@code r}: a closed curve through jittered radii. */
    static Shape blob(SplittableRandom rng, double cx, double cy, double r) {
        int n = 9;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double phase = rng.nextDouble() * Math.PI * 2;
        for (int i = 0; i < n; i++) {
            double a = phase + i * 2 * Math.PI / n;
            double rr = r * uniform(rng, 0.65, 1.25);
            xs[i] = cx + Math.cos(a) * rr;
            ys[i] = cy + Math.sin(a) * rr;
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo((xs[n - 1] + xs[0]) / 2, (ys[n - 1] + ys[0]) / 2);
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            p.quadTo(xs[i], ys[i], (xs[i] + xs[j]) / 2, (ys[i] + ys[j]) / 2);
        }
        p.closePath();
        return p;
    }
}
