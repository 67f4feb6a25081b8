package io.samlad.detector;

import io.samlad.segment.ObjectMask;
import java.util.BitSet;

/**
 * The deepest cells of an object's mask: those farthest (in chessboard steps) from any cell outside it or the grid's
 * edge. A point that certainly lies on the object, whatever its shape (a ring's centroid lies in its hole), where
 * {@code --map-objects core} paints the object's logical score: the map's maximum then points at the object without
 * lighting all of it (docs/method.md, "Objects on the map").
 */
final class ObjectCore {
    private ObjectCore() {
    }

    /** The cells of {@code mask} at its largest depth; an empty mask gives an empty one. */
    static ObjectMask of(ObjectMask mask) {
        int w = mask.width();
        int h = mask.height();
        BitSet bits = mask.bits();
        if (bits.isEmpty()) {
            return new ObjectMask(w, h, new BitSet(w * h));
        }
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            int x = i % w;
            int y = i / w;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        // Two-pass chamfer distance (chessboard metric) over the mask's box; outside the box counts as outside.
        int bw = maxX - minX + 1;
        int bh = maxY - minY + 1;
        int[] d = new int[bw * bh];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                if (!bits.get((y + minY) * w + x + minX)) {
                    continue;
                }
                int v = Integer.MAX_VALUE;
                for (int dx = -1; dx <= 1; dx++) {
                    v = Math.min(v, at(d, bw, bh, x + dx, y - 1));
                }
                v = Math.min(v, at(d, bw, bh, x - 1, y));
                d[y * bw + x] = v + 1;
            }
        }
        int deepest = 0;
        for (int y = bh - 1; y >= 0; y--) {
            for (int x = bw - 1; x >= 0; x--) {
                int i = y * bw + x;
                if (d[i] == 0) {
                    continue;
                }
                int v = d[i];
                for (int dx = -1; dx <= 1; dx++) {
                    v = Math.min(v, at(d, bw, bh, x + dx, y + 1) + 1);
                }
                v = Math.min(v, at(d, bw, bh, x + 1, y) + 1);
                d[i] = v;
                deepest = Math.max(deepest, v);
            }
        }
        BitSet core = new BitSet(w * h);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                if (d[y * bw + x] == deepest) {
                    core.set((y + minY) * w + x + minX);
                }
            }
        }
        return new ObjectMask(w, h, core);
    }

    /** Depth at a box cell, 0 outside the box (outside the mask). */
    private static int at(int[] d, int bw, int bh, int x, int y) {
        return x < 0 || y < 0 || x >= bw || y >= bh ? 0 : d[y * bw + x];
    }
}
