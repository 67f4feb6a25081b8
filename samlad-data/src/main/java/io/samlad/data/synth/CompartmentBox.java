package io.samlad.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A box with four compartments, each holding a fixed set of items, in the spirit of MVTec LOCO's breakfast box and
 * splicing connectors: top-left two red balls, top-right one blue block, bottom-left three green discs,
 * bottom-right one yellow ring. Items sit at jittered positions and angles; the box itself shifts and turns a little.
 */
public final class CompartmentBox extends ModelledCategory<CompartmentBox.Layout> {
    public static final String NAME = "compartment_box";

    /** Side of the (square) box, its outer wall and the divider between compartments, in reference pixels. */
    static final double BOX = 204;
    static final double WALL = 8;
    static final double DIVIDER = 6;
    /** Inner side of one compartment, and the distance of a compartment's centre from the box centre. */
    static final double CELL = (BOX - 2 * WALL - DIVIDER) / 2;
    static final double CELL_OFFSET = DIVIDER / 2 + CELL / 2;

    static final Color TABLE = new Color(62, 74, 94);
    static final Color WALLS = new Color(176, 146, 108);
    static final Color FLOOR = new Color(226, 212, 184);

    /** The kinds of item, each with its colour, size (radius or half side), compartment, and slot layouts. */
    public enum ItemType {
        BALL(new Color(205, 52, 42), 13, 0,
                new double[][] {{-18, -10}, {18, 10}},
                new double[][] {{-20, -14}, {20, -14}, {0, 22}}),
        BLOCK(new Color(44, 88, 196), 15, 1,
                new double[][] {{0, 0}},
                new double[][] {{-19, -19}, {19, 19}}),
        DISC(new Color(52, 160, 70), 9, 2,
                new double[][] {{0, -18}, {-17, 12}, {17, 12}},
                new double[][] {{0, -24}, {-21, 0}, {21, 0}, {0, 25}}),
        RING(new Color(232, 190, 40), 15, 3,
                new double[][] {{0, 0}},
                new double[][] {{-18, -18}, {18, 18}});

        final Color colour;
        final double size;
        final int compartment;
        final double[][] slots;
        final double[][] slotsPlusOne;

        ItemType(Color colour, double size, int compartment, double[][] slots, double[][] slotsPlusOne) {
            this.colour = colour;
            this.size = size;
            this.compartment = compartment;
            this.slots = slots;
            this.slotsPlusOne = slotsPlusOne;
        }

        public Color colour() {
            return colour;
        }

        /** How many of this item a normal compartment holds. */
        public int count() {
            return slots.length;
        }

        public int compartment() {
            return compartment;
        }

        static ItemType ofCompartment(int compartment) {
            for (ItemType t : values()) {
                if (t.compartment == compartment) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no compartment " + compartment);
        }
    }

    /** One item in box coordinates (origin at the box centre); {@code bite} is a piece broken off, or null. */
    public record Item(ItemType type, double x, double y, double angle, Color colour, Shape bite) {
        /** The item's outline in box coordinates, without any broken-off piece. */
        public Shape fullShape() {
            double s = type.size;
            return switch (type) {
                case BALL, DISC -> Ink.circle(x, y, s);
                case BLOCK -> Ink.rotatedRect(x, y, 2 * s, 2 * s, angle);
                case RING -> {
                    Area a = new Area(Ink.circle(x, y, s));
                    a.subtract(new Area(Ink.circle(x, y, s * 0.45)));
                    yield a;
                }
            };
        }

        /** The area the item covers, hole included: where a missing item should have been. */
        public Shape footprint() {
            return type == ItemType.RING ? Ink.circle(x, y, type.size) : fullShape();
        }

        public Shape shape() {
            return Ink.without(fullShape(), bite);
        }

        /** The compartment (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) the item's centre lies in. */
        public int compartment() {
            return (y < 0 ? 0 : 2) + (x < 0 ? 0 : 1);
        }

        Item withTypeAndColour(ItemType t, Color c) {
            return new Item(t, x, y, angle, c, bite);
        }
    }

    /** A whole scene: where the box is, how it is turned, and what it holds. */
    public record Layout(double centreX, double centreY, double angle, List<Item> items, long textureSeed) {
        public Layout {
            items = List.copyOf(items);
        }

        /** Box coordinates to reference-frame coordinates. */
        public AffineTransform boxToFrame() {
            return Ink.placedAt(centreX, centreY, angle);
        }

        Layout withItems(List<Item> newItems) {
            return new Layout(centreX, centreY, angle, newItems, textureSeed);
        }
    }

    static final DefectType MISSING = DefectType.relative("missing_item", 255, 0.5);
    static final DefectType EXTRA = DefectType.relative("extra_item", 254, 1.0);
    static final DefectType SWAPPED = DefectType.relative("swapped_items", 253, 1.0);
    static final DefectType WRONG_COLOUR = DefectType.relative("wrong_colour", 252, 1.0);
    static final DefectType SCRATCH = DefectType.relative("scratch", 251, 1.0);
    static final DefectType CONTAMINATION = DefectType.relative("contamination", 250, 1.0);
    static final DefectType BROKEN = DefectType.relative("broken_item", 249, 1.0);

    public CompartmentBox() {
        super(NAME, "top-left holds exactly two red balls, top-right one blue block, bottom-left three green discs, "
                + "bottom-right one yellow ring",
                List.of("missing", "extra", "swapped", "wrong_colour"), List.of("scratch", "contamination", "broken"),
                List.of(MISSING, EXTRA, SWAPPED, WRONG_COLOUR, SCRATCH, CONTAMINATION, BROKEN), TABLE,
                CompartmentBox::sampleLayout, CompartmentBox::paint, CompartmentBox::alter);
    }

    /** Box coordinates of the centre of a compartment (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right). */
    static double centreX(int compartment) {
        return (compartment % 2 == 0 ? -1 : 1) * CELL_OFFSET;
    }

    static double centreY(int compartment) {
        return (compartment / 2 == 0 ? -1 : 1) * CELL_OFFSET;
    }

    /** A normal layout: every compartment with its own items at jittered slots. */
    public static Layout sampleLayout(SplittableRandom rng) {
        List<Item> items = new ArrayList<>();
        for (ItemType t : ItemType.values()) {
            items.addAll(fill(t, t.slots, rng));
        }
        return new Layout(128 + Ink.uniform(rng, -5, 5), 128 + Ink.uniform(rng, -5, 5),
                Ink.uniform(rng, -0.05, 0.05), items, rng.nextLong());
    }

    private static List<Item> fill(ItemType t, double[][] slots, SplittableRandom rng) {
        double cx = centreX(t.compartment);
        double cy = centreY(t.compartment);
        double jitter = slots.length == 1 ? 6 : 3.5;
        List<Item> out = new ArrayList<>();
        for (double[] s : slots) {
            out.add(new Item(t, cx + s[0] + Ink.uniform(rng, -jitter, jitter), cy + s[1] + Ink.uniform(rng, -jitter, jitter),
                    rng.nextDouble() * Math.PI * 2, Ink.jitter(t.colour, rng, 10), null));
        }
        return out;
    }

    /**
     * What is wrong with a layout, as sentences; empty when it obeys the rule. A compartment must hold exactly its
     * type's count of items, all of its type and of its colour (nearest canonical colour), and nothing broken.
     */
    public static List<String> ruleViolations(Layout layout) {
        List<String> problems = new ArrayList<>();
        Map<ItemType, Integer> counts = new EnumMap<>(ItemType.class);
        for (Item item : layout.items()) {
            ItemType expected = ItemType.ofCompartment(item.compartment());
            if (item.type() != expected) {
                problems.add("a " + item.type() + " lies in the compartment of " + expected);
            } else {
                counts.merge(expected, 1, Integer::sum);
            }
            ItemType byColour = nearestColour(item.colour());
            if (byColour != item.type()) {
                problems.add("a " + item.type() + " has the colour of " + byColour);
            }
            if (item.bite() != null) {
                problems.add("a " + item.type() + " is broken");
            }
        }
        for (ItemType t : ItemType.values()) {
            int n = counts.getOrDefault(t, 0);
            if (n != t.count()) {
                problems.add("compartment of " + t + " holds " + n + " instead of " + t.count());
            }
        }
        return problems;
    }

    static ItemType nearestColour(Color c) {
        return Ink.nearest(c, ItemType.values(), ItemType::colour);
    }

    @Override
    public Scene anomalous(String kind, SplittableRandom rng) {
        Layout layout = sampleLayout(rng);
        AffineTransform toFrame = layout.boxToFrame();
        switch (kind) {
            case "scratch", "contamination" -> {
                Scene base = draw("good", layout, List.of());
                int c = rng.nextInt(4);
                double cx = centreX(c);
                double cy = centreY(c);
                if (kind.equals("scratch")) {
                    double[] p = frame(toFrame, cx + Ink.uniform(rng, -12, 12), cy + Ink.uniform(rng, -12, 12));
                    return SurfaceDefects.scratch(base, rng, p[0], p[1], Ink.uniform(rng, 45, 65),
                            new Color(92, 64, 40), SCRATCH);
                }
                double[] spot = freeSpot(layout, c, 9, rng);
                double[] p = frame(toFrame, spot[0], spot[1]);
                return SurfaceDefects.contamination(base, rng, p[0], p[1], Ink.uniform(rng, 6, 8),
                        new Color(58, 44, 34), CONTAMINATION);
            }
            default -> {
                return altered(kind, layout, rng);
            }
        }
    }

    /** Applies an anomaly that changes what the box holds (every logical kind, and {@code broken}). */
    static Altered<Layout> alter(String kind, Layout layout, SplittableRandom rng) {
        List<Item> items = new ArrayList<>(layout.items());
        AffineTransform toFrame = layout.boxToFrame();
        switch (kind) {
            case "missing" -> {
                Item gone = items.remove(rng.nextInt(items.size()));
                return new Altered<>(layout.withItems(items),
                        List.of(DefectRegion.inFrame(MISSING, Ink.grow(gone.footprint(), 2), toFrame)));
            }
            case "extra" -> {
                ItemType t = ItemType.values()[rng.nextInt(ItemType.values().length)];
                items.removeIf(i -> i.type() == t);
                List<Item> more = fill(t, t.slotsPlusOne, rng);
                items.addAll(more);
                // The added item is the one on the last slot; the others only moved within their compartment.
                Item extra = more.get(more.size() - 1);
                return new Altered<>(layout.withItems(items),
                        List.of(DefectRegion.inFrame(EXTRA, Ink.grow(extra.footprint(), 2), toFrame)));
            }
            case "swapped" -> {
                int a = rng.nextInt(4);
                int b = (a + 1 + rng.nextInt(3)) % 4;
                int ia = pick(items, a, rng);
                int ib = pick(items, b, rng);
                Item itemA = items.get(ia);
                Item itemB = items.get(ib);
                items.set(ia, itemA.withTypeAndColour(itemB.type(), itemB.colour()));
                items.set(ib, itemB.withTypeAndColour(itemA.type(), itemA.colour()));
                return new Altered<>(layout.withItems(items), List.of(
                        DefectRegion.inFrame(SWAPPED, footprint(itemA, items.get(ia)), toFrame),
                        DefectRegion.inFrame(SWAPPED, footprint(itemB, items.get(ib)), toFrame)));
            }
            case "wrong_colour" -> {
                int i = rng.nextInt(items.size());
                Item item = items.get(i);
                ItemType other = ItemType.values()[(item.type().ordinal() + 1 + rng.nextInt(3)) % 4];
                items.set(i, item.withTypeAndColour(item.type(), Ink.jitter(other.colour, rng, 10)));
                return new Altered<>(layout.withItems(items),
                        List.of(DefectRegion.inFrame(WRONG_COLOUR, Ink.grow(item.footprint(), 1.5), toFrame)));
            }
            case "broken" -> {
                int i = rng.nextInt(items.size());
                Item item = items.get(i);
                double a = rng.nextDouble() * Math.PI * 2;
                double r = item.type().size;
                Shape bite = Ink.blob(rng, item.x() + Math.cos(a) * r * 0.9, item.y() + Math.sin(a) * r * 0.9, r * 0.75);
                items.set(i, new Item(item.type(), item.x(), item.y(), item.angle(), item.colour(), bite));
                return new Altered<>(layout.withItems(items),
                        List.of(DefectRegion.inFrame(BROKEN, Ink.brokenPiece(item.fullShape(), bite), toFrame)));
            }
            default -> throw new IllegalArgumentException("unknown anomaly kind for " + NAME + ": " + kind);
        }
    }

    private static double[] frame(AffineTransform t, double x, double y) {
        double[] p = {x, y};
        t.transform(p, 0, p, 0, 1);
        return p;
    }

    /** The index of a random item whose centre lies in the given compartment. */
    private static int pick(List<Item> items, int compartment, SplittableRandom rng) {
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).compartment() == compartment) {
                in.add(i);
            }
        }
        return in.get(rng.nextInt(in.size()));
    }

    /** A point of the compartment's floor at least {@code r} + 4 px clear of every item and wall. */
    private static double[] freeSpot(Layout layout, int compartment, double r, SplittableRandom rng) {
        double cx = centreX(compartment);
        double cy = centreY(compartment);
        double[] best = {cx, cy};
        double bestClearance = -1;
        for (int attempt = 0; attempt < 40; attempt++) {
            double x = cx + Ink.uniform(rng, -CELL / 2 + r + 3, CELL / 2 - r - 3);
            double y = cy + Ink.uniform(rng, -CELL / 2 + r + 3, CELL / 2 - r - 3);
            double clearance = Double.MAX_VALUE;
            for (Item item : layout.items()) {
                double d = Math.hypot(item.x() - x, item.y() - y) - item.type().size * 1.42 - r;
                clearance = Math.min(clearance, d);
            }
            if (clearance > bestClearance) {
                bestClearance = clearance;
                best = new double[] {x, y};
            }
            if (clearance > 4) {
                break;
            }
        }
        return best;
    }

    private static Shape footprint(Item before, Item after) {
        Area a = Ink.grow(before.footprint(), 2);
        a.add(Ink.grow(after.footprint(), 2));
        return a;
    }

    static void paint(Graphics2D g, Layout layout) {
        AffineTransform saved = g.getTransform();
        g.transform(layout.boxToFrame());
        double h = BOX / 2;
        // Box: shadow, wall colour, then the four floors inset so that the walls remain between them.
        g.setColor(new Color(0, 0, 0, 60));
        g.fill(new RoundRectangle2D.Double(-h + 4, -h + 5, BOX, BOX, 14, 14));
        Ink.solid(g, new RoundRectangle2D.Double(-h, -h, BOX, BOX, 14, 14), WALLS);
        SplittableRandom texture = new SplittableRandom(layout.textureSeed());
        for (int c = 0; c < 4; c++) {
            double cx = centreX(c);
            double cy = centreY(c);
            Shape floor = new RoundRectangle2D.Double(cx - CELL / 2, cy - CELL / 2, CELL, CELL, 8, 8);
            g.setColor(FLOOR);
            g.fill(floor);
            // Cardboard fibres: faint short strokes, so the floor has texture but no structure.
            g.setStroke(new BasicStroke(0.8f));
            for (int i = 0; i < 30; i++) {
                double x = cx + Ink.uniform(texture, -CELL / 2 + 3, CELL / 2 - 3);
                double y = cy + Ink.uniform(texture, -CELL / 2 + 3, CELL / 2 - 3);
                double a = texture.nextDouble() * Math.PI;
                double len = Ink.uniform(texture, 3, 8);
                g.setColor(texture.nextBoolean() ? new Color(150, 120, 80, 40) : new Color(255, 255, 255, 50));
                g.draw(new Line2D.Double(x, y, x + Math.cos(a) * len, y + Math.sin(a) * len));
            }
            // Inner shadow along the top and left walls.
            g.setColor(new Color(0, 0, 0, 28));
            g.fill(new Area(new RoundRectangle2D.Double(cx - CELL / 2, cy - CELL / 2, CELL, 4, 4, 4)));
            g.fill(new Area(new RoundRectangle2D.Double(cx - CELL / 2, cy - CELL / 2, 4, CELL, 4, 4)));
        }
        for (Item item : layout.items()) {
            Ink.solid(g, item.shape(), item.colour());
            if (item.type() == ItemType.BALL && item.bite() == null) {
                Ink.highlight(g, item.x(), item.y(), item.type().size);
            }
            if (item.type() == ItemType.DISC) {
                g.setColor(new Color(255, 255, 255, 60));
                g.setStroke(new BasicStroke(1f));
                Area inner = new Area(new Ellipse2D.Double(item.x() - 5, item.y() - 5, 10, 10));
                inner.intersect(new Area(item.shape()));
                g.draw(inner);
            }
        }
        g.setTransform(saved);
    }
}
