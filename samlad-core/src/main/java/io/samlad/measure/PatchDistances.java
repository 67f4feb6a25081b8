package io.samlad.measure;

import io.samlad.features.FeatureMap;
import io.samlad.image.FloatMap;
import io.samlad.objects.Scene;
import io.samlad.segment.GaussianBlur;
import java.util.Arrays;
import java.util.List;

/**
 * Nearest-neighbour patch distances between a query's patch grid and references', position-aware: a patch is
 * compared only with patches within {@code radius} cells of the same relative position, so a label patch meets the
 * label region of the references, not any white patch anywhere, while small shifts are tolerated. Pure functions.
 */
public final class PatchDistances {
    /** Below this sigma (in cells) smoothing changes nothing visible and is skipped. */
    private static final double MIN_SIGMA = 0.05;

    private PatchDistances() {
    }

    /**
     * Distances in both directions:
     * <ul>
     *   <li>forward, query to references: for each query patch, the distance to the nearest patch of any reference
     *       (what the query has that no reference explains: extra or damaged content);</li>
     *   <li>reverse, references to query: for each position, the lower median over references of the distance from
     *       the reference's patch there to the nearest query patch (what most references have that the query lacks:
     *       missing content, which the forward direction cannot see since background matches background).</li>
     * </ul>
     *
     * @param reverse whether to compute the reverse direction (else it is all zeros)
     */
    public static PatchMaps between(FeatureMap q, List<Scene> refs, int radius, boolean reverse) {
        return between(q, refs, radius, reverse, PatchPlanes.memo());
    }

    /**
     * As {@link #between(FeatureMap, List, int, boolean)}, with the grids' channel planes from {@code planes} (e.g.
     * {@link PatchPlanes#forQuery}: the bank's kept for the bank's lifetime). The result does not depend on it.
     */
    public static PatchMaps between(FeatureMap q, List<Scene> refs, int radius, boolean reverse, PatchPlanes planes) {
        int w = q.width();
        int h = q.height();
        float[] best = new float[w * h];
        float[] back = new float[w * h];
        if (refs.isEmpty()) {
            return new PatchMaps(new FloatMap(w, h, best), new FloatMap(w, h, back));
        }
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        float[][] perRef = new float[refs.size()][];
        for (int r = 0; r < refs.size(); r++) {
            FeatureMap ref = refs.get(r).patches();
            if (reverse) {
                float[] b = new float[ref.width() * ref.height()];
                Arrays.fill(b, Float.POSITIVE_INFINITY);
                NearestPatches.lowerBoth(q, ref, radius, best, b, planes);
                perRef[r] = ref.width() == w && ref.height() == h ? b
                        : new FloatMap(ref.width(), ref.height(), b).resize(w, h).data();
            } else {
                NearestPatches.lower(q, ref, radius, best, planes);
            }
        }
        float[] column = new float[refs.size()];
        int lowerMedian = (refs.size() - 1) / 2;
        for (int i = 0; i < best.length; i++) {
            best[i] = (float) Math.sqrt(best[i]);
            if (reverse) {
                for (int r = 0; r < refs.size(); r++) {
                    column[r] = perRef[r][i];
                }
                Arrays.sort(column);
                back[i] = (float) Math.sqrt(column[lowerMedian]);
            }
        }
        return new PatchMaps(new FloatMap(w, h, best), new FloatMap(w, h, back));
    }

    /**
     * The forward distance to a wider set of references, given the forward distances to some of them already: the
     * minimum over all is the minimum of the known one and the others'.
     *
     * @param known  forward distances (not squared) to the references already compared; not modified
     * @param others the further references
     */
    public static FloatMap forwardWidened(FeatureMap q, FloatMap known, List<Scene> others, int radius) {
        return widened(known, nearestSquared(q, others, radius, PatchPlanes.memo()));
    }

    /**
     * For each patch of {@code q}, the squared distance to the nearest patch of any of {@code others} within
     * {@code radius} cells (infinity where none): the part of {@link #forwardWidened} that needs no known distances,
     * so that it can run beside the k references' comparison.
     */
    public static float[] nearestSquared(FeatureMap q, List<Scene> others, int radius, PatchPlanes planes) {
        float[] best = new float[q.width() * q.height()];
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        for (Scene r : others) {
            NearestPatches.lower(q, r.patches(), radius, best, planes);
        }
        return best;
    }

    /**
     * The forward distance to the known references and the others together: the square root of the smaller of each
     * known distance squared and the others' squared distance. The minimum does not depend on the order in which
     * candidates are met, so this equals lowering the known squared distances by the others' patches one by one.
     *
     * @param known         forward distances (not squared) to the references already compared; not modified
     * @param othersSquared from {@link #nearestSquared}
     */
    public static FloatMap widened(FloatMap known, float[] othersSquared) {
        float[] wide = known.data().clone();
        for (int i = 0; i < wide.length; i++) {
            float w = wide[i] * wide[i];
            float o = othersSquared[i];
            if (o < w) {
                w = o;
            }
            wide[i] = (float) Math.sqrt(w);
        }
        return new FloatMap(known.width(), known.height(), wide);
    }

    /**
     * For each patch of {@code from}, lowers {@code best} to the squared distance of the nearest patch of {@code to}
     * within {@code radius} cells of the same relative position (the kernel: {@link NearestPatches}).
     */
    public static void lowerToNearest(FeatureMap from, FeatureMap to, int radius, float[] best) {
        NearestPatches.lower(from, to, radius, best);
    }

    /** A copy of {@code map} smoothed with a Gaussian of {@code sigma} cells ({@code map} itself is unchanged). */
    public static FloatMap smoothed(FloatMap map, double sigma) {
        float[] data = map.data().clone();
        if (sigma > MIN_SIGMA) {
            GaussianBlur.blurInPlace(data, 0, map.width(), map.height(), sigma);
        }
        return new FloatMap(map.width(), map.height(), data);
    }
}
