package io.samlad.data.synth;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The DigitAnatomy scene (SQUID, CVPR 2023): a 3 x 3 grid of 32 x 32 cells holding the digits 1 to 9 in reading
 * order, each a handwritten digit rescaled by 0.6-1.3 of its own size, on a 96 x 96 grey image.
 */
public final class DigitGrid {
    public static final int CELL = 32;
    public static final int SIDE = 3 * CELL;
    static final double MIN_SCALE = 0.6;
    static final double MAX_SCALE = 1.3;
    /** Digits whose mirror image is plainly another shape (1, 8 and 0 look much the same flipped). */
    static final int[] FLIPPABLE = {2, 3, 4, 5, 6, 7, 9};

    /** What one cell shows: a digit's pixels and label, its scale, whether mirrored; {@code pixels} null: blank. */
    public record Cell(int label, byte[] pixels, double scale, boolean mirrored) {
        static final Cell BLANK = new Cell(-1, null, 1, false);
    }

    public record Grid(List<Cell> cells) {
        public Grid {
            cells = List.copyOf(cells);
            if (cells.size() != 9) {
                throw new IllegalArgumentException("a grid has 9 cells, got " + cells.size());
            }
        }
    }

    private DigitGrid() {
    }

    static Rectangle cellRect(int index) {
        return new Rectangle((index % 3) * CELL, (index / 3) * CELL, CELL, CELL);
    }

    static Cell randomCell(int label, DigitPool pool, SplittableRandom rng) {
        List<Integer> of = pool.indicesOf(label);
        if (of.isEmpty()) {
            throw new IllegalArgumentException("the digit pool holds no " + label);
        }
        byte[] pixels = pool.images().get(of.get(rng.nextInt(of.size())));
        return new Cell(label, pixels, Ink.uniform(rng, MIN_SCALE, MAX_SCALE), false);
    }

    public static Grid sample(DigitPool pool, SplittableRandom rng) {
        List<Cell> cells = new ArrayList<>();
        for (int d = 1; d <= 9; d++) {
            cells.add(randomCell(d, pool, rng));
        }
        return new Grid(cells);
    }

    /** What is wrong with a grid; empty when cell k shows the upright digit k + 1 for every k. */
    public static List<String> ruleViolations(Grid grid) {
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            Cell c = grid.cells().get(k);
            if (c.pixels() == null) {
                problems.add("cell " + k + " is empty");
            } else if (c.label() != k + 1) {
                problems.add("cell " + k + " shows " + c.label() + " instead of " + (k + 1));
            } else if (c.mirrored()) {
                problems.add("cell " + k + " shows a mirrored " + c.label());
            }
        }
        return problems;
    }

    static final DefectType MISSING = DefectType.relative("missing_digit", 255, 0.5);
    static final DefectType SWAPPED = DefectType.relative("swapped_digits", 254, 0.5);
    static final DefectType FLIPPED = DefectType.relative("flipped_digit", 253, 0.5);
    static final DefectType ZERO = DefectType.relative("zero_digit", 252, 0.5);
    static final List<String> KINDS = List.of("missing", "swapped", "flipped", "zero");
    static final List<DefectType> DEFECT_TYPES = List.of(MISSING, SWAPPED, FLIPPED, ZERO);

    /** Applies one anomaly; each region is the affected cell. */
    static Altered<Grid> alter(String kind, Grid grid, DigitPool pool, SplittableRandom rng) {
        List<Cell> cells = new ArrayList<>(grid.cells());
        switch (kind) {
            case "missing" -> {
                int k = rng.nextInt(9);
                cells.set(k, Cell.BLANK);
                return new Altered<>(new Grid(cells), List.of(new DefectRegion(MISSING, cellRect(k))));
            }
            case "swapped" -> {
                int a = rng.nextInt(9);
                int b = (a + 1 + rng.nextInt(8)) % 9;
                Cell ca = cells.get(a);
                cells.set(a, cells.get(b));
                cells.set(b, ca);
                return new Altered<>(new Grid(cells), List.of(new DefectRegion(SWAPPED, cellRect(Math.min(a, b))),
                        new DefectRegion(SWAPPED, cellRect(Math.max(a, b)))));
            }
            case "flipped" -> {
                int k = FLIPPABLE[rng.nextInt(FLIPPABLE.length)] - 1;
                Cell c = cells.get(k);
                cells.set(k, new Cell(c.label(), c.pixels(), c.scale(), true));
                return new Altered<>(new Grid(cells), List.of(new DefectRegion(FLIPPED, cellRect(k))));
            }
            case "zero" -> {
                int k = rng.nextInt(9);
                cells.set(k, randomCell(0, pool, rng));
                return new Altered<>(new Grid(cells), List.of(new DefectRegion(ZERO, cellRect(k))));
            }
            default -> throw new IllegalArgumentException("unknown DigitAnatomy anomaly kind: " + kind);
        }
    }

    /** The grid as an 8-bit grey image: each digit scaled about its cell's centre with bilinear sampling. */
    public static BufferedImage render(Grid grid, int digitRows, int digitCols) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        int[] out = new int[SIDE * SIDE];
        for (int k = 0; k < 9; k++) {
            Cell c = grid.cells().get(k);
            if (c.pixels() == null) {
                continue;
            }
            Rectangle r = cellRect(k);
            // The digit's own frame fills the cell at scale 1; the scale then grows or shrinks it about the centre.
            double f = c.scale() * CELL / Math.max(digitRows, digitCols);
            for (int y = 0; y < CELL; y++) {
                for (int x = 0; x < CELL; x++) {
                    double u = (x + 0.5 - CELL / 2.0) / f + digitCols / 2.0;
                    double v = (y + 0.5 - CELL / 2.0) / f + digitRows / 2.0;
                    if (c.mirrored()) {
                        u = digitCols - u;
                    }
                    out[(r.y + y) * SIDE + r.x + x] = (int) Math.round(bilinear(c.pixels(), digitCols, digitRows,
                            u - 0.5, v - 0.5));
                }
            }
        }
        image.getRaster().setSamples(0, 0, SIDE, SIDE, 0, out);
        return image;
    }

    /** Bilinear sample at (x, y) in pixel-centre coordinates; outside the digit is black. */
    static double bilinear(byte[] px, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fy) * ((1 - fx) * at(px, w, h, x0, y0) + fx * at(px, w, h, x0 + 1, y0))
                + fy * ((1 - fx) * at(px, w, h, x0, y0 + 1) + fx * at(px, w, h, x0 + 1, y0 + 1));
    }

    private static int at(byte[] px, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : px[y * w + x] & 0xff;
    }
}
