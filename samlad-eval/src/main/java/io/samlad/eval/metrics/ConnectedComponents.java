package io.samlad.eval.metrics;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Connected regions of a binary mask with 8-connectivity, as the official MVTec AD evaluation labels them. */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /** Each component as the sorted-by-discovery pixel indices {@code y * width + x}. */
    public static List<int[]> of(BitSet mask, int width, int height) {
        List<int[]> out = new ArrayList<>();
        BitSet seen = new BitSet(width * height);
        int[] stack = new int[16];
        for (int start = mask.nextSetBit(0); start >= 0; start = mask.nextSetBit(start + 1)) {
            if (seen.get(start)) {
                continue;
            }
            int[] members = new int[16];
            int count = 0;
            int top = 0;
            stack[top++] = start;
            seen.set(start);
            while (top > 0) {
                int p = stack[--top];
                if (count == members.length) {
                    members = java.util.Arrays.copyOf(members, 2 * count);
                }
                members[count++] = p;
                int px = p % width;
                int py = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    int y = py + dy;
                    if (y < 0 || y >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        if (x < 0 || x >= width) {
                            continue;
                        }
                        int q = y * width + x;
                        if (mask.get(q) && !seen.get(q)) {
                            seen.set(q);
                            if (top == stack.length) {
                                stack = java.util.Arrays.copyOf(stack, 2 * top);
                            }
                            stack[top++] = q;
                        }
                    }
                }
            }
            out.add(java.util.Arrays.copyOf(members, count));
        }
        return out;
    }
}
