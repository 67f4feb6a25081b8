package io.samlad.calibration;

import java.util.EnumMap;
import java.util.Map;

/**
 * What turns one image's calibrated measures into its image score when measures are fused by tail probability
 * (see {@code docs/method.md}, "Fusion"). Two statistics of the image, each ranked among normal images:
 * <ul>
 *   <li>{@code M}, the largest calibrated z (over the measures and the patch map): one measure far out;</li>
 *   <li>{@code F = sum_m s_m(z_m)}, the sum over measures of each one's surprisal {@code -log10 P(normal >= z_m)}
 *       (Fisher's combination of the per-measure tail probabilities, in log10 units): several measures unusual
 *       together, each weighted by how rare its value is among normals, whatever the shape of its normal tail.</li>
 * </ul>
 * Each becomes its own surprisal among normal images, {@code G_M(M)} and {@code G_F(F)}; their weighted sum (the
 * product {@code p_M p_F^w}, a weighted Fisher combination of the two tail probabilities) is ranked once more among
 * normal images: {@code score = G(G_M(M) + w G_F(F))}. The score is thus itself a surprisal: 2 means that about one
 * normal image in 100 scores as high.
 *
 * @param perMeasure per measure, the surprisal of its z ({@code s_m})
 * @param maximum    the surprisal of M ({@code G_M})
 * @param sum        the surprisal of F ({@code G_F})
 * @param combined   the surprisal of {@code G_M + w G_F} ({@code G}): the image score
 * @param parts      which statistics enter the score
 * @param sumWeight  w, the weight of the Fisher part, > 0
 * @param maximumOnly measures that enter M only, not F: a measure silent on most normal images and on most anomalies
 *                   (COMPOSITION, which sees one kind of rule) adds to F only its noise (null: none, as banks written
 *                   before it read)
 * @param rarityMaximum measures whose own surprisal {@code s_m(z_m)} competes with {@code G_M(M)} for the maximum
 *                   part: {@code max(G_M(M), max_{m in R} s_m(z_m)) + w G_F(F)}. A light-tailed measure (IDENTITY on
 *                   a bank whose places have an identity) whose z never reaches the patch measures' normal extremes
 *                   then weighs by how rare it is, as in its verdicts (null: none, as banks written before it read)
 * @param corroboratedMaximum a missing object found twice ({@link MissingPair}: by the matching and by the reverse
 *                   patch map) competes for the maximum part with its joint surprisal {@code s_MISSING(z_M) +
 *                   s_PATCH(z_P)}, the product of the two tail probabilities (false: not, as banks written before it
 *                   read)
 * @param emptyPlace the surprisal of a found-twice missing object's emptiness ({@link MissingPair#emptiness}), fitted
 *                   on the normal images' largest emptiness over their own found-twice candidates (0 where none):
 *                   it joins the pair's joint surprisal as a third tail probability (null: not, as banks written
 *                   before it read)
 * @param swapMaximum two parts that changed places ({@link SwapPair}) compete for the maximum part with their joint
 *                   surprisal {@code s_IDENTITY(z_a) + s_IDENTITY(z_b)} (false: not, as banks written before it read)
 * @param swapExchange the surprisal of a swapped pair's exchange gain ({@link SwapPair#gain}), fitted on the normal
 *                   images' largest gain over their own pairs (0 where none): it joins the pair's joint surprisal as a
 *                   third tail probability (null: not, as banks written before it read)
 * @param mirrorRarity the surprisal of a part's mirror share ({@link MirrorPart#share}), fitted on the normal images'
 *                   largest share over their parts: a part turned over competes for the maximum part by it ({@link
 *                   #mirrorSurprisal}; null: not, as banks written before it read)
 * @param mirrorIdentity with {@code mirrorRarity}, the part's IDENTITY surprisal joins its mirror rarity
 */
public record FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
        Parts parts, double sumWeight, java.util.Set<Measure> maximumOnly, java.util.Set<Measure> rarityMaximum,
        boolean corroboratedMaximum, TailScale emptyPlace, boolean swapMaximum, TailScale swapExchange,
        TailScale mirrorRarity, boolean mirrorIdentity) {

    /** Scales where no part turned over competes for the maximum part (as banks written before it). */
    public FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
            Parts parts, double sumWeight, java.util.Set<Measure> maximumOnly, java.util.Set<Measure> rarityMaximum,
            boolean corroboratedMaximum, TailScale emptyPlace, boolean swapMaximum, TailScale swapExchange) {
        this(perMeasure, maximum, sum, combined, parts, sumWeight, maximumOnly, rarityMaximum, corroboratedMaximum,
                emptyPlace, swapMaximum, swapExchange, null, false);
    }

    /** Scales where no swapped pair competes for the maximum part (as banks written before it). */
    public FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
            Parts parts, double sumWeight, java.util.Set<Measure> maximumOnly, java.util.Set<Measure> rarityMaximum,
            boolean corroboratedMaximum, TailScale emptyPlace) {
        this(perMeasure, maximum, sum, combined, parts, sumWeight, maximumOnly, rarityMaximum, corroboratedMaximum,
                emptyPlace, false, null);
    }

    /** Scales whose found-twice missing objects are not judged by their place (as banks written before it). */
    public FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
            Parts parts, double sumWeight, java.util.Set<Measure> maximumOnly, java.util.Set<Measure> rarityMaximum,
            boolean corroboratedMaximum) {
        this(perMeasure, maximum, sum, combined, parts, sumWeight, maximumOnly, rarityMaximum, corroboratedMaximum,
                null);
    }

    /** Scales where no found-twice missing object competes for the maximum part (as banks written before it). */
    public FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
            Parts parts, double sumWeight, java.util.Set<Measure> maximumOnly, java.util.Set<Measure> rarityMaximum) {
        this(perMeasure, maximum, sum, combined, parts, sumWeight, maximumOnly, rarityMaximum, false);
    }

    /** Scales where every measure enters both statistics. */
    public FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
            Parts parts, double sumWeight) {
        this(perMeasure, maximum, sum, combined, parts, sumWeight, java.util.Set.of(), java.util.Set.of());
    }

    /** Scales where no measure joins the maximum by its rarity. */
    public FusionScales(Map<Measure, TailScale> perMeasure, TailScale maximum, TailScale sum, TailScale combined,
            Parts parts, double sumWeight, java.util.Set<Measure> maximumOnly) {
        this(perMeasure, maximum, sum, combined, parts, sumWeight, maximumOnly, java.util.Set.of());
    }

    /** Which of the two statistics enter the score (both by default; one alone for ablations). */
    public enum Parts {
        /** The largest z and the Fisher sum. */
        BOTH,
        /** The largest z only (the image order of the fusion before, on a probability scale). */
        MAXIMUM,
        /** The Fisher sum of per-measure tail probabilities only. */
        SUM,
        /** The smallest per-measure tail probability (the largest surprisal) only. */
        MIN_P
    }

    public FusionScales {
        perMeasure = new EnumMap<>(perMeasure);
        maximumOnly = maximumOnly == null ? java.util.Set.of() : java.util.Set.copyOf(maximumOnly);
        rarityMaximum = rarityMaximum == null ? java.util.Set.of() : java.util.Set.copyOf(rarityMaximum);
        if (maximum == null || sum == null || parts == null || !(sumWeight > 0) || !Double.isFinite(sumWeight)) {
            throw new IllegalArgumentException("fusion scales need both statistics' scales, the parts and a weight");
        }
    }

    /** The per-measure surprisals of z values: {@code F} (or their maximum for {@link Parts#MIN_P}). */
    public double sumStatistic(Map<Measure, Double> z) {
        double sum = 0;
        double max = 0;
        for (Map.Entry<Measure, Double> e : z.entrySet()) {
            if (maximumOnly.contains(e.getKey())) {
                continue;
            }
            TailScale t = perMeasure.get(e.getKey());
            // a measure added after the bank was fitted has no scale: it counts each unit of z as a factor of 10
            double s = t == null ? Math.max(0, e.getValue()) : t.apply(e.getValue());
            sum += s;
            max = Math.max(max, s);
        }
        return parts == Parts.MIN_P ? max : sum;
    }

    /**
     * The maximum part: {@code G_M(M)}, or the largest of it and the surprisals {@code s_m(z_m)} of the measures in
     * {@link #rarityMaximum}.
     */
    public double maximumStatistic(double maxZ, Map<Measure, Double> z) {
        double g = maximum.apply(maxZ);
        for (Measure m : rarityMaximum) {
            Double v = z.get(m);
            TailScale t = perMeasure.get(m);
            if (v != null && t != null && Double.isFinite(v)) {
                g = Math.max(g, t.apply(v));
            }
        }
        return g;
    }

    /**
     * The maximum part with the image's missing objects found twice: {@link #maximumStatistic(double, Map)}, or,
     * with {@link #corroboratedMaximum}, the largest of it and each pair's joint surprisal.
     */
    public double maximumStatistic(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing) {
        double g = maximumStatistic(maxZ, z);
        if (corroboratedMaximum) {
            for (MissingPair p : missing) {
                g = Math.max(g, jointSurprisal(p));
            }
        }
        return g;
    }

    /**
     * The maximum part with the image's missing objects found twice and its swapped pairs: {@link
     * #maximumStatistic(double, Map, java.util.List)}, or, with {@link #swapMaximum}, the largest of it and each
     * pair's joint surprisal ({@link #swapSurprisal}).
     */
    public double maximumStatistic(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing,
            java.util.List<SwapPair> swaps) {
        double g = maximumStatistic(maxZ, z, missing);
        if (swapMaximum) {
            for (SwapPair p : swaps) {
                g = Math.max(g, swapSurprisal(p));
            }
        }
        return g;
    }

    /**
     * The maximum part with the image's missing objects found twice, its swapped pairs and its parts' mirror
     * evidence: the four-argument {@code maximumStatistic}, or, with {@link #mirrorRarity}, the largest of it and each
     * part's {@link #mirrorSurprisal}.
     */
    public double maximumStatistic(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing,
            java.util.List<SwapPair> swaps, java.util.List<MirrorPart> mirrors) {
        double g = maximumStatistic(maxZ, z, missing, swaps);
        if (mirrorRarity != null) {
            for (MirrorPart p : mirrors) {
                g = Math.max(g, mirrorSurprisal(p));
            }
        }
        return g;
    }

    /**
     * {@code s_MIRROR(share)}, plus with {@link #mirrorIdentity} {@code s_IDENTITY(z)}: how rarely normal images hold
     * a part whose mirror image their place's examples prefer by that share (a normal digit almost never has one,
     * while its IDENTITY tail is heavy with odd handwriting and pieces), and, were the two independent, as unusual at
     * its place besides. The IDENTITY z is read through IDENTITY's image tail (the largest over an image's parts), so
     * it is not overstated. 0 where the scale is missing or the share is not positive: a part with no mirror
     * evidence competes only through IDENTITY itself.
     */
    public double mirrorSurprisal(MirrorPart p) {
        if (mirrorRarity == null || !(p.share() > 0)) {
            return 0;
        }
        double s = mirrorRarity.apply(p.share());
        TailScale t = perMeasure.get(Measure.IDENTITY);
        if (mirrorIdentity && t != null && Double.isFinite(p.z())) {
            s += t.apply(p.z());
        }
        return s;
    }

    /**
     * {@code s_IDENTITY(z_a) + s_IDENTITY(z_b)}: how rarely normal images hold two parts as unusual at their places as
     * these two, were the two independent there. Each is read through the tail of the image's IDENTITY, the largest
     * over its parts, so neither part's rarity is overstated; the product stands for the pair because the exchange
     * (each nearer to the other's place) ties the two values to one cause. With {@link #swapExchange}, plus {@code
     * s_EXCHANGE(gain)}: how rarely a normal image holds two parts that prefer each other's places that much. 0 where
     * IDENTITY has no scale.
     */
    public double swapSurprisal(SwapPair p) {
        TailScale t = perMeasure.get(Measure.IDENTITY);
        if (t == null || !Double.isFinite(p.zFirst()) || !Double.isFinite(p.zSecond())) {
            return 0;
        }
        double exchange = swapExchange != null && Double.isFinite(p.gain()) ? swapExchange.apply(p.gain()) : 0;
        return t.apply(p.zFirst()) + t.apply(p.zSecond()) + exchange;
    }

    /**
     * {@code s_MISSING(z_M) + s_PATCH(z_P)}: how rarely normal images reach both values, were the two independent
     * there (a normal object that the matching leaves unmatched, cut otherwise than the reference's, has its strokes
     * in place, so its reverse map is cool). 0 where either measure has no scale. With {@link #emptyPlace} and a
     * measured emptiness {@code e}: {@code s_MISSING(z_M) + s_PATCH(z_P) + s_EMPTY(e)}, the PATCH term 0 where the
     * reverse map did not find the object lacking.
     */
    public double jointSurprisal(MissingPair p) {
        TailScale m = perMeasure.get(Measure.MISSING);
        TailScale q = perMeasure.get(Measure.PATCH);
        boolean judged = emptyPlace != null && Double.isFinite(p.emptiness());
        if (m == null || q == null || !Double.isFinite(p.zMissing()) || !(judged || Double.isFinite(p.zPatch()))) {
            return 0;
        }
        if (!judged) {
            return m.apply(p.zMissing()) + q.apply(p.zPatch());
        }
        // the place's emptiness: a normal digit cut otherwise than the reference's still has its ink there; the
        // reverse map's evidence where it found the object lacking too
        return m.apply(p.zMissing()) + (Double.isFinite(p.zPatch()) ? q.apply(p.zPatch()) : 0)
                + emptyPlace.apply(p.emptiness());
    }

    /** {@code G_M(M) + w G_F(F)}, or the one part asked for. */
    public double combinedStatistic(double maxZ, Map<Measure, Double> z) {
        return combinedStatistic(maxZ, z, java.util.List.of());
    }

    /** {@code G_M(M) + w G_F(F)} with the maximum part of {@link #maximumStatistic(double, Map, java.util.List)}. */
    public double combinedStatistic(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing) {
        return combinedStatistic(maxZ, z, missing, java.util.List.of());
    }

    /** {@code G_M(M) + w G_F(F)} with the maximum part of the four-argument {@code maximumStatistic}. */
    public double combinedStatistic(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing,
            java.util.List<SwapPair> swaps) {
        return combinedStatistic(maxZ, z, missing, swaps, java.util.List.of());
    }

    /** {@code G_M(M) + w G_F(F)} with the maximum part of the five-argument {@code maximumStatistic}. */
    public double combinedStatistic(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing,
            java.util.List<SwapPair> swaps, java.util.List<MirrorPart> mirrors) {
        return switch (parts) {
            case BOTH -> maximumStatistic(maxZ, z, missing, swaps, mirrors) + sumWeight * sum.apply(sumStatistic(z));
            case MAXIMUM -> maximumStatistic(maxZ, z, missing, swaps, mirrors);
            case SUM, MIN_P -> sum.apply(sumStatistic(z));
        };
    }

    /** The image score: the combined statistic's surprisal among normal images. */
    public double score(double maxZ, Map<Measure, Double> z) {
        return score(maxZ, z, java.util.List.of());
    }

    /** The image score with the image's missing objects found twice. */
    public double score(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing) {
        return score(maxZ, z, missing, java.util.List.of(), java.util.List.of());
    }

    /** The image score with the image's missing objects found twice, its swapped pairs and its parts turned over. */
    public double score(double maxZ, Map<Measure, Double> z, java.util.List<MissingPair> missing,
            java.util.List<SwapPair> swaps, java.util.List<MirrorPart> mirrors) {
        double c = combinedStatistic(maxZ, z, missing, swaps, mirrors);
        return combined == null ? c : combined.apply(c);
    }

    /** The same scales with the final one set. */
    public FusionScales withCombined(TailScale g) {
        return new FusionScales(perMeasure, maximum, sum, g, parts, sumWeight, maximumOnly, rarityMaximum,
                corroboratedMaximum, emptyPlace, swapMaximum, swapExchange, mirrorRarity, mirrorIdentity);
    }
}
