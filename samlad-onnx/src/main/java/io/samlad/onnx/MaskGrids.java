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
        double[] rows = new double[gridW * height];
        double sx = width / (double) gridW;
        for (int i = mask.nextSetBit(0); i >= 0; i = mask.nextSetBit(i + 1)) {
            int x = i % width;
            int y = i / width;
            // pixel x covers [x, x+1) in image units, i.e. [x/sx, (x+1)/sx) in grid units
            double a = x / sx;
            double b = (x + 1) / sx;
            for (int gx = (int) Math.floor(a); gx < Math.min(gridW, (int) Math.ceil(b)); gx++) {
                double cover = Math.min(b, gx + 1) - Math.max(a, gx);
                if (cover > 0) {
                    rows[y * gridW + gx] += cover;
                }
            }
        }
        double sy = height / (double) gridH;
        BitSet out = new BitSet(gridW * gridH);
        for (int gy = 0; gy < gridH; gy++) {
            double a = gy * sy;
            double b = (gy + 1) * sy;
            for (int gx = 0; gx < gridW; gx++) {
                double sum = 0;
                for (int y = (int) Math.floor(a); y < Math.min(height, (int) Math.ceil(b)); y++) {
                    double cover = Math.min(b, y + 1) - Math.max(a, y);
                    sum += cover * rows[y * gridW + gx];
                }
                // sum is in (grid-cell widths x pixel rows); the cell holds 1 x sy of them
                if (sum >= 0.5 * sy - 1e-9) {
                    out.set(gy * gridW + gx);
                }
            }
        }
        return out;
    }
}
