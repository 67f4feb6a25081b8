package io.samlad.onnx;

import java.util.BitSet;

/** Pixel masks onto a coarser (or finer) grid covering the same image. */
public final class MaskGrids {
    private MaskGrids() {
    }

    /**
     * A cell of the {@code gridW x gridH} grid is set when the mask covers at least half of the image area under
     * the cell (pixels weighted by how much of them the cell covers). Unlike sampling one pixel per cell, this keeps
     * an object's area on the grid close to its area in the image.
     */
    public static BitSet toGrid(BitSet mask, int width, int height, int gridW, int gridH) {
        // Horizontal pass: per pixel row, the share of each grid column's width the mask covers. Which columns a
        // pixel column overlaps, and by how much, is the same for every row: computed once.
        Spans cols = Spans.of(width, gridW);
        double[] rows = new double[gridW * height];
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            int x = i % width;
            int row = (i / width) * gridW;
            for (int k = cols.start[x]; k < cols.start[x + 1]; k++) {
                rows[row + cols.cell[k]] += cols.cover[k];
            }
        }
        // Vertical pass: weight each pixel row by how much of it lies in the grid row.
        Spans lines = Spans.of(height, gridH);
        double[] cells = new double[gridW * gridH];
        for (int y = 0; y < height; y++) {
            for (int k = lines.start[y]; k < lines.start[y + 1]; k++) {
                int gy = lines.cell[k];
                double c = lines.cover[k];
                for (int gx = 0; gx < gridW; gx++) {
                    cells[gy * gridW + gx] += c * rows[y * gridW + gx];
                }
            }
        }
        BitSet out = new BitSet(gridW * gridH);
        for (int i = 0; i < cells.length; i++) {
            // each sum is in grid-cell units: a fully covered cell sums to 1
            if (cells[i] >= 0.5 - 1e-9) {
                out.set(i);
            }
        }
        return out;
    }

    /**
     * For each of {@code n} pixels on an axis, the grid cells it overlaps ({@code cell[start[p] .. start[p+1])}) and
     * the overlap as a share of one grid cell.
     */
    private record Spans(int[] start, int[] cell, double[] cover) {
        static Spans of(int n, int cells) {
            double s = n / (double) cells;   // pixels per grid cell
            int[] start = new int[n + 1];
            int[] cell = new int[n * 2 + cells + 2];
            double[] cover = new double[cell.length];
            int k = 0;
            for (int p = 0; p < n; p++) {
                start[p] = k;
                double a = p / s;
                double b = (p + 1) / s;
                for (int g = (int) Math.floor(a); g < Math.min(cells, (int) Math.ceil(b)); g++) {
                    double c = Math.min(b, g + 1) - Math.max(a, g);
                    if (c > 0) {
                        if (k == cell.length) {
                            cell = java.util.Arrays.copyOf(cell, 2 * k);
                            cover = java.util.Arrays.copyOf(cover, 2 * k);
                        }
                        cell[k] = g;
                        cover[k++] = c;
                    }
                }
            }
            start[n] = k;
            return new Spans(start, cell, cover);
        }
    }
}
