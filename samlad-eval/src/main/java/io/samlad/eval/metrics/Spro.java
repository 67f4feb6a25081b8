package io.samlad.eval.metrics;

import java.util.Arrays;

/**
 * The saturated per-region overlap (sPRO) curve of MVTec LOCO AD and the areas under it.
 *
 * <p>Definitions, as in the official evaluation code (see {@code docs/evaluation.md}): a pixel is predicted
 * anomalous at threshold t when its score is above t. A region r (one ground-truth mask) with saturation area s_r
 * has sPRO_r(t) = min(TP_r(t) / s_r, 1); the curve's y is the mean of sPRO_r over all regions, its x the false
 * positive rate over every pixel that lies in no region (normal images' pixels and the defect-free pixels of
 * anomalous images). AU-sPRO up to a limit is the trapezoidal area up to that FPR divided by the limit.
 *
 * <p>The official code samples thresholds and refines them until the curve is fine enough; here the sweep is
 * exact: one curve point after each distinct score, computed by sorting every score once and counting down.
 */
public final class Spro {
    private Spro() {
    }

    /**
     * @param limits          FPR integration limits
     * @param areas           AU-sPRO per limit, normalised by the limit, in [0, 1]
     * @param curve           the curve for plotting (thinned, see {@code plotTolerance})
     * @param thresholds      number of distinct thresholds swept
     */
    public record Result(double[] limits, double[] areas, Curve curve, int thresholds) {
        /** AU-sPRO up to {@code limit}, which must be one of {@link #limits}. */
        public double area(double limit) {
            for (int i = 0; i < limits.length; i++) {
                if (limits[i] == limit) {
                    return areas[i];
                }
            }
            throw new IllegalArgumentException("no AU-sPRO computed up to " + limit + "; have " + Arrays.toString(limits));
        }
    }

    /**
     * @param okScores        scores of every pixel that lies in no defect region (at least one)
     * @param regionScores    for each region, the scores of its pixels (at least one region)
     * @param saturationAreas for each region, its saturation area (&gt; 0)
     * @param limits          FPR integration limits in (0, 1]
     * @param plotTolerance   thinning of the returned curve (0 keeps every point)
     */
    public static Result evaluate(float[] okScores, float[][] regionScores, double[] saturationAreas, double[] limits,
            double plotTolerance) {
        if (okScores.length == 0) {
            throw new IllegalArgumentException("no defect-free pixel: the false positive rate is undefined");
        }
        if (regionScores.length == 0) {
            throw new IllegalArgumentException("no defect region: sPRO is undefined");
        }
        if (regionScores.length != saturationAreas.length) {
            throw new IllegalArgumentException("one saturation area per region needed");
        }
        int[] ok = new int[okScores.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = SortKeys.key(okScores[i]);
        }
        Arrays.sort(ok);
        int total = 0;
        for (int r = 0; r < regionScores.length; r++) {
            if (!(saturationAreas[r] > 0)) {
                throw new IllegalArgumentException("saturation area of region " + r + " must be > 0");
            }
            total = Math.addExact(total, regionScores[r].length);
        }
        long[] inRegion = new long[total];
        int k = 0;
        for (int r = 0; r < regionScores.length; r++) {
            for (float s : regionScores[r]) {
                inRegion[k++] = SortKeys.pack(SortKeys.key(s), r);
            }
        }
        Arrays.sort(inRegion);

        int regions = regionScores.length;
        int[] tp = new int[regions];
        double saturatedSum = 0; // sum over regions of min(TP_r / s_r, 1)
        long fp = 0;
        double nOk = ok.length;
        CurveArea area = new CurveArea(limits);
        CurveSampler plot = new CurveSampler(plotTolerance);
        area.add(0, 0);
        plot.add(0, 0);
        int i = ok.length - 1;
        int j = inRegion.length - 1;
        int thresholds = 0;
        while (i >= 0 || j >= 0) {
            int next;
            if (i < 0) {
                next = SortKeys.keyOf(inRegion[j]);
            } else if (j < 0) {
                next = ok[i];
            } else {
                next = Math.max(ok[i], SortKeys.keyOf(inRegion[j]));
            }
            while (i >= 0 && ok[i] == next) {
                fp++;
                i--;
            }
            while (j >= 0 && SortKeys.keyOf(inRegion[j]) == next) {
                int r = SortKeys.payloadOf(inRegion[j]);
                int before = tp[r]++;
                double s = saturationAreas[r];
                saturatedSum += Math.min(tp[r] / s, 1.0) - Math.min(before / s, 1.0);
                j--;
            }
            thresholds++;
            double x = fp / nOk;
            double y = Math.min(1.0, saturatedSum / regions);
            area.add(x, y);
            plot.add(x, y);
        }
        double[] areas = new double[limits.length];
        for (int l = 0; l < limits.length; l++) {
            areas[l] = area.normalisedArea(l);
        }
        return new Result(limits.clone(), areas, plot.finish(), thresholds);
    }
}
