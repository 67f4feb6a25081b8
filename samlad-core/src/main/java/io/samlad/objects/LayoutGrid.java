package io.samlad.objects;

/**
 * The inner layout of a box of the image in the box's own coordinates, for the LAYOUT measure: the box cut into
 * {@code grid x grid} cells, each cell's mean L*a*b* colour (/ 100) over the colour-lattice points whose centres fall
 * in it ({@link ColourLattice}). Normalising to the box makes layouts of one object comparable across images however
 * the object lies or how large it appears; the lattice is what a scene keeps of its pixels.
 */
public final class LayoutGrid {
    /** The colour of every lattice code, three values per code, decoded once. */
    private static final float[] DECODED = decodeAll();

    private LayoutGrid() {
    }

    /**
     * The layout of the box {@code [x0, x1) x [y0, y1)} (image-relative) of an image of {@code width x height}
     * working pixels whose lattice is {@code lattice}: {@code grid * grid * 3} values, cell by cell, row by row.
     * A cell that no lattice point's centre falls in takes the point under its own centre.
     */
    public static float[] of(ColourLattice lattice, int width, int height, double x0, double y0, double x1, double y1,
            int grid) {
        float[] out = new float[grid * grid * 3];
        int step = lattice.step();
        int lw = lattice.width();
        int lh = lattice.height();
        short[] codes = lattice.codes();
        // lattice point (lx, ly) has its centre at ((lx + 0.5) step, (ly + 0.5) step) pixels
        double px0 = x0 * width / step - 0.5;
        double py0 = y0 * height / step - 0.5;
        double cw = (x1 - x0) * width / step / grid;
        double ch = (y1 - y0) * height / step / grid;
        for (int gy = 0; gy < grid; gy++) {
            int ly0 = Math.max(0, (int) Math.ceil(py0 + gy * ch));
            int ly1 = Math.min(lh - 1, (int) Math.ceil(py0 + (gy + 1) * ch) - 1);
            for (int gx = 0; gx < grid; gx++) {
                int lx0 = Math.max(0, (int) Math.ceil(px0 + gx * cw));
                int lx1 = Math.min(lw - 1, (int) Math.ceil(px0 + (gx + 1) * cw) - 1);
                double l = 0;
                double a = 0;
                double b = 0;
                int n = 0;
                for (int ly = ly0; ly <= ly1; ly++) {
                    for (int lx = lx0; lx <= lx1; lx++) {
                        int c = codes[ly * lw + lx] * 3;
                        l += DECODED[c];
                        a += DECODED[c + 1];
                        b += DECODED[c + 2];
                        n++;
                    }
                }
                if (n == 0) {
                    int lx = clamp((int) Math.floor(px0 + (gx + 0.5) * cw + 0.5), lw);
                    int ly = clamp((int) Math.floor(py0 + (gy + 0.5) * ch + 0.5), lh);
                    int c = codes[ly * lw + lx] * 3;
                    l = DECODED[c];
                    a = DECODED[c + 1];
                    b = DECODED[c + 2];
                    n = 1;
                }
                int o = (gy * grid + gx) * 3;
                out[o] = (float) (l / n);
                out[o + 1] = (float) (a / n);
                out[o + 2] = (float) (b / n);
            }
        }
        return out;
    }

    /** The box side, in lattice points, of {@code pixels} working pixels. */
    public static double points(ColourLattice lattice, double pixels) {
        return pixels / lattice.step();
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }

    private static float[] decodeAll() {
        int n = ColourLattice.LEVELS * ColourLattice.LEVELS * ColourLattice.LEVELS;
        float[] out = new float[n * 3];
        for (int code = 0; code < n; code++) {
            float[] c = ColourLattice.colour(code);
            out[code * 3] = c[0];
            out[code * 3 + 1] = c[1];
            out[code * 3 + 2] = c[2];
        }
        return out;
    }
}
