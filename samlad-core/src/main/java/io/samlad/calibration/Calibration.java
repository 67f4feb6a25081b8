package io.samlad.calibration;

import io.samlad.stats.Quantiles;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Per-measure normalisation learnt from normal images only: {@code z = (raw - location) / scale} with location the
 * median of the normals' raw values and scale their spread from median to 90th percentile (floored, so that a measure
 * that is almost constant on normals cannot blow up). After it, 0 is a typical normal image and 1 a rather unusual
 * one, for every measure alike. The image score is their maximum, or, with {@link FusionScales}, a combination of
 * that maximum with each measure's tail probability among normal images.
 *
 * @param location  per measure
 * @param scale     per measure, > 0
 * @param threshold decision threshold on the fused image score
 * @param normalScores the fused scores of the calibration images (kept for reports)
 * @param patchNoise   per-position spread of patch distances on normal images, or null where positions do not
 *                     correspond across images
 * @param bankNoise    the same for the bank-wide patch distances (PATCH_BANK), or null
 * @param promise      what false-positive rate the threshold promises, and how it was set; null before it is set
 * @param fusion       how the image score is made from the calibrated measures when they are fused by tail
 *                     probability; null where the image score is the largest z (the fusion before, and banks
 *                     written before it)
 * @param mapThreshold the threshold on the map's scale (calibrated z) that object verdicts and missing objects are
 *                     decided against; unused without {@code fusion} (the image threshold is on that scale then)
 */
public record Calibration(Map<Measure, Double> location, Map<Measure, Double> scale, double threshold,
        double[] normalScores, PatchNoise patchNoise, PatchNoise bankNoise, ThresholdPromise promise,
        FusionScales fusion, double mapThreshold) {

    public Calibration {
        location = new EnumMap<>(location);
        scale = new EnumMap<>(scale);
    }

    public Calibration(Map<Measure, Double> location, Map<Measure, Double> scale, double threshold,
            double[] normalScores, PatchNoise patchNoise, PatchNoise bankNoise, ThresholdPromise promise) {
        this(location, scale, threshold, normalScores, patchNoise, bankNoise, promise, null, 0);
    }

    /**
     * The threshold on the map's scale: what object verdicts, missing objects and the map are judged against. With
     * the largest z as image score it is the image threshold itself.
     */
    public double objectThreshold() {
        return fusion == null ? threshold : mapThreshold;
    }

    /**
     * The image score from the largest calibrated z over measures and patch map ({@code maxZ}) and each measure's
     * z: {@code maxZ} itself, or with tail-probability fusion the score of {@link FusionScales}.
     */
    public double imageScore(double maxZ, Map<Measure, Double> z) {
        return fusion == null ? maxZ : fusion.score(maxZ, z);
    }

    /**
     * The image score with the image's missing objects found twice, which compete for the fused score's maximum
     * part where {@link FusionScales#corroboratedMaximum} says so; else as {@link #imageScore(double, Map)}.
     */
    public double imageScore(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing) {
        return fusion == null ? maxZ : fusion.score(maxZ, z, missing);
    }

    /**
     * The image score with the image's missing objects found twice, its swapped pairs and its parts turned over
     * ({@link MirrorPart}), each competing for the fused score's maximum part where {@link FusionScales} says so.
     */
    public double imageScore(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing,
            java.util.List<SwapPair> swaps, java.util.List<MirrorPart> mirrors) {
        return fusion == null ? maxZ : fusion.score(maxZ, z, missing, swaps, mirrors);
    }

    /**
     * A value on the map's scale (calibrated z: a map cell, an object's score, the logical or structural part) as it
     * is reported: z itself, or with tail-probability fusion the surprisal among normal images of an image whose
     * largest z were this value ({@code G_M}), on the image score's scale but for this evidence alone.
     */
    public double reported(double z) {
        return fusion == null ? z : fusion.maximum().apply(z);
    }

    /**
     * Measure {@code m}'s z carried onto the map's scale by equal rarity: the largest z that normal images reach as
     * rarely as they reach this value of {@code m} ({@code G_M^-1(s_m(z))}). A light-tailed measure (IDENTITY) whose
     * z of 3 is rarer than any normal image then weighs on the map and in verdicts as a patch distance of that
     * rarity does. Without the tail-probability fusion, or for a measure it has no tail for: z itself.
     */
    public double onMapScale(Measure m, double z) {
        if (fusion == null || !fusion.perMeasure().containsKey(m)) {
            return z;
        }
        return fusion.maximum().inverse(fusion.perMeasure().get(m).apply(z));
    }

    /**
     * Two pieces of evidence about one thing (a missing object: the matching's MISSING z and the reverse patch map's
     * PATCH z inside it) carried onto the map's scale by their joint rarity: {@code G_M^-1(s_a(z_a) + s_b(z_b))}, the
     * largest z that normal images reach as rarely as the product of the two tail probabilities. Without the
     * tail-probability fusion, or for a measure it has no tail for: the larger z.
     */
    public double jointOnMapScale(Measure a, double za, Measure b, double zb) {
        if (fusion == null || !fusion.perMeasure().containsKey(a) || !fusion.perMeasure().containsKey(b)) {
            return Math.max(za, zb);
        }
        double s = fusion.perMeasure().get(a).apply(za) + fusion.perMeasure().get(b).apply(zb);
        return Math.max(Math.max(za, zb), fusion.maximum().inverse(s));
    }

    /** Each measure's z for the raw values of one image. */
    public Map<Measure, Double> zValues(Map<Measure, Double> raw) {
        Map<Measure, Double> z = new EnumMap<>(Measure.class);
        for (Map.Entry<Measure, Double> e : raw.entrySet()) {
            z.put(e.getKey(), z(e.getKey(), e.getValue()));
        }
        return z;
    }

    public double z(Measure m, double raw) {
        return (raw - location.getOrDefault(m, 0.0)) / scale.getOrDefault(m, 1.0);
    }

    /** Identity calibration (location 0, scale 1): used while collecting the raw values of calibration images. */
    public static Calibration identity() {
        EnumMap<Measure, Double> loc = new EnumMap<>(Measure.class);
        EnumMap<Measure, Double> sc = new EnumMap<>(Measure.class);
        for (Measure m : Measure.values()) {
            loc.put(m, 0.0);
            sc.put(m, 1.0);
        }
        return new Calibration(loc, sc, Double.POSITIVE_INFINITY, new double[0], null, null, null);
    }

    /**
     * Location and scale from raw values of normal images.
     *
     * @param raw        raw values per measure, one per calibration image
     * @param unitFloor  per measure, the smallest scale allowed
     */
    public static Calibration fit(Map<Measure, double[]> raw, Map<Measure, Double> unitFloor) {
        EnumMap<Measure, Double> loc = new EnumMap<>(Measure.class);
        EnumMap<Measure, Double> sc = new EnumMap<>(Measure.class);
        for (Map.Entry<Measure, double[]> e : raw.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            double median = Quantiles.ofSorted(v, 0.5);
            double spread = Quantiles.ofSorted(v, 0.9) - median;
            loc.put(e.getKey(), median);
            sc.put(e.getKey(), Math.max(spread, unitFloor.getOrDefault(e.getKey(), 1e-6)));
        }
        return new Calibration(loc, sc, Double.POSITIVE_INFINITY, new double[0], null, null, null);
    }

    public Calibration withThreshold(double threshold, double[] normalScores, ThresholdPromise promise) {
        return new Calibration(location, scale, threshold, normalScores.clone(), patchNoise, bankNoise, promise,
                fusion, mapThreshold);
    }

    public Calibration withPatchNoise(PatchNoise noise, PatchNoise bank) {
        return new Calibration(location, scale, threshold, normalScores, noise, bank, promise, fusion, mapThreshold);
    }

    /** The same statistics with tail-probability fusion, and the threshold on the map's scale. */
    public Calibration withFusion(FusionScales scales, double objectThreshold) {
        return new Calibration(location, scale, threshold, normalScores, patchNoise, bankNoise, promise, scales,
                objectThreshold);
    }
}
