package io.samlad.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the scales that fuse measures as tail probabilities: one {@link TailScale} per measure, fitted to the
 * normal images' out-of-sample z values of that measure, and one for the fused value (the largest surprisal over
 * the measures, i.e. the smallest tail probability). Whatever measures the normals carry are fused: the set is read
 * from the values, not fixed here.
 *
 * <p>Why: the largest z lets a measure with a heavy normal tail (z of 6 on a normal image) drown a measure with a
 * light one (z of 3 never seen on a normal image). Ranked by how rare each value is among normals, the second is
 * the stronger evidence, as it should be.
 */
public final class TailFusion {
    /**
     * Smallest scale of the fused value's tail, in surprisal units: a numerical guard for degenerate samples (all
     * normal images equally typical), never reached on real ones.
     */
    static final double FUSED_SCALE_FLOOR = 0.01;

    private TailFusion() {
    }

    /**
     * One tail scale per measure that any of the normal images carries.
     *
     * @param zValues   per normal image, its z value of each measure it carries
     * @param tailShare share of the largest values each exponential tail is fitted to
     * @param tailPoints fewest values each tail is fitted to
     * @param floor     smallest tail scale, z units
     */
    public static Map<Measure, TailScale> perMeasure(List<Map<Measure, Double>> zValues, double tailShare,
            int tailPoints, double floor) {
        Map<Measure, List<Double>> byMeasure = new EnumMap<>(Measure.class);
        for (Map<Measure, Double> image : zValues) {
            for (Map.Entry<Measure, Double> e : image.entrySet()) {
                if (Double.isFinite(e.getValue())) {
                    byMeasure.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
            }
        }
        Map<Measure, TailScale> out = new EnumMap<>(Measure.class);
        for (Map.Entry<Measure, List<Double>> e : byMeasure.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            out.put(e.getKey(), TailScale.fit(v, tailShare, tailPoints, floor));
        }
        return out;
    }

    /**
     * The scale of the fused value: how rare the largest surprisal of a normal image is among normal images. Mapping
     * the smallest tail probability through it corrects for there being several measures to be surprised by (a
     * min-P correction whose null distribution is the normals' own, so correlated measures are not over-corrected).
     *
     * @param fusedSurprisals the largest surprisal of each normal image, out of sample
     */
    public static TailScale fused(double[] fusedSurprisals, double tailShare, int tailPoints) {
        return TailScale.fit(fusedSurprisals, tailShare, tailPoints, FUSED_SCALE_FLOOR);
    }
}
