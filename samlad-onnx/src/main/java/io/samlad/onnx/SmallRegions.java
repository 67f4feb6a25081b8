package io.samlad.onnx;

import io.samlad.segment.ConnectedComponents;
import java.util.BitSet;

/**
 * Segment Anything's clean-up for {@code min_mask_region_area}: fills holes and removes islands smaller than an area,
 * with 8-connected components. A "hole" is any connected region outside the mask, including background touching the
 * image border, exactly as the original does. When every island is small, the largest is kept.
 */
public final class SmallRegions {
    private SmallRegions() {
    }

    /** The result of one pass and whether it changed the mask. */
    public record Result(BitSet mask, boolean changed) {
    }

    public static Result fillHoles(BitSet mask, int width, int height, int minArea) {
        BitSet outside = (BitSet) mask.clone();
        outside.flip(0, width * height);
        int[] labels = new int[width * height];
        int[] sizes = ConnectedComponents.label(outside, width, height, labels);
        BitSet out = (BitSet) mask.clone();
        boolean changed = false;
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l > 0 && sizes[l] < minArea) {
                out.set(i);
                changed = true;
            }
        }
        return new Result(out, changed);
    }

    public static Result removeIslands(BitSet mask, int width, int height, int minArea) {
        int[] labels = new int[width * height];
        int[] sizes = ConnectedComponents.label(mask, width, height, labels);
        int largest = 0;
        boolean anySmall = false;
        boolean anyLarge = false;
        for (int l = 1; l < sizes.length; l++) {
            if (sizes[l] < minArea) {
                anySmall = true;
            } else {
                anyLarge = true;
            }
            if (largest == 0 || sizes[l] > sizes[largest]) {
                largest = l;
            }
        }
        if (!anySmall) {
            return new Result(mask, false);
        }
        BitSet out = new BitSet(width * height);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l > 0 && (anyLarge ? sizes[l] >= minArea : l == largest)) {
                out.set(i);
            }
        }
        return new Result(out, true);
    }
}
