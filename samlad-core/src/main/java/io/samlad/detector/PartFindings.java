package io.samlad.detector;

import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One wrong part is one finding: where the segmentation cut a part into pieces, each piece found {@code mismatched}
 * or {@code extra} on its own (a swapped 7 in two strokes, a 0 in four arcs) would be reported as several objects.
 * Pieces that touch (one grown by a cell meets the other, {@link TouchingMasks}) are reported as one object over
 * their union: {@code mismatched} if any piece is (the part stands there, wrongly), else {@code extra}, with the
 * largest score. Used only where the bank's places have an identity (one place holds one part), as swapped pairs.
 */
final class PartFindings {
    private PartFindings() {
    }

    /**
     * {@code objects} with the touching mismatched and extra pieces among the first {@code queryObjects} (the query's
     * own objects, aligned with {@code masks}) merged, each group at its first member's position; every object is
     * then renumbered in order. Missing objects (after {@code queryObjects}) are kept as they are.
     */
    static List<DetectedObject> asOne(List<DetectedObject> objects, List<ObjectMask> masks, int queryObjects,
            int width, int height) {
        List<Integer> found = new ArrayList<>();
        for (int k = 0; k < queryObjects; k++) {
            Verdict v = objects.get(k).verdict();
            if (v == Verdict.MISMATCHED || v == Verdict.EXTRA) {
                found.add(k);
            }
        }
        if (found.size() < 2) {
            return objects;
        }
        List<ObjectMask> foundMasks = new ArrayList<>();
        for (int k : found) {
            foundMasks.add(masks.get(k));
        }
        List<List<Integer>> groups = TouchingMasks.groups(foundMasks);
        if (groups.size() == found.size()) {
            return objects;
        }
        DetectedObject[] merged = objects.toArray(new DetectedObject[0]);
        boolean[] dropped = new boolean[objects.size()];
        for (List<Integer> group : groups) {
            if (group.size() < 2) {
                continue;
            }
            int first = found.get(group.get(0));
            DetectedObject top = objects.get(first);
            boolean mismatched = false;
            ObjectMask m0 = masks.get(first);
            BitSet union = new BitSet(m0.width() * m0.height());
            for (int g : group) {
                int k = found.get(g);
                DetectedObject o = objects.get(k);
                mismatched |= o.verdict() == Verdict.MISMATCHED;
                top = o.score() > top.score() ? o : top;
                union.or(masks.get(k).bits());
                dropped[k] = k != first;
            }
            ObjectMask all = new ObjectMask(m0.width(), m0.height(), union);
            merged[first] = PredictionAssembler.describe(0, mismatched ? Verdict.MISMATCHED : Verdict.EXTRA,
                    top.score(), all, width, height, top.matchedReference(), top.matchedObject());
        }
        List<DetectedObject> out = new ArrayList<>();
        for (int k = 0; k < merged.length; k++) {
            if (!dropped[k]) {
                DetectedObject o = merged[k];
                out.add(new DetectedObject(out.size(), o.verdict(), o.score(), o.centroidX(), o.centroidY(), o.minX(),
                        o.minY(), o.maxX(), o.maxY(), o.areaFraction(), o.matchedReference(), o.matchedObject()));
            }
        }
        return out;
    }
}
