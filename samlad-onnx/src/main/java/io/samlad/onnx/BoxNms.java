package io.samlad.onnx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression on boxes: visit boxes by decreasing score and keep one unless its IoU with an
 * already kept box exceeds the threshold. Equal scores keep their input order (a stable sort), so results are
 * reproducible.
 */
public final class BoxNms {
    private BoxNms() {
    }

    /** Indices of the kept boxes, by decreasing score. */
    public static List<Integer> keep(List<MaskBox> boxes, double[] scores, double iouThreshold) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]));
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            boolean suppressed = false;
            for (int k : kept) {
                if (boxes.get(i).iou(boxes.get(k)) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(i);
            }
        }
        return kept;
    }
}
