package io.samlad.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bottle whose juice colour must match the icon on its label, in the spirit of MVTec LOCO's juice bottle: circle
 * icon, orange juice; triangle, green; star, purple. The fill level and the label's height are fixed within a few
 * pixels; the bottle shifts and tilts slightly.
 */
public final class Bottle extends ModelledCategory<Bottle.Layout> {
    public static final String NAME = "bottle";

    static final Color BACKGROUND = new Color(54, 56, 64);
    static final Color GLASS = new Color(198, 212, 218);
    static final Color LABEL = new Color(238, 234, 224);
    static final Color INK = new Color(48, 48, 56);
    /** Normal fill level (y of the juice surface in bottle coordinates) and how far it may stray. */
    static final double LEVEL = -30;
    static final double LEVEL_TOLERANCE = 4;
    static final double LABEL_TOP = 2;
    static final double LABEL_HEIGHT = 52;
    static final double LABEL_TOLERANCE = 4;
    static final double HALF_WIDTH = 42;

    /** The label icons and the juice colour each demands. */
    public enum Icon {
        CIRCLE(new Color(236, 136, 26)), TRIANGLE(new Color(104, 184, 52)), STAR(new Color(126, 44, 140));

        final Color juice;

        Icon(Color juice) {
            this.juice = juice;
        }

        public Color juiceColour() {
            return juice;
        }

        Shape shape(double cx, double cy, double r) {
            return switch (this) {
                case CIRCLE -> Ink.circle(cx, cy, r * 0.9);
                case TRIANGLE -> polygon(cx, cy, r * 1.1, 3, 1);
                case STAR -> polygon(cx, cy, r * 1.1, 5, 0.45);
            };
        }

        private static Shape polygon(double cx, double cy, double r, int points, double inner) {
            Path2D.Double p = new Path2D.Double();
            int n = inner < 1 ? 2 * points : points;
            for (int i = 0; i < n; i++) {
                double a = -Math.PI / 2 + i * 2 * Math.PI / n;
                double rr = inner < 1 && i % 2 == 1 ? r * inner : r;
                double x = cx + Math.cos(a) * rr;
                double y = cy + Math.sin(a) * rr + (points == 3 ? r * 0.2 : 0);
                if (i == 0) {
                    p.moveTo(x, y);
                } else {
                    p.lineTo(x, y);
                }
            }
            p.closePath();
            return p;
        }
    }

    /** A whole scene in bottle coordinates (origin at the bottle's centre, y down). */
    public record Layout(double centreX, double centreY, double angle, Icon icon, boolean iconShown, Color juice,
            double level, double labelOffset, long textureSeed) {
        public AffineTransform bottleToFrame() {
            return Ink.placedAt(centreX, centreY, angle);
        }
    }

    static final DefectType WRONG_JUICE = DefectType.relative("wrong_juice_colour", 255, 1.0);
    static final DefectType MISSING_ICON = DefectType.relative("missing_icon", 254, 0.5);
    static final DefectType FILL_LEVEL = DefectType.relative("wrong_fill_level", 253, 1.0);
    static final DefectType MISPLACED_LABEL = DefectType.relative("misplaced_label", 252, 1.0);
    static final DefectType CRACK = DefectType.relative("crack", 251, 1.0);
    static final DefectType CONTAMINATION = DefectType.relative("contamination", 250, 1.0);
    static final DefectType SCRATCH = DefectType.relative("scratched_label", 249, 1.0);

    public Bottle() {
        super(NAME, "the juice colour matches the label icon (circle: orange, triangle: green, star: purple), the "
                + "bottle is filled to the shoulder and the label sits mid-body",
                List.of("wrong_colour", "missing_icon", "fill_level", "misplaced_label"),
                List.of("crack", "contamination", "scratch"),
                List.of(WRONG_JUICE, MISSING_ICON, FILL_LEVEL, MISPLACED_LABEL, CRACK, CONTAMINATION, SCRATCH),
                BACKGROUND, Bottle::sampleLayout, Bottle::paint, Bottle::alter);
    }

    public static Layout sampleLayout(SplittableRandom rng) {
        Icon icon = Icon.values()[rng.nextInt(Icon.values().length)];
        return new Layout(128 + Ink.uniform(rng, -8, 8), 130 + Ink.uniform(rng, -4, 4), Ink.uniform(rng, -0.04, 0.04),
                icon, true, Ink.jitter(icon.juice, rng, 10), LEVEL + Ink.uniform(rng, -3, 3), Ink.uniform(rng, -2.5, 2.5),
                rng.nextLong());
    }

    /** What is wrong with a layout; empty when it obeys the rule. */
    public static List<String> ruleViolations(Layout layout) {
        List<String> problems = new ArrayList<>();
        if (!layout.iconShown()) {
            problems.add("the label has no icon");
        } else if (nearestIcon(layout.juice()) != layout.icon()) {
            problems.add("a " + layout.icon() + " label on " + nearestIcon(layout.juice()) + " juice");
        }
        if (Math.abs(layout.level() - LEVEL) > LEVEL_TOLERANCE) {
            problems.add("filled to " + Math.round(layout.level()) + " instead of " + Math.round(LEVEL));
        }
        if (Math.abs(layout.labelOffset()) > LABEL_TOLERANCE) {
            problems.add("the label is " + Math.round(layout.labelOffset()) + " px off");
        }
        return problems;
    }

    static Icon nearestIcon(Color c) {
        return Ink.nearest(c, Icon.values(), Icon::juiceColour);
    }

    /** The bottle's outline: cap excluded, neck, rounded shoulders, straight body, rounded base. */
    static Shape outline() {
        Path2D.Double p = new Path2D.Double();
        double w = HALF_WIDTH;
        p.moveTo(-15, -104);
        p.lineTo(-15, -82);
        p.quadTo(-w, -78, -w, -50);
        p.lineTo(-w, 88);
        p.quadTo(-w, 96, -w + 8, 96);
        p.lineTo(w - 8, 96);
        p.quadTo(w, 96, w, 88);
        p.lineTo(w, -50);
        p.quadTo(w, -78, 15, -82);
        p.lineTo(15, -104);
        p.closePath();
        return p;
    }

    /** The juice: the inside of the glass (3 px walls) below the surface at {@code level}. */
    static Area juice(double level) {
        Area inside = new Area(outline());
        inside.subtract(new Area(new BasicStroke(6f).createStrokedShape(outline())));
        inside.intersect(new Area(new Rectangle2D.Double(-60, level, 120, 200)));
        return inside;
    }

    static Shape label(double offset) {
        return new Rectangle2D.Double(-HALF_WIDTH, LABEL_TOP + offset, 2 * HALF_WIDTH, LABEL_HEIGHT);
    }

    static Shape icon(Layout layout) {
        return layout.icon().shape(0, LABEL_TOP + layout.labelOffset() + LABEL_HEIGHT / 2, 15);
    }

    @Override
    public Scene anomalous(String kind, SplittableRandom rng) {
        Layout layout = sampleLayout(rng);
        AffineTransform toFrame = layout.bottleToFrame();
        Scene base = draw("good", layout, List.of());
        double[] p;
        switch (kind) {
            case "crack" -> {
                p = new double[] {Ink.uniform(rng, -22, 22), Ink.uniform(rng, -55, -10)};
                toFrame.transform(p, 0, p, 0, 1);
                return SurfaceDefects.crack(base, rng, p[0], p[1], Ink.uniform(rng, 32, 42), new Color(36, 36, 40),
                        CRACK);
            }
            case "contamination" -> {
                p = new double[] {Ink.uniform(rng, -24, 24), Ink.uniform(rng, 66, 82)};
                toFrame.transform(p, 0, p, 0, 1);
                return SurfaceDefects.contamination(base, rng, p[0], p[1], Ink.uniform(rng, 5, 7),
                        new Color(46, 34, 24), CONTAMINATION);
            }
            case "scratch" -> {
                p = new double[] {Ink.uniform(rng, -14, 14), LABEL_TOP + layout.labelOffset() + LABEL_HEIGHT / 2
                        + Ink.uniform(rng, -12, 12)};
                toFrame.transform(p, 0, p, 0, 1);
                return SurfaceDefects.scratch(base, rng, p[0], p[1], Ink.uniform(rng, 42, 56), new Color(96, 92, 96),
                        SCRATCH);
            }
            default -> {
                return altered(kind, layout, rng);
            }
        }
    }

    /** Applies a logical anomaly to the scene model. */
    static Altered<Layout> alter(String kind, Layout l, SplittableRandom rng) {
        AffineTransform toFrame = l.bottleToFrame();
        switch (kind) {
            case "wrong_colour" -> {
                Icon other = Icon.values()[(l.icon().ordinal() + 1 + rng.nextInt(2)) % 3];
                Layout changed = new Layout(l.centreX(), l.centreY(), l.angle(), l.icon(), true,
                        Ink.jitter(other.juice, rng, 10), l.level(), l.labelOffset(), l.textureSeed());
                return new Altered<>(changed, List.of(DefectRegion.inFrame(WRONG_JUICE, juice(l.level()), toFrame)));
            }
            case "missing_icon" -> {
                Layout changed = new Layout(l.centreX(), l.centreY(), l.angle(), l.icon(), false, l.juice(), l.level(),
                        l.labelOffset(), l.textureSeed());
                return new Altered<>(changed,
                        List.of(DefectRegion.inFrame(MISSING_ICON, Ink.grow(icon(l), 2), toFrame)));
            }
            case "fill_level" -> {
                double level = rng.nextBoolean() ? LEVEL + Ink.uniform(rng, 40, 60) : LEVEL - Ink.uniform(rng, 38, 46);
                Layout changed = new Layout(l.centreX(), l.centreY(), l.angle(), l.icon(), true, l.juice(), level,
                        l.labelOffset(), l.textureSeed());
                Area between = juice(Math.min(level, l.level()));
                between.subtract(juice(Math.max(level, l.level())));
                return new Altered<>(changed, List.of(DefectRegion.inFrame(FILL_LEVEL, between, toFrame)));
            }
            case "misplaced_label" -> {
                double offset = (rng.nextBoolean() ? 1 : -1) * Ink.uniform(rng, 24, 32);
                Layout changed = new Layout(l.centreX(), l.centreY(), l.angle(), l.icon(), true, l.juice(), l.level(),
                        offset, l.textureSeed());
                Area both = new Area(label(offset));
                both.add(new Area(label(l.labelOffset())));
                return new Altered<>(changed,
                        List.of(DefectRegion.inFrame(MISPLACED_LABEL, Ink.grow(both, 1.5), toFrame)));
            }
            default -> throw new IllegalArgumentException("unknown anomaly kind for " + NAME + ": " + kind);
        }
    }

    static void paint(Graphics2D g, Layout layout) {
        SplittableRandom texture = new SplittableRandom(layout.textureSeed());
        Ink.mottle(g, texture, 10, new Color(255, 255, 255, 6), new Color(0, 0, 0, 8), 25, 60);
        AffineTransform saved = g.getTransform();
        g.transform(layout.bottleToFrame());
        Shape outline = outline();
        Ink.solid(g, outline, GLASS);
        Area juice = juice(layout.level());
        g.setColor(layout.juice());
        g.fill(juice);
        // The juice surface: a slightly lighter meniscus line.
        g.setColor(Ink.scale(layout.juice(), 1.2));
        g.setStroke(new BasicStroke(1.5f));
        Area surface = new Area(new Rectangle2D.Double(-60, layout.level(), 120, 1.5));
        surface.intersect(juice);
        g.fill(surface);
        Shape label = label(layout.labelOffset());
        g.setColor(LABEL);
        g.fill(label);
        g.setColor(new Color(180, 176, 168));
        g.setStroke(new BasicStroke(1f));
        g.draw(label);
        // Two thin printed lines under the icon: label text stand-ins, part of every label.
        double ly = LABEL_TOP + layout.labelOffset();
        g.setColor(new Color(150, 146, 140));
        g.draw(new Line2D.Double(-24, ly + LABEL_HEIGHT - 6, 24, ly + LABEL_HEIGHT - 6));
        if (layout.iconShown()) {
            g.setColor(INK);
            g.fill(icon(layout));
        }
        // Glass: a vertical reflection and the rim drawn over everything inside.
        g.setColor(new Color(255, 255, 255, 70));
        g.fill(new RoundRectangle2D.Double(-HALF_WIDTH + 7, -46, 6, 130, 6, 6));
        g.setColor(new Color(90, 100, 106));
        g.setStroke(new BasicStroke(2f));
        g.draw(outline);
        Ink.solid(g, new RoundRectangle2D.Double(-18, -114, 36, 14, 4, 4), new Color(72, 72, 82));
        g.setColor(new Color(110, 110, 120));
        g.setStroke(new BasicStroke(1f));
        for (int k = -14; k <= 14; k += 4) {
            g.draw(new Line2D.Double(k, -112, k, -102));
        }
        g.setTransform(saved);
    }
}
