package io.samlad.objects;

import io.samlad.segment.ObjectMask;
import java.util.BitSet;

/** Test helper: the object-grid cells (4 pixels each) whose centre lies inside a disc, as a segmentation gives them. */
final class DiscCells {
    private DiscCells() {
    }

    static ObjectMask of(int grid, double cx, double cy, double r) {
        BitSet bits = new BitSet(grid * grid);
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                if (Math.hypot(x * 4 + 2 - cx, y * 4 + 2 - cy) <= r) {
                    bits.set(y * grid + x);
                }
            }
        }
        return new ObjectMask(grid, grid, bits);
    }
}
