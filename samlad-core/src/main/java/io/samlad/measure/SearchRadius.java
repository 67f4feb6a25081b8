package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.matching.ObjectMatcher;
import io.samlad.objects.ObjectEncoder;
import io.samlad.objects.Scene;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How far the patch search must reach: the pose jitter of a category, measured on its normal images by
 * leave-one-out. Where parts move (a cable takes its own curve, connectors shift), a patch of a normal image finds
 * its like only some cells away, and a search radius smaller than that turns the jitter into distance, the noise
 * every anomaly must rise above; where parts sit still, a large radius only lets a defect find a look-alike nearby.
 *
 * <p>Each sample image is matched, object by object (DCGA vectors and OMM, as at prediction), with its k nearest
 * other bank images; the displacement of a matched pair is the Chebyshev distance of the two centroids in patch
 * cells. The radius is the median displacement rounded up, plus {@code searchRadiusMargin} cells (content that
 * moved by part of a cell straddles two cells), clamped to {@code [1, max]}. The median, not a high quantile:
 * objects cut differently in two images (a plate split into other groups of cells) give large centroid shifts that
 * are not motion.
 * Pure.
 */
public final class SearchRadius {
    private SearchRadius() {
    }

    /**
     * @param bank   normal images (each is compared with its own nearest others, itself excluded)
     * @param sample bank indices of the images to measure on
     * @return the radius in patch cells, or empty when no object could be matched (no objects: a detector without
     *         them, or too few images)
     */
    public static OptionalInt estimate(TemplateBank bank, int[] sample, SamladConfig config) {
        OptionalDouble median = medianDisplacement(bank, sample, config);
        if (median.isEmpty()) {
            return OptionalInt.empty();
        }
        SamladConfig.Stability s = config.stability();
        int radius = (int) Math.ceil(median.getAsDouble() - 1e-9) + s.searchRadiusMargin();
        return OptionalInt.of(Math.max(1, Math.min(s.searchRadiusMax(), radius)));
    }

    /**
     * The median displacement, in patch cells, of the sample's objects matched in their references: how far the
     * same part lies in two normal images. Empty when no object could be matched.
     */
    public static OptionalDouble medianDisplacement(TemplateBank bank, int[] sample, SamladConfig config) {
        double[] shifts = displacements(bank, sample, config);
        if (shifts.length == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(shifts);
        return OptionalDouble.of(shifts.length % 2 == 1 ? shifts[shifts.length / 2]
                : 0.5 * (shifts[shifts.length / 2 - 1] + shifts[shifts.length / 2]));
    }

    /** Centroid displacement, in patch cells, of every object of the sample matched in one of its references. */
    static double[] displacements(TemplateBank bank, int[] sample, SamladConfig config) {
        ObjectEncoder encoder = new ObjectEncoder(config.encoding());
        ObjectMatcher matcher = new ObjectMatcher(config.matching());
        List<Double> out = new ArrayList<>();
        for (int index : sample) {
            Scene q = bank.scene(index);
            if (q.objects().isEmpty()) {
                continue;
            }
            int pw = q.patches().width();
            int ph = q.patches().height();
            for (TemplateBank.Neighbour n : bank.nearest(q.global(), config.references(), index)) {
                Scene r = bank.scene(n.index());
                List<float[][]> v = encoder.encode(List.of(q.objects(), r.objects()));
                ObjectMatcher.Match m = matcher.match(q.objects(), v.get(0), r.objects(), v.get(1));
                for (int i = 0; i < q.objects().size(); i++) {
                    int j = m.queryToReference()[i];
                    if (j < 0) {
                        continue;
                    }
                    ObjectMask a = q.objects().get(i).mask();
                    ObjectMask b = r.objects().get(j).mask();
                    out.add(Math.max(Math.abs(a.centroidX() - b.centroidX()) * pw,
                            Math.abs(a.centroidY() - b.centroidY()) * ph));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
