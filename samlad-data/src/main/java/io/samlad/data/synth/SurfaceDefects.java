package io.samlad.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Structural defects drawn over a finished scene (scratch, crack, contamination), each with its ground-truth region.
 * Sizes are in reference pixels and chosen to be plainly visible at a 256 px short side.
 */
final class SurfaceDefects {
    private SurfaceDefects() {
    }

    /** A gently curved scratch of the given length through (cx, cy), 2 px wide; its region is 5 px wide. */
    static Scene scratch(Scene base, SplittableRandom rng, double cx, double cy, double length, Color colour,
            DefectType type) {
        double a = rng.nextDouble() * Math.PI;
        double dx = Math.cos(a) * length / 2;
        double dy = Math.sin(a) * length / 2;
        double bend = Ink.uniform(rng, -0.25, 0.25) * length;
        Shape curve = new QuadCurve2D.Double(cx - dx, cy - dy, cx - Math.sin(a) * bend, cy + Math.cos(a) * bend,
                cx + dx, cy + dy);
        return line(base, "scratch", curve, 2.2f, colour, type);
    }

    /** A jagged dark crack of the given length starting near (cx, cy), with one short branch. */
    static Scene crack(Scene base, SplittableRandom rng, double cx, double cy, double length, Color colour,
            DefectType type) {
        Path2D.Double path = new Path2D.Double();
        double a = rng.nextDouble() * Math.PI * 2;
        int steps = 7;
        double step = length / steps;
        double x = cx - Math.cos(a) * length / 2;
        double y = cy - Math.sin(a) * length / 2;
        path.moveTo(x, y);
        double bx = 0;
        double by = 0;
        for (int i = 0; i < steps; i++) {
            double da = a + Ink.uniform(rng, -0.7, 0.7);
            x += Math.cos(da) * step;
            y += Math.sin(da) * step;
            path.lineTo(x, y);
            if (i == steps / 2) {
                bx = x;
                by = y;
            }
        }
        double ba = a + (rng.nextBoolean() ? 1 : -1) * Ink.uniform(rng, 0.6, 1.1);
        path.moveTo(bx, by);
        path.lineTo(bx + Math.cos(ba) * length * 0.3, by + Math.sin(ba) * length * 0.3);
        return line(base, "crack", path, 2.0f, colour, type);
    }

    /** The base scene with a thin line of the given width drawn along {@code path}; its region is 5 px wide. */
    private static Scene line(Scene base, String kind, Shape path, float width, Color colour, DefectType type) {
        Shape line = new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(path);
        Shape region = new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(path);
        return base.overlay(kind, g -> {
            g.setColor(colour);
            g.fill(line);
        }, List.of(new DefectRegion(type, region)));
    }

    private static Shape union(java.awt.geom.Area a, java.awt.geom.Area b) {
        a.add(b);
        return a;
    }

    /** An irregular stain or crumb of mean radius {@code r} at (cx, cy). */
    static Scene contamination(Scene base, SplittableRandom rng, double cx, double cy, double r, Color colour,
            DefectType type) {
        Shape blob = Ink.blob(rng, cx, cy, r);
        Shape speck = Ink.blob(rng, cx + r * 1.6, cy + Ink.uniform(rng, -r, r), r * 0.35);
        Color rim = Ink.scale(colour, 0.7);
        return base.overlay("contamination", g -> {
            g.setColor(colour);
            g.fill(blob);
            g.fill(speck);
            g.setColor(rim);
            g.setStroke(new BasicStroke(1f));
            g.draw(blob);
        }, List.of(new DefectRegion(type, union(Ink.grow(blob, 1.5), Ink.grow(speck, 1.5)))));
    }
}
