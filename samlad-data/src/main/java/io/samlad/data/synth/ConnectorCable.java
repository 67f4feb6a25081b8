package io.samlad.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two connectors joined by a cable, in the spirit of MVTec LOCO's splicing connectors: both connectors have the
 * same size, and the cable's colour is fixed by that size (small: blue, large: red). The connectors shift and turn;
 * the cable sags differently in every image.
 */
public final class ConnectorCable extends ModelledCategory<ConnectorCable.Layout> {
    public static final String NAME = "connector_cable";

    static final Color BACKGROUND = new Color(188, 186, 178);
    static final Color BODY = new Color(58, 60, 66);
    static final Color COPPER = new Color(196, 120, 52);
    static final double CABLE_WIDTH = 8;

    /** Connector sizes and the cable colour each demands. */
    public enum Size {
        SMALL(24, 22, new Color(38, 96, 208)), LARGE(34, 34, new Color(206, 48, 36));

        final double width;
        final double height;
        final Color cable;

        Size(double width, double height, Color cable) {
            this.width = width;
            this.height = height;
            this.cable = cable;
        }

        public Color cableColour() {
            return cable;
        }

        Size other() {
            return this == SMALL ? LARGE : SMALL;
        }
    }

    /**
     * A connector centred at (x, y), turned by {@code angle}; {@code facesRight} when its cable leaves to the right.
     * {@code bite} is a broken-off piece, or null.
     */
    public record Connector(double x, double y, double angle, Size size, boolean facesRight, Shape bite) {
        private AffineTransform local() {
            AffineTransform t = Ink.placedAt(x, y, angle);
            if (!facesRight) {
                t.scale(-1, 1);
            }
            return t;
        }

        /** Body, metal header and boot, as one outline. */
        public Shape footprint() {
            Area a = new Area(body());
            a.add(new Area(header()));
            a.add(new Area(boot()));
            return a;
        }

        Shape body() {
            return local().createTransformedShape(new RoundRectangle2D.Double(-size.width / 2, -size.height / 2,
                    size.width, size.height, 5, 5));
        }

        Shape header() {
            double hw = 7;
            return local().createTransformedShape(new RoundRectangle2D.Double(-size.width / 2 - hw, -size.height / 2 + 3,
                    hw + 1, size.height - 6, 2, 2));
        }

        Shape boot() {
            Path2D.Double p = new Path2D.Double();
            double x0 = size.width / 2 - 1;
            p.moveTo(x0, -size.height * 0.3);
            p.lineTo(x0 + 12, -CABLE_WIDTH * 0.65);
            p.lineTo(x0 + 12, CABLE_WIDTH * 0.65);
            p.lineTo(x0, size.height * 0.3);
            p.closePath();
            return local().createTransformedShape(p);
        }

        /** Where the cable leaves the boot, and the boot's outward direction there. */
        Point2D exit() {
            return local().transform(new Point2D.Double(size.width / 2 + 11, 0), null);
        }

        Point2D direction() {
            return local().deltaTransform(new Point2D.Double(1, 0), null);
        }
    }

    /** A whole scene; {@code left} or {@code right} is null when that connector is missing, {@code cable} likewise. */
    public record Layout(Connector left, Connector right, CubicCurve2D cable, Color cableColour, double[] cut,
            long textureSeed) {
    }

    static final DefectType WRONG_COLOUR = DefectType.relative("wrong_cable_colour", 255, 1.0);
    static final DefectType SIZE_MISMATCH = DefectType.relative("connector_size_mismatch", 254, 1.0);
    static final DefectType MISSING_CABLE = DefectType.relative("missing_cable", 253, 0.5);
    static final DefectType MISSING_CONNECTOR = DefectType.relative("missing_connector", 252, 0.5);
    static final DefectType CUT = DefectType.relative("cut_cable", 251, 1.0);
    static final DefectType CONTAMINATION = DefectType.relative("contamination", 250, 1.0);
    static final DefectType BROKEN = DefectType.relative("broken_connector", 249, 1.0);

    public ConnectorCable() {
        super(NAME, "two connectors of the same size joined by one whole cable, blue for small connectors and red for "
                + "large ones",
                List.of("wrong_colour", "size_mismatch", "missing_cable", "missing_connector"),
                List.of("cut_cable", "contamination", "broken"),
                List.of(WRONG_COLOUR, SIZE_MISMATCH, MISSING_CABLE, MISSING_CONNECTOR, CUT, CONTAMINATION, BROKEN),
                BACKGROUND, ConnectorCable::sampleLayout, ConnectorCable::paint, ConnectorCable::alter);
    }

    public static Layout sampleLayout(SplittableRandom rng) {
        Size size = rng.nextBoolean() ? Size.SMALL : Size.LARGE;
        Connector left = new Connector(52 + Ink.uniform(rng, -6, 6), 128 + Ink.uniform(rng, -16, 16),
                Ink.uniform(rng, -0.15, 0.15), size, true, null);
        Connector right = new Connector(204 + Ink.uniform(rng, -6, 6), 128 + Ink.uniform(rng, -16, 16),
                Ink.uniform(rng, -0.15, 0.15), size, false, null);
        return new Layout(left, right, cableBetween(left, right, rng), Ink.jitter(size.cable, rng, 10), null,
                rng.nextLong());
    }

    /** A cable leaving each boot straight and sagging by a random amount in between. */
    static CubicCurve2D cableBetween(Connector left, Connector right, SplittableRandom rng) {
        Point2D a = left.exit();
        Point2D b = right.exit();
        Point2D da = left.direction();
        Point2D db = right.direction();
        double reach = Ink.uniform(rng, 40, 60);
        double sagA = Ink.uniform(rng, -40, 40);
        double sagB = Ink.uniform(rng, -40, 40);
        return new CubicCurve2D.Double(a.getX(), a.getY(),
                a.getX() + da.getX() * reach, a.getY() + da.getY() * reach + sagA,
                b.getX() + db.getX() * reach, b.getY() + db.getY() * reach + sagB,
                b.getX(), b.getY());
    }

    /** What is wrong with a layout; empty when it obeys the rule. */
    public static List<String> ruleViolations(Layout layout) {
        List<String> problems = new ArrayList<>();
        if (layout.left() == null || layout.right() == null) {
            problems.add("a connector is missing");
        } else if (layout.left().size() != layout.right().size()) {
            problems.add("the connectors differ in size");
        }
        if (layout.cable() == null) {
            problems.add("the cable is missing");
        } else if (layout.cut() != null) {
            problems.add("the cable is cut");
        }
        Connector any = layout.left() != null ? layout.left() : layout.right();
        if (layout.cable() != null && any != null && nearestSize(layout.cableColour()) != any.size()) {
            problems.add("a " + any.size() + " connector has the cable colour of " + any.size().other());
        }
        for (Connector c : new Connector[] {layout.left(), layout.right()}) {
            if (c != null && c.bite() != null) {
                problems.add("a connector is broken");
            }
        }
        return problems;
    }

    static Size nearestSize(Color c) {
        return Ink.nearest(c, Size.values(), Size::cableColour);
    }

    @Override
    public Scene anomalous(String kind, SplittableRandom rng) {
        Layout layout = sampleLayout(rng);
        if (kind.equals("contamination")) {
            Point2D p = pointAt(layout.cable(), Ink.uniform(rng, 0.25, 0.75));
            return SurfaceDefects.contamination(draw("good", layout, List.of()), rng, p.getX(), p.getY(),
                    Ink.uniform(rng, 6, 8), new Color(70, 52, 34), CONTAMINATION);
        }
        return altered(kind, layout, rng);
    }

    /** Applies an anomaly that changes the scene model (every logical kind, a cut cable, a broken connector). */
    static Altered<Layout> alter(String kind, Layout layout, SplittableRandom rng) {
        Connector left = layout.left();
        Connector right = layout.right();
        boolean onLeft = rng.nextBoolean();
        Connector chosen = onLeft ? left : right;
        switch (kind) {
            case "wrong_colour" -> {
                Color wrong = Ink.jitter(left.size().other().cable, rng, 10);
                return new Altered<>(new Layout(left, right, layout.cable(), wrong, null, layout.textureSeed()),
                        List.of(new DefectRegion(WRONG_COLOUR, cableRegion(layout.cable()))));
            }
            case "size_mismatch" -> {
                Connector resized = new Connector(chosen.x(), chosen.y(), chosen.angle(), chosen.size().other(),
                        chosen.facesRight(), null);
                // The cable still ends at the old boot; move its end to the new boot so that only the size differs.
                Connector l = onLeft ? resized : left;
                Connector r = onLeft ? right : resized;
                CubicCurve2D cable = reattach(layout.cable(), l, r);
                Area region = Ink.grow(resized.footprint(), 2);
                region.add(Ink.grow(chosen.footprint(), 2));
                return new Altered<>(new Layout(l, r, cable, layout.cableColour(), null, layout.textureSeed()),
                        List.of(new DefectRegion(SIZE_MISMATCH, region)));
            }
            case "missing_cable" -> {
                return new Altered<>(new Layout(left, right, null, layout.cableColour(), null, layout.textureSeed()),
                        List.of(new DefectRegion(MISSING_CABLE, cableRegion(layout.cable()))));
            }
            case "missing_connector" -> {
                return new Altered<>(new Layout(onLeft ? null : left, onLeft ? right : null, layout.cable(),
                        layout.cableColour(), null, layout.textureSeed()),
                        List.of(new DefectRegion(MISSING_CONNECTOR, Ink.grow(chosen.footprint(), 2))));
            }
            case "cut_cable" -> {
                double t0 = Ink.uniform(rng, 0.3, 0.6);
                double t1 = t0 + 16 / length(layout.cable());
                Shape gap = new BasicStroke((float) (CABLE_WIDTH + 6), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                        .createStrokedShape(segment(layout.cable(), t0, t1));
                return new Altered<>(new Layout(left, right, layout.cable(), layout.cableColour(), new double[] {t0, t1},
                        layout.textureSeed()), List.of(new DefectRegion(CUT, gap)));
            }
            case "broken" -> {
                Shape body = chosen.body();
                java.awt.geom.Rectangle2D b = body.getBounds2D();
                double a = rng.nextDouble() * Math.PI * 2;
                double r = chosen.size().height * 0.5;
                Shape bite = Ink.blob(rng, b.getCenterX() + Math.cos(a) * r, b.getCenterY() + Math.sin(a) * r, r * 0.6);
                Connector broken = new Connector(chosen.x(), chosen.y(), chosen.angle(), chosen.size(),
                        chosen.facesRight(), bite);
                return new Altered<>(new Layout(onLeft ? broken : left, onLeft ? right : broken, layout.cable(),
                        layout.cableColour(), null, layout.textureSeed()),
                        List.of(new DefectRegion(BROKEN, Ink.brokenPiece(chosen.footprint(), bite))));
            }
            default -> throw new IllegalArgumentException("unknown anomaly kind for " + NAME + ": " + kind);
        }
    }

    private static CubicCurve2D reattach(CubicCurve2D c, Connector left, Connector right) {
        Point2D a = left.exit();
        Point2D b = right.exit();
        double ax = a.getX() - c.getX1();
        double ay = a.getY() - c.getY1();
        double bx = b.getX() - c.getX2();
        double by = b.getY() - c.getY2();
        return new CubicCurve2D.Double(a.getX(), a.getY(), c.getCtrlX1() + ax, c.getCtrlY1() + ay,
                c.getCtrlX2() + bx, c.getCtrlY2() + by, b.getX(), b.getY());
    }

    static Shape cableRegion(CubicCurve2D cable) {
        return new BasicStroke((float) (CABLE_WIDTH + 4), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                .createStrokedShape(cable);
    }

    static Point2D pointAt(CubicCurve2D c, double t) {
        double u = 1 - t;
        double x = u * u * u * c.getX1() + 3 * u * u * t * c.getCtrlX1() + 3 * u * t * t * c.getCtrlX2() + t * t * t * c.getX2();
        double y = u * u * u * c.getY1() + 3 * u * u * t * c.getCtrlY1() + 3 * u * t * t * c.getCtrlY2() + t * t * t * c.getY2();
        return new Point2D.Double(x, y);
    }

    static double length(CubicCurve2D c) {
        double len = 0;
        Point2D prev = pointAt(c, 0);
        for (int i = 1; i <= 64; i++) {
            Point2D p = pointAt(c, i / 64.0);
            len += prev.distance(p);
            prev = p;
        }
        return len;
    }

    /** The part of the curve between parameters t0 and t1, as a polyline fine enough to draw. */
    static Shape segment(CubicCurve2D c, double t0, double t1) {
        Path2D.Double p = new Path2D.Double();
        int n = 24;
        for (int i = 0; i <= n; i++) {
            Point2D q = pointAt(c, t0 + (t1 - t0) * i / n);
            if (i == 0) {
                p.moveTo(q.getX(), q.getY());
            } else {
                p.lineTo(q.getX(), q.getY());
            }
        }
        return p;
    }

    static void paint(Graphics2D g, Layout layout) {
        // A faintly mottled bench mat.
        SplittableRandom texture = new SplittableRandom(layout.textureSeed());
        Ink.mottle(g, texture, 14, new Color(255, 255, 255, 7), new Color(0, 0, 0, 6), 20, 50);
        if (layout.cable() != null) {
            if (layout.cut() == null) {
                drawCable(g, layout.cable(), layout.cableColour());
            } else {
                double[] cut = layout.cut();
                drawCable(g, segment(layout.cable(), 0, cut[0]), layout.cableColour());
                drawCable(g, segment(layout.cable(), cut[1], 1), layout.cableColour());
                g.setColor(COPPER);
                g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                for (double t : cut) {
                    Point2D end = pointAt(layout.cable(), t);
                    Point2D inside = pointAt(layout.cable(), t == cut[0] ? t - 0.02 : t + 0.02);
                    double dx = end.getX() - inside.getX();
                    double dy = end.getY() - inside.getY();
                    double n = Math.hypot(dx, dy);
                    for (int s = -1; s <= 1; s++) {
                        double ox = -dy / n * s * 2;
                        double oy = dx / n * s * 2;
                        g.draw(new Line2D.Double(end.getX() + ox, end.getY() + oy,
                                end.getX() + ox + dx / n * 4, end.getY() + oy + dy / n * 4));
                    }
                }
            }
        }
        for (Connector c : new Connector[] {layout.left(), layout.right()}) {
            if (c != null) {
                drawConnector(g, c);
            }
        }
    }

    private static void drawCable(Graphics2D g, Shape path, Color colour) {
        g.setColor(new Color(0, 0, 0, 60));
        g.setStroke(new BasicStroke((float) CABLE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(AffineTransform.getTranslateInstance(2, 3).createTransformedShape(path));
        g.setColor(Ink.scale(colour, 0.7));
        g.draw(path);
        g.setColor(colour);
        g.setStroke(new BasicStroke((float) CABLE_WIDTH - 2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setColor(new Color(255, 255, 255, 70));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(AffineTransform.getTranslateInstance(-1, -1.2).createTransformedShape(path));
    }

    private static void drawConnector(Graphics2D g, Connector c) {
        Area header = new Area(c.header());
        Area body = new Area(c.body());
        Area boot = new Area(c.boot());
        if (c.bite() != null) {
            Area bite = new Area(c.bite());
            header.subtract(bite);
            body.subtract(bite);
            boot.subtract(bite);
        }
        Ink.solid(g, header, new Color(178, 178, 184));
        Ink.solid(g, boot, new Color(42, 42, 46));
        Ink.solid(g, body, BODY);
        // A latch ridge across the body, so connectors have some inner structure.
        Shape ridge = c.local().createTransformedShape(new RoundRectangle2D.Double(-c.size().width * 0.15,
                -c.size().height / 2 + 3, c.size().width * 0.3, c.size().height - 6, 3, 3));
        Area r = new Area(ridge);
        r.intersect(body);
        g.setColor(new Color(86, 90, 98));
        g.fill(r);
    }
}
