package io.samlad.detector;

import io.samlad.config.SamladConfig;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.MaskCleanup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kinds of parts of which a query holds more than its references: three balls where two belong. Which of the three
 * is the extra one no image can say (all of them may have moved to make room), so the map should mark the kind, not
 * whichever part its patch distances happen to favour ({@code docs/method.md}, "Kinds on the map").
 *
 * <p>A part is a solid object (measured form, not thin) covering at most {@code peers.placeMaxArea} of the image; its
 * kind, the parts whose colours lie within {@code peers.colourTolerance} of its own. In each reference a part counts
 * when its pixel area is at least half the median over the references' parts of the kind ({@code n_R}: the median
 * count); the segmentation cuts parts unevenly (a ball in two by its highlight, a block merged into the floor), so
 * the query's kind is judged by the share of the grid that the objects of its colour (parts or larger) cover together,
 * {@code a_Q}, against the references' median {@code a_R}: over-counted where {@code 1 <= n_R <= maxParts}, the query holds at least two parts of the kind,
 * and {@code a_Q >= a_R (n_R + 1/2) / n_R} (at least half a part more than normal). Pure.
 */
final class KindGroups {
    /** A part smaller than this share of its kind's median area is a piece of one, not a part. */
    static final double MIN_AREA_SHARE = 0.5;

    private KindGroups() {
    }

    /** The over-counted kinds of {@code query}, each as the indices of its parts among the query's objects. */
    static List<int[]> overCounted(Scene query, List<Scene> references, SamladConfig.Peers peers, int maxParts) {
        List<int[]> out = new ArrayList<>();
        if (maxParts <= 0 || references.isEmpty()) {
            return out;
        }
        List<SceneObject> objects = query.objects();
        boolean[] assigned = new boolean[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            if (assigned[i] || !isPart(objects.get(i), peers)) {
                continue;
            }
            ObjectForm colour = objects.get(i).form();
            List<Integer> kind = new ArrayList<>();
            for (int j = i; j < objects.size(); j++) {
                SceneObject o = objects.get(j);
                if (!assigned[j] && isPart(o, peers) && o.form().colourDistance(colour) <= peers.colourTolerance()) {
                    assigned[j] = true;
                    kind.add(j);
                }
            }
            if (kind.size() < 2) {
                continue; // one part painted with its own neighbourhood's value would only blur the map
            }
            // the kind's parts in each reference: their pixel areas, and the share of the grid they cover together
            List<double[]> perReference = new ArrayList<>();
            List<Double> areas = new ArrayList<>();
            double[] covered = new double[references.size()];
            for (int r = 0; r < references.size(); r++) {
                List<SceneObject> parts = new ArrayList<>();
                for (SceneObject o : references.get(r).objects()) {
                    if (isPart(o, peers) && o.form().colourDistance(colour) <= peers.colourTolerance()) {
                        parts.add(o);
                    }
                }
                double[] a = parts.stream().mapToDouble(o -> o.form().area()).toArray();
                perReference.add(a);
                for (double v : a) {
                    areas.add(v);
                }
                covered[r] = coverage(ofColour(references.get(r).objects(), colour, peers));
            }
            if (areas.isEmpty()) {
                continue;
            }
            double least = MIN_AREA_SHARE * median(areas.stream().mapToDouble(Double::doubleValue).toArray());
            double[] counts = new double[references.size()];
            for (int r = 0; r < counts.length; r++) {
                counts[r] = Arrays.stream(perReference.get(r)).filter(a -> a >= least).count();
            }
            double referenceCount = median(counts);
            double referenceCover = median(covered);
            if (referenceCount >= 1 && referenceCount <= maxParts
                    && coverage(ofColour(objects, colour, peers)) >= referenceCover * (referenceCount + 0.5) / referenceCount) {
                out.add(kind.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out;
    }

    /**
     * The solid objects of {@code colour}, of any size: a surface one image cuts into pieces small enough to be parts
     * (a bottle's juice above and below its label) and another leaves whole covers the same area in both.
     */
    static List<SceneObject> ofColour(List<SceneObject> objects, ObjectForm colour, SamladConfig.Peers peers) {
        List<SceneObject> out = new ArrayList<>();
        for (SceneObject o : objects) {
            if (o.form().measured() && !MaskCleanup.isThin(o.mask())
                    && o.form().colourDistance(colour) <= peers.colourTolerance()) {
                out.add(o);
            }
        }
        return out;
    }

    /** The share of the object grid that the union of the parts' masks covers (pieces of one part overlap). */
    static double coverage(List<SceneObject> parts) {
        if (parts.isEmpty()) {
            return 0;
        }
        java.util.BitSet union = new java.util.BitSet();
        for (SceneObject o : parts) {
            union.or(o.mask().bits());
        }
        return union.cardinality() / (double) (parts.get(0).mask().width() * parts.get(0).mask().height());
    }

    static boolean isPart(SceneObject o, SamladConfig.Peers peers) {
        return o.form().measured() && !MaskCleanup.isThin(o.mask())
                && o.mask().areaFraction() <= peers.placeMaxArea();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
