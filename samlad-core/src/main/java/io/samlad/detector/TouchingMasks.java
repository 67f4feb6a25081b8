package io.samlad.detector;

import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups masks (on one grid) that touch or overlap: one mask grown by one cell meets the other. Segmentation cuts
 * one physical part into several pieces (a ring and the floor it encloses); reported findings should name the part
 * once.
 */
final class TouchingMasks {
    private TouchingMasks() {
    }

    /** Indices of {@code masks} grouped transitively by touching, each group in ascending order. */
    static List<List<Integer>> groups(List<ObjectMask> masks) {
        int n = masks.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            ObjectMask a = masks.get(i);
            BitSet grown = MaskCleanup.dilate(a.bits(), a.width(), a.height());
            for (int j = i + 1; j < n; j++) {
                if (grown.intersects(masks.get(j).bits())) {
                    parent[find(parent, j)] = find(parent, i);
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(byRoot.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
