package io.samlad.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The 8-connected regions of a binary mask (row-major, {@code y * width + x}), as the official MVTec AD evaluation and
 * Segment Anything's mask clean-up both label them. Components are numbered 1, 2, ... in raster order of their first
 * pixel.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /**
     * Writes each set pixel's component number into {@code labels} (0 elsewhere) and returns the component sizes
     * indexed by number (index 0 unused).
     */
    public static int[] label(BitSet on, int width, int height, int[] labels) {
        int[] sizes = new int[16];
        int next = 1;
        int[] stack = new int[16];
        for (int start = on.nextSetBit(0); start >= 0; start = on.nextSetBit(start + 1)) {
            if (labels[start] != 0) {
                continue;
            }
            int size = 0;
            int top = 0;
            stack[top++] = start;
            labels[start] = next;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int px = p % width;
                int py = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    int y = py + dy;
                    if (y < 0 || y >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        int q = y * width + x;
                        if (x >= 0 && x < width && labels[q] == 0 && on.get(q)) {
                            labels[q] = next;
                            if (top == stack.length) {
                                stack = Arrays.copyOf(stack, 2 * top);
                            }
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (next >= sizes.length) {
                sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[next++] = size;
        }
        return Arrays.copyOf(sizes, next);
    }

    /** Each component as its pixel indices, ascending; components in raster order of their first pixel. */
    public static List<int[]> of(BitSet mask, int width, int height) {
        int[] labels = new int[width * height];
        int[] sizes = label(mask, width, height, labels);
        List<int[]> out = new ArrayList<>(sizes.length - 1);
        int[] filled = new int[sizes.length];
        for (int l = 1; l < sizes.length; l++) {
            out.add(new int[sizes[l]]);
        }
        for (int p = mask.nextSetBit(0); p >= 0; p = mask.nextSetBit(p + 1)) {
            int l = labels[p];
            out.get(l - 1)[filled[l]++] = p;
        }
        return out;
    }
}
