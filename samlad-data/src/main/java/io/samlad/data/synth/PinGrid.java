package io.samlad.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A steel plate engraved with a 4 x 4 grid, with exactly one brass pin inside every cell, in the spirit of MVTec
 * LOCO's pushpins. Pins sit near their cell's centre with some jitter; the plate shifts and turns a little.
 */
public final class PinGrid extends ModelledCategory<PinGrid.Layout> {
    public static final String NAME = "pin_grid";

    static final int CELLS = 4;
    static final double CELL = 44;
    static final double GRID = CELLS * CELL;
    static final double PLATE = GRID + 20;
    /** Radius of a normal pin, and how far a normal radius may stray from it. */
    static final double PIN = 8.5;
    static final double PIN_TOLERANCE = 1.0;

    static final Color BACKGROUND = new Color(38, 62, 60);
    static final Color STEEL = new Color(176, 180, 184);
    static final Color BRASS = new Color(212, 166, 62);

    /** One pin in plate coordinates (origin at the plate centre); {@code bite} is a broken-off piece, or null. */
    public record Pin(double x, double y, double radius, Color colour, Shape bite) {
        public Shape footprint() {
            return Ink.circle(x, y, radius);
        }

        public Shape shape() {
            return Ink.without(footprint(), bite);
        }

        /** Column and row of the cell the pin's centre lies in (may be outside 0..3 for a stray pin). */
        public int column() {
            return (int) Math.floor((x + GRID / 2) / CELL);
        }

        public int row() {
            return (int) Math.floor((y + GRID / 2) / CELL);
        }
    }

    /** The plate's position and angle, its pins and the seed of its brushed texture. */
    public record Layout(double centreX, double centreY, double angle, List<Pin> pins, long textureSeed) {
        public Layout {
            pins = List.copyOf(pins);
        }

        public AffineTransform plateToFrame() {
            return Ink.placedAt(centreX, centreY, angle);
        }

        Layout withPins(List<Pin> newPins) {
            return new Layout(centreX, centreY, angle, newPins, textureSeed);
        }
    }

    static final DefectType MISSING = DefectType.relative("missing_pin", 255, 0.5);
    static final DefectType EXTRA = DefectType.relative("extra_pin", 254, 1.0);
    static final DefectType MISPLACED = DefectType.relative("misplaced_pin", 253, 1.0);
    static final DefectType WRONG_SIZE = DefectType.relative("wrong_size_pin", 252, 1.0);
    static final DefectType SCRATCH = DefectType.relative("scratch", 251, 1.0);
    static final DefectType CRACK = DefectType.relative("crack", 250, 1.0);
    static final DefectType CONTAMINATION = DefectType.relative("contamination", 249, 1.0);
    static final DefectType BROKEN = DefectType.relative("broken_pin", 248, 1.0);

    public PinGrid() {
        super(NAME, "every cell of the 4 x 4 grid holds exactly one brass pin of the standard size, inside the cell",
                List.of("missing", "extra", "misplaced", "wrong_size"),
                List.of("scratch", "crack", "contamination", "broken"),
                List.of(MISSING, EXTRA, MISPLACED, WRONG_SIZE, SCRATCH, CRACK, CONTAMINATION, BROKEN), BACKGROUND,
                PinGrid::sampleLayout, PinGrid::paint, PinGrid::alter);
    }

    static double cellCentre(int index) {
        return -GRID / 2 + (index + 0.5) * CELL;
    }

    public static Layout sampleLayout(SplittableRandom rng) {
        List<Pin> pins = new ArrayList<>();
        for (int row = 0; row < CELLS; row++) {
            for (int col = 0; col < CELLS; col++) {
                pins.add(new Pin(cellCentre(col) + Ink.uniform(rng, -4.5, 4.5), cellCentre(row) + Ink.uniform(rng, -4.5, 4.5),
                        PIN + Ink.uniform(rng, -0.5, 0.5), Ink.jitter(BRASS, rng, 8), null));
            }
        }
        return new Layout(128 + Ink.uniform(rng, -5, 5), 128 + Ink.uniform(rng, -5, 5), Ink.uniform(rng, -0.05, 0.05),
                pins, rng.nextLong());
    }

    /** What is wrong with a layout; empty when every cell holds exactly one whole, standard pin inside it. */
    public static List<String> ruleViolations(Layout layout) {
        List<String> problems = new ArrayList<>();
        int[][] counts = new int[CELLS][CELLS];
        for (Pin p : layout.pins()) {
            int col = p.column();
            int row = p.row();
            if (col < 0 || row < 0 || col >= CELLS || row >= CELLS) {
                problems.add("a pin lies outside the grid");
                continue;
            }
            counts[row][col]++;
            double left = p.x() - (cellCentre(col) - CELL / 2);
            double top = p.y() - (cellCentre(row) - CELL / 2);
            double margin = Math.min(Math.min(left, CELL - left), Math.min(top, CELL - top));
            if (margin < p.radius()) {
                problems.add("the pin of cell " + row + "," + col + " crosses the cell's edge");
            }
            if (Math.abs(p.radius() - PIN) > PIN_TOLERANCE) {
                problems.add("the pin of cell " + row + "," + col + " has radius " + Math.round(p.radius()));
            }
            if (p.bite() != null) {
                problems.add("the pin of cell " + row + "," + col + " is broken");
            }
        }
        for (int row = 0; row < CELLS; row++) {
            for (int col = 0; col < CELLS; col++) {
                if (counts[row][col] != 1) {
                    problems.add("cell " + row + "," + col + " holds " + counts[row][col] + " pins");
                }
            }
        }
        return problems;
    }

    @Override
    public Scene anomalous(String kind, SplittableRandom rng) {
        Layout layout = sampleLayout(rng);
        AffineTransform toFrame = layout.plateToFrame();
        Scene base = draw("good", layout, List.of());
        // Surface defects go on the plate between the pins: at a grid line crossing, which no pin reaches.
        int i = 1 + rng.nextInt(CELLS - 1);
        int j = 1 + rng.nextInt(CELLS - 1);
        double[] spot = {-GRID / 2 + i * CELL, -GRID / 2 + j * CELL};
        toFrame.transform(spot, 0, spot, 0, 1);
        return switch (kind) {
            case "scratch" -> SurfaceDefects.scratch(base, rng, spot[0], spot[1], Ink.uniform(rng, 50, 70),
                    new Color(84, 86, 92), SCRATCH);
            case "crack" -> SurfaceDefects.crack(base, rng, spot[0], spot[1], Ink.uniform(rng, 40, 55),
                    new Color(40, 40, 44), CRACK);
            case "contamination" -> SurfaceDefects.contamination(base, rng, spot[0], spot[1], Ink.uniform(rng, 6, 8),
                    new Color(74, 56, 36), CONTAMINATION);
            default -> altered(kind, layout, rng);
        };
    }

    /** Applies an anomaly that changes the pins (every logical kind, and {@code broken}). */
    static Altered<Layout> alter(String kind, Layout layout, SplittableRandom rng) {
        List<Pin> pins = new ArrayList<>(layout.pins());
        AffineTransform toFrame = layout.plateToFrame();
        int i = rng.nextInt(pins.size());
        Pin p = pins.get(i);
        int col = p.column();
        int row = p.row();
        switch (kind) {
            case "missing" -> {
                pins.remove(i);
                return new Altered<>(layout.withPins(pins),
                        List.of(DefectRegion.inFrame(MISSING, Ink.grow(p.footprint(), 2), toFrame)));
            }
            case "extra" -> {
                // Two pins side by side in one cell, both clearly inside it.
                double dx = rng.nextBoolean() ? 11 : -11;
                Pin moved = new Pin(cellCentre(col) - dx, cellCentre(row) + Ink.uniform(rng, -4, 4), p.radius(),
                        p.colour(), null);
                Pin extra = new Pin(cellCentre(col) + dx, cellCentre(row) + Ink.uniform(rng, -4, 4),
                        PIN + Ink.uniform(rng, -0.5, 0.5), Ink.jitter(BRASS, rng, 8), null);
                pins.set(i, moved);
                pins.add(extra);
                return new Altered<>(layout.withPins(pins),
                        List.of(DefectRegion.inFrame(EXTRA, Ink.grow(extra.footprint(), 2), toFrame)));
            }
            case "misplaced" -> {
                // The pin sits on a grid line shared with a neighbouring cell, leaving its own cell's centre empty.
                boolean horizontal = rng.nextBoolean();
                int dir = (horizontal ? col : row) == 0 ? 1 : (horizontal ? col : row) == CELLS - 1 ? -1
                        : (rng.nextBoolean() ? 1 : -1);
                double along = Ink.uniform(rng, -6, 6);
                double x = horizontal ? cellCentre(col) + dir * CELL / 2 : cellCentre(col) + along;
                double y = horizontal ? cellCentre(row) + along : cellCentre(row) + dir * CELL / 2;
                // Nudge the centre just inside the pin's own cell, so the cell count is unchanged but the pin crosses.
                x -= horizontal ? dir * 2 : 0;
                y -= horizontal ? 0 : dir * 2;
                Pin moved = new Pin(x, y, p.radius(), p.colour(), null);
                pins.set(i, moved);
                return new Altered<>(layout.withPins(pins), List.of(
                        DefectRegion.inFrame(MISPLACED, Ink.grow(moved.footprint(), 2), toFrame),
                        DefectRegion.inFrame(MISPLACED, Ink.grow(Ink.circle(cellCentre(col), cellCentre(row), PIN), 2),
                                toFrame)));
            }
            case "wrong_size" -> {
                double r = rng.nextBoolean() ? Ink.uniform(rng, 12.5, 14) : Ink.uniform(rng, 4.5, 5.5);
                Pin resized = new Pin(cellCentre(col) + Ink.uniform(rng, -2, 2), cellCentre(row) + Ink.uniform(rng, -2, 2),
                        r, p.colour(), null);
                pins.set(i, resized);
                Area both = Ink.grow(resized.footprint(), 2);
                both.add(Ink.grow(p.footprint(), 1));
                return new Altered<>(layout.withPins(pins), List.of(DefectRegion.inFrame(WRONG_SIZE, both, toFrame)));
            }
            case "broken" -> {
                double a = rng.nextDouble() * Math.PI * 2;
                double r = p.radius();
                Shape bite = Ink.blob(rng, p.x() + Math.cos(a) * r * 0.85, p.y() + Math.sin(a) * r * 0.85, r * 0.8);
                pins.set(i, new Pin(p.x(), p.y(), r, p.colour(), bite));
                return new Altered<>(layout.withPins(pins),
                        List.of(DefectRegion.inFrame(BROKEN, Ink.brokenPiece(p.footprint(), bite), toFrame)));
            }
            default -> throw new IllegalArgumentException("unknown anomaly kind for " + NAME + ": " + kind);
        }
    }

    static void paint(Graphics2D g, Layout layout) {
        AffineTransform saved = g.getTransform();
        g.transform(layout.plateToFrame());
        double h = PLATE / 2;
        Ink.solid(g, new RoundRectangle2D.Double(-h, -h, PLATE, PLATE, 16, 16), STEEL);
        // Brushed steel: faint horizontal streaks of random lightness.
        SplittableRandom texture = new SplittableRandom(layout.textureSeed());
        g.setStroke(new BasicStroke(0.7f));
        for (int k = 0; k < 90; k++) {
            double y = Ink.uniform(texture, -h + 3, h - 3);
            double x0 = Ink.uniform(texture, -h + 3, h - 40);
            double len = Ink.uniform(texture, 20, 70);
            g.setColor(texture.nextBoolean() ? new Color(255, 255, 255, 45) : new Color(90, 90, 95, 35));
            g.draw(new Line2D.Double(x0, y, Math.min(h - 3, x0 + len), y));
        }
        // The engraved grid: a dark groove with a light lower edge.
        for (int k = 0; k <= CELLS; k++) {
            double v = -GRID / 2 + k * CELL;
            g.setStroke(new BasicStroke(1.6f));
            g.setColor(new Color(96, 100, 106));
            g.draw(new Line2D.Double(-GRID / 2, v, GRID / 2, v));
            g.draw(new Line2D.Double(v, -GRID / 2, v, GRID / 2));
            g.setStroke(new BasicStroke(0.8f));
            g.setColor(new Color(220, 222, 226));
            g.draw(new Line2D.Double(-GRID / 2, v + 1.3, GRID / 2, v + 1.3));
            g.draw(new Line2D.Double(v + 1.3, -GRID / 2, v + 1.3, GRID / 2));
        }
        for (Pin p : layout.pins()) {
            Ink.solid(g, p.shape(), p.colour());
            if (p.bite() == null) {
                Ink.highlight(g, p.x(), p.y(), p.radius());
            }
        }
        g.setTransform(saved);
    }
}
