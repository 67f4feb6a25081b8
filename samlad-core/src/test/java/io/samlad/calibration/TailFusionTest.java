package io.samlad.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fusing measures by how rare their values are among normal images, on constructed normal distributions: the case
 * that fusing by the largest z gets wrong is a measure with a heavy normal tail beside one with a light tail.
 */
class TailFusionTest {
    @Test
    void withinTheSampleTheSurprisalIsTheShareOfNormalsAtOrAboveTheValue() {
        // 9 normals 1..9, tail fitted to the top 2 (u = 7): at the value 5, five of nine normals are >= 5.
        double[] normals = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        TailScale t = TailScale.fit(normals, 0.2, 2, 1e-3);
        assertThat(t.apply(5)).isCloseTo(-Math.log10(5 / 10.0), within(1e-12));
        assertThat(t.apply(7)).isCloseTo(-Math.log10(3 / 10.0), within(1e-12));
        // halfway between two sample values, halfway between their surprisals
        assertThat(t.apply(4.5)).isCloseTo(0.5 * (t.apply(4) + t.apply(5)), within(1e-12));
        // below every normal value the order is kept, towards 0
        assertThat(t.apply(0)).isLessThan(t.apply(1)).isPositive();
        assertThat(t.apply(-5)).isLessThan(t.apply(0)).isPositive();
    }

    @Test
    void theInverseGivesTheValueOfEachSurprisalInTheSampleBelowItAndInTheTail() {
        TailScale t = TailScale.fit(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 0.2, 2, 1e-3);
        for (double x : new double[] {-3, 0.5, 1, 4.5, 7, 12}) {
            assertThat(t.inverse(t.apply(x))).isCloseTo(x, within(1e-9));
        }
    }

    @Test
    void beyondTheTailStartAnExponentialTailWithTheExceedancesMeanExcessContinuesIt() {
        // top 2 exceed u = 7 by 1 and 2: beta = 1.5; P(X >= x) = P(X >= 7) exp(-(x - 7) / 1.5)
        double[] normals = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        TailScale t = TailScale.fit(normals, 0.2, 2, 1e-3);
        assertThat(t.beta()).isCloseTo(1.5, within(1e-12));
        assertThat(t.tailProbability(13)).isCloseTo(0.3 * Math.exp(-6 / 1.5), within(1e-12));
        assertThat(t.apply(100)).isGreaterThan(t.apply(50));
    }

    @Test
    void aMeasureConstantOnNormalsGetsTheFloorAsItsTailScale() {
        TailScale t = TailScale.fit(new double[] {0, 0, 0, 0, 0}, 0.2, 2, 0.25);
        assertThat(t.beta()).isEqualTo(0.25);
        double atZero = -Math.log10(5 / 6.0); // every normal is at or above 0: 5 of n + 1
        assertThat(t.apply(0)).isCloseTo(atZero, within(1e-12));
        assertThat(t.apply(1)).isCloseTo(atZero + 1 / (0.25 * Math.log(10)), within(1e-12));
    }

    /**
     * PATCH_BANK-like measure A: normal z values with a heavy (exponential, scale 2) tail, so normal images reach z
     * of 6 and more. IDENTITY-like measure B: light tail (scale 0.3). A normal image with A = 6 and an anomalous one
     * with B = 3 (A typical): fused by the largest z the normal image outranks the anomaly; fused by tail
     * probability the anomaly ranks far above it, since no normal image ever reaches B = 3 while one in twenty
     * reaches A = 6.
     */
    @Test
    void aHeavyNormalTailNoLongerDrownsALightTailedMeasuresSignal() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Map<Measure, Double>> normals = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Map<Measure, Double> z = new EnumMap<>(Measure.class);
            z.put(Measure.PATCH_BANK, -2.0 * Math.log(1 - rnd.nextDouble()));
            z.put(Measure.IDENTITY, -0.3 * Math.log(1 - rnd.nextDouble()));
            normals.add(z);
        }
        Map<Measure, TailScale> tails = TailFusion.perMeasure(normals, 0.2, 10, 0.25);
        Map<Measure, Double> normalOutlier = Map.of(Measure.PATCH_BANK, 6.0, Measure.IDENTITY, 0.3);
        Map<Measure, Double> anomaly = Map.of(Measure.PATCH_BANK, 1.0, Measure.IDENTITY, 3.0);

        assertThat(maxZ(anomaly)).isLessThan(maxZ(normalOutlier)); // the failure this fusion removes
        assertThat(maxSurprisal(anomaly, tails)).isGreaterThan(maxSurprisal(normalOutlier, tails) + 2);

        // Through a calibration: the image score combines the largest z with the Fisher sum of the tail
        // probabilities, each ranked among the normals; the anomaly now outranks the normal outlier.
        double[] maxZ = normals.stream().mapToDouble(TailFusionTest::maxZ).toArray();
        FusionScales perMeasure = new FusionScales(tails, UNIT, UNIT, null, FusionScales.Parts.BOTH, 1);
        double[] sums = normals.stream().mapToDouble(perMeasure::sumStatistic).toArray();
        FusionScales scales = new FusionScales(tails, TailScale.fit(maxZ, 0.2, 10, 0.25),
                TailFusion.fused(sums, 0.2, 10), null, FusionScales.Parts.BOTH, 0.5);
        Calibration c = Calibration.identity().withFusion(scales, 5.0);
        double anomalyScore = c.imageScore(maxZ(anomaly), anomaly);
        double outlierScore = c.imageScore(maxZ(normalOutlier), normalOutlier);
        assertThat(anomalyScore).isGreaterThan(outlierScore);
        // objects and the map keep the z scale, with their own threshold
        assertThat(c.objectThreshold()).isEqualTo(5.0);
        // the largest z alone (the fusion before) still gets it wrong on the same calibration
        Calibration before = Calibration.identity();
        assertThat(before.imageScore(maxZ(anomaly), anomaly)).isLessThan(
                before.imageScore(maxZ(normalOutlier), normalOutlier));
    }

    private static final TailScale UNIT = new TailScale(new double[] {0}, new double[] {0}, 1);

    @Test
    void withoutFusionScalesTheImageScoreIsTheLargestZAsBefore() {
        Calibration c = Calibration.identity().withThreshold(4, new double[0], null);
        assertThat(c.imageScore(3.5, Map.of(Measure.PATCH, 3.5))).isEqualTo(3.5);
        assertThat(c.objectThreshold()).isEqualTo(4);
    }

    /**
     * Identity by rarity in the maximum part ({@code identity.rarityScore}): four heavy-tailed patch-like measures and
     * a light-tailed IDENTITY-like one on 120 normals. An image whose IDENTITY is beyond every normal value while its
     * other measures are typical gains little from the Fisher sum (one surprisal among five) and nothing from the
     * largest z (its z is small beside the patch measures'); with IDENTITY's own surprisal competing for the maximum
     * part it ranks above every normal image, and it is the only change: a normal image scores as before wherever its
     * IDENTITY surprisal stays below its largest z's.
     */
    @Test
    void aMeasureInTheRarityMaximumCompetesWithTheLargestZByItsOwnSurprisal() {
        SplittableRandom rnd = new SplittableRandom(11);
        Measure[] heavy = {Measure.PATCH, Measure.PATCH_BANK, Measure.GAUSSIAN, Measure.GLOBAL};
        List<Map<Measure, Double>> normals = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Map<Measure, Double> z = new EnumMap<>(Measure.class);
            for (Measure m : heavy) {
                z.put(m, -2.0 * Math.log(1 - rnd.nextDouble()));
            }
            z.put(Measure.IDENTITY, -0.3 * Math.log(1 - rnd.nextDouble()));
            normals.add(z);
        }
        double identityMax = normals.stream().mapToDouble(z -> z.get(Measure.IDENTITY)).max().orElseThrow();
        Map<Measure, Double> anomaly = new EnumMap<>(Measure.class);
        for (Measure m : heavy) {
            anomaly.put(m, 2.0 * Math.log(2)); // each at its median
        }
        anomaly.put(Measure.IDENTITY, identityMax + 0.6);

        Map<Measure, TailScale> tails = TailFusion.perMeasure(normals, 0.2, 10, 0.25);
        double[] maxZ = normals.stream().mapToDouble(TailFusionTest::maxZ).toArray();
        FusionScales perMeasure = new FusionScales(tails, UNIT, UNIT, null, FusionScales.Parts.BOTH, 1);
        double[] sums = normals.stream().mapToDouble(perMeasure::sumStatistic).toArray();
        FusionScales plain = new FusionScales(tails, TailScale.fit(maxZ, 0.2, 10, 0.25),
                TailFusion.fused(sums, 0.2, 10), null, FusionScales.Parts.BOTH, 0.5);
        FusionScales rarity = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), java.util.Set.of(Measure.IDENTITY));

        assertThat(rarity.maximumStatistic(maxZ(anomaly), anomaly))
                .isCloseTo(tails.get(Measure.IDENTITY).apply(anomaly.get(Measure.IDENTITY)), within(1e-12))
                .isGreaterThan(plain.maximum().apply(maxZ(anomaly)));
        assertThat(beaten(plain, normals, anomaly)).as("normals above the anomaly without IDENTITY's rarity")
                .isGreaterThanOrEqualTo(6);
        assertThat(beaten(rarity, normals, anomaly)).as("normals above the anomaly with it").isZero();
        // without the measure in the image, or in banks that name none, the score is the plain one
        Map<Measure, Double> noIdentity = new EnumMap<>(anomaly);
        noIdentity.remove(Measure.IDENTITY);
        assertThat(rarity.combinedStatistic(maxZ(noIdentity), noIdentity))
                .isEqualTo(plain.combinedStatistic(maxZ(noIdentity), noIdentity));
        FusionScales older = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), null);
        assertThat(older.combinedStatistic(maxZ(anomaly), anomaly))
                .isEqualTo(plain.combinedStatistic(maxZ(anomaly), anomaly));
    }

    /**
     * A missing part found twice, by the matching (MISSING at its ceiling, which several normal images reach) and by
     * the reverse patch map (PATCH moderately high, as on many normals): neither z alone is rarer than the normals'
     * largest, but both together are, and with the flag on that joint surprisal competes for the maximum part. Off,
     * or with no pair, the score is the plain one.
     */
    @Test
    void aMissingObjectFoundTwiceCompetesWithTheLargestZByItsJointSurprisal() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Map<Measure, Double>> normals = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Map<Measure, Double> z = new EnumMap<>(Measure.class);
            z.put(Measure.PATCH, -1.5 * Math.log(1 - rnd.nextDouble()));
            z.put(Measure.PATCH_BANK, -1.5 * Math.log(1 - rnd.nextDouble()));
            // the matching leaves a normal part unmatched in about one image in eight, at its ceiling 4
            z.put(Measure.MISSING, rnd.nextDouble() < 0.125 ? 4.0 : 0.0);
            normals.add(z);
        }
        Map<Measure, Double> anomaly = new EnumMap<>(Measure.class);
        anomaly.put(Measure.PATCH, 2.5);
        anomaly.put(Measure.PATCH_BANK, 1.0);
        anomaly.put(Measure.MISSING, 4.0);
        List<MissingPair> found = List.of(new MissingPair(4.0, 2.5));

        Map<Measure, TailScale> tails = TailFusion.perMeasure(normals, 0.2, 10, 0.25);
        double[] maxZ = normals.stream().mapToDouble(TailFusionTest::maxZ).toArray();
        FusionScales perMeasure = new FusionScales(tails, UNIT, UNIT, null, FusionScales.Parts.BOTH, 1);
        double[] sums = normals.stream().mapToDouble(perMeasure::sumStatistic).toArray();
        FusionScales plain = new FusionScales(tails, TailScale.fit(maxZ, 0.2, 10, 0.25),
                TailFusion.fused(sums, 0.2, 10), null, FusionScales.Parts.BOTH, 0.5);
        FusionScales joint = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), java.util.Set.of(), true);

        double s = tails.get(Measure.MISSING).apply(4.0) + tails.get(Measure.PATCH).apply(2.5);
        assertThat(joint.jointSurprisal(found.get(0))).isCloseTo(s, within(1e-12));
        assertThat(joint.maximumStatistic(maxZ(anomaly), anomaly, found))
                .isCloseTo(Math.max(s, plain.maximum().apply(maxZ(anomaly))), within(1e-12))
                .isGreaterThan(plain.maximum().apply(maxZ(anomaly)));
        double plainScore = plain.combinedStatistic(maxZ(anomaly), anomaly);
        long above = normals.stream().filter(z -> plain.combinedStatistic(maxZ(z), z) >= plainScore).count();
        double jointScore = joint.combinedStatistic(maxZ(anomaly), anomaly, found);
        long aboveJoint = normals.stream().filter(z -> joint.combinedStatistic(maxZ(z), z, List.of()) >= jointScore)
                .count();
        assertThat(above).as("normals above the anomaly by the largest z and the sum").isGreaterThanOrEqualTo(3);
        assertThat(aboveJoint).as("normals above it with the joint surprisal").isLessThan(above);
        // off (banks written before it, gated banks), or an image without such a pair: the plain score
        assertThat(plain.combinedStatistic(maxZ(anomaly), anomaly, found)).isEqualTo(plainScore);
        assertThat(joint.combinedStatistic(maxZ(anomaly), anomaly, List.of())).isEqualTo(plainScore);
        assertThat(joint.withCombined(UNIT).corroboratedMaximum()).isTrue();
    }

    /**
     * The place's emptiness as a third tail probability ({@code fusion.emptyPlace}): fitted on the normal images'
     * largest emptiness (0 in every normal image but a few slightly empty ones), it adds to a pair's joint surprisal
     * where measured, lets a candidate that only the matching found join, and changes nothing where not measured or
     * not fitted (banks written before it).
     */
    @Test
    void anEmptyPlaceAddsItsOwnSurprisalToAMissingObjectsJointRarity() {
        Map<Measure, TailScale> tails = new EnumMap<>(Measure.class);
        SplittableRandom rnd = new SplittableRandom(9);
        double[] missing = new double[120];
        double[] patch = new double[120];
        double[] empty = new double[120];
        for (int i = 0; i < 120; i++) {
            missing[i] = rnd.nextDouble() < 0.125 ? 4.0 : 0.0;
            patch[i] = -1.5 * Math.log(1 - rnd.nextDouble());
            empty[i] = i < 3 ? 0.1 * (i + 1) : 0.0;
        }
        tails.put(Measure.MISSING, TailScale.fit(missing, 0.2, 10, 0.25));
        tails.put(Measure.PATCH, TailScale.fit(patch, 0.2, 10, 0.25));
        TailScale emptyScale = TailScale.fit(empty, 0.2, 10, 0.1);
        FusionScales without = new FusionScales(tails, UNIT, UNIT, null, FusionScales.Parts.BOTH, 0.5,
                java.util.Set.of(), java.util.Set.of(), true);
        FusionScales with = new FusionScales(tails, UNIT, UNIT, null, FusionScales.Parts.BOTH, 0.5,
                java.util.Set.of(), java.util.Set.of(), true, emptyScale);

        double both = tails.get(Measure.MISSING).apply(4.0) + tails.get(Measure.PATCH).apply(2.5);
        MissingPair gone = new MissingPair(4.0, 2.5, 0.9);
        assertThat(without.jointSurprisal(gone)).isCloseTo(both, within(1e-12));
        assertThat(with.jointSurprisal(gone)).isCloseTo(both + emptyScale.apply(0.9), within(1e-12))
                .isGreaterThan(both + 2); // emptier than any normal: far out
        // inked place: almost nothing added
        assertThat(with.jointSurprisal(new MissingPair(4.0, 2.5, 0.0)) - both).isLessThan(0.05);
        // found by the matching only: joins by its place where judged, not otherwise
        MissingPair matchingOnly = new MissingPair(4.0, Double.NEGATIVE_INFINITY, 0.9);
        assertThat(with.jointSurprisal(matchingOnly))
                .isCloseTo(tails.get(Measure.MISSING).apply(4.0) + emptyScale.apply(0.9), within(1e-12));
        assertThat(without.jointSurprisal(matchingOnly)).isZero();
        // not measured: as before
        assertThat(with.jointSurprisal(new MissingPair(4.0, 2.5))).isCloseTo(both, within(1e-12));
        assertThat(with.withCombined(UNIT).emptyPlace()).isSameAs(emptyScale);
    }

    /**
     * Two parts that changed places ({@code fusion.corroboratedSwapScore}): IDENTITY's normal tail is fitted on each
     * image's largest value, so the pair's rarer part alone is about as rare as the normals' odd digits, and its
     * partner, a plainly written digit, is not rare at all; the product of the two tail probabilities is rarer than
     * either, and with the flag on it competes for the maximum part. With the exchange's own tail ({@code
     * fusion.swapExchange}), how rarely normal images hold such an exchange joins as a third probability. Off, or
     * with no pair, the score is the plain one.
     */
    @Test
    void aSwappedPairCompetesWithTheLargestZByTheJointRarityOfItsTwoParts() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Map<Measure, Double>> normals = new ArrayList<>();
        double[] gains = new double[120];
        for (int i = 0; i < 120; i++) {
            Map<Measure, Double> z = new EnumMap<>(Measure.class);
            z.put(Measure.PATCH, -1.5 * Math.log(1 - rnd.nextDouble()));
            z.put(Measure.IDENTITY, -0.6 * Math.log(1 - rnd.nextDouble()));
            normals.add(z);
            // a normal image's parts hardly ever prefer each other's places
            gains[i] = i < 4 ? 0.02 * (i + 1) : 0.0;
        }
        Map<Measure, Double> anomaly = new EnumMap<>(Measure.class);
        anomaly.put(Measure.PATCH, 2.0);
        anomaly.put(Measure.IDENTITY, 2.2);
        List<SwapPair> swap = List.of(new SwapPair(2.2, 1.2, 0.4));

        Map<Measure, TailScale> tails = TailFusion.perMeasure(normals, 0.2, 10, 0.25);
        double[] maxZ = normals.stream().mapToDouble(TailFusionTest::maxZ).toArray();
        java.util.Set<Measure> rarity = java.util.Set.of(Measure.IDENTITY);
        FusionScales plain = identityRarityScales(normals, tails, maxZ, rarity);
        FusionScales joint = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), rarity, false, null, true, null);
        TailScale exchangeScale = TailScale.fit(gains, 0.2, 10, 0.1);
        FusionScales exchange = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), rarity, false, null, true, exchangeScale);

        TailScale id = tails.get(Measure.IDENTITY);
        double s = id.apply(2.2) + id.apply(1.2);
        assertThat(joint.swapSurprisal(swap.get(0))).isCloseTo(s, within(1e-12));
        double plainMax = plain.maximumStatistic(maxZ(anomaly), anomaly, List.of());
        assertThat(joint.maximumStatistic(maxZ(anomaly), anomaly, List.of(), swap))
                .isCloseTo(Math.max(s, plainMax), within(1e-12)).isGreaterThan(plainMax);
        double plainScore = plain.combinedStatistic(maxZ(anomaly), anomaly);
        long above = normals.stream().filter(z -> plain.combinedStatistic(maxZ(z), z) >= plainScore).count();
        double jointScore = joint.combinedStatistic(maxZ(anomaly), anomaly, List.of(), swap);
        long aboveJoint = normals.stream().filter(z -> joint.combinedStatistic(maxZ(z), z) >= jointScore).count();
        assertThat(above).as("normals above the swap by the largest z, IDENTITY's rarity and the sum")
                .isGreaterThanOrEqualTo(1);
        assertThat(aboveJoint).as("normals above it with the pair's joint surprisal").isLessThan(above);
        // the exchange's own rarity: beyond every normal's gain, it adds more than a whole surprisal unit
        assertThat(exchange.swapSurprisal(swap.get(0))).isCloseTo(s + exchangeScale.apply(0.4), within(1e-12))
                .isGreaterThan(s + 1);
        // off (banks written before it, gated banks), or an image without such a pair: the plain score
        assertThat(plain.combinedStatistic(maxZ(anomaly), anomaly, List.of(), swap)).isEqualTo(plainScore);
        assertThat(joint.combinedStatistic(maxZ(anomaly), anomaly, List.of(), List.of())).isEqualTo(plainScore);
        assertThat(exchange.withCombined(UNIT).swapMaximum()).isTrue();
        assertThat(exchange.withCombined(UNIT).swapExchange()).isSameAs(exchangeScale);
    }

    /**
     * A part turned over ({@code fusion.mirrorScore}): IDENTITY's normal tail is heavy (odd handwriting, pieces), so a
     * mirrored digit whose IDENTITY z is about the normals' odd ones is not rare by it; but normal images almost never
     * hold a part whose mirror image its place prefers, so the mirror share's own tail makes it rare. Off, or with no
     * mirror share, the score is the plain one; without {@code mirrorIdentity} the mirror rarity stands alone.
     */
    @Test
    void aPartTurnedOverCompetesWithTheLargestZByHowRarelyNormalsHoldSuchAMirrorShare() {
        SplittableRandom rnd = new SplittableRandom(12);
        List<Map<Measure, Double>> normals = new ArrayList<>();
        double[] shares = new double[120];
        for (int i = 0; i < 120; i++) {
            Map<Measure, Double> z = new EnumMap<>(Measure.class);
            z.put(Measure.PATCH, -1.5 * Math.log(1 - rnd.nextDouble()));
            z.put(Measure.IDENTITY, -1.2 * Math.log(1 - rnd.nextDouble()));
            normals.add(z);
            // a normal part's mirror image is hardly ever nearer to its place's examples
            shares[i] = i < 3 ? 0.03 * (i + 1) : 0.0;
        }
        Map<Measure, Double> anomaly = new EnumMap<>(Measure.class);
        anomaly.put(Measure.PATCH, 2.0);
        anomaly.put(Measure.IDENTITY, 3.0);
        List<MirrorPart> flipped = List.of(new MirrorPart(3.0, 0.4));

        Map<Measure, TailScale> tails = TailFusion.perMeasure(normals, 0.2, 10, 0.25);
        double[] maxZ = normals.stream().mapToDouble(TailFusionTest::maxZ).toArray();
        java.util.Set<Measure> rarity = java.util.Set.of(Measure.IDENTITY);
        FusionScales plain = identityRarityScales(normals, tails, maxZ, rarity);
        TailScale mirrorScale = TailScale.fit(shares, 0.2, 10, 0.1);
        FusionScales mirror = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), rarity, false, null, false, null, mirrorScale, true);
        FusionScales alone = new FusionScales(tails, plain.maximum(), plain.sum(), null, FusionScales.Parts.BOTH,
                0.5, java.util.Set.of(), rarity, false, null, false, null, mirrorScale, false);

        double s = tails.get(Measure.IDENTITY).apply(3.0) + mirrorScale.apply(0.4);
        assertThat(mirror.mirrorSurprisal(flipped.get(0))).isCloseTo(s, within(1e-12));
        assertThat(alone.mirrorSurprisal(flipped.get(0))).isCloseTo(mirrorScale.apply(0.4), within(1e-12));
        // a share past every normal one lies more than a whole surprisal unit beyond them
        assertThat(mirrorScale.apply(0.4)).isGreaterThan(mirrorScale.apply(0.09) + 1);
        double plainScore = plain.combinedStatistic(maxZ(anomaly), anomaly);
        long above = normals.stream().filter(z -> plain.combinedStatistic(maxZ(z), z) >= plainScore).count();
        double mirrorScore = mirror.combinedStatistic(maxZ(anomaly), anomaly, List.of(), List.of(), flipped);
        long aboveMirror = normals.stream().filter(z -> mirror.combinedStatistic(maxZ(z), z) >= mirrorScore).count();
        assertThat(above).as("normals above the flipped part by the largest z, IDENTITY's rarity and the sum")
                .isGreaterThanOrEqualTo(1);
        assertThat(aboveMirror).as("normals above it with its mirror rarity").isLessThan(above);
        // off (banks written before it, gated banks), or no part with mirror evidence: the plain score
        assertThat(plain.combinedStatistic(maxZ(anomaly), anomaly, List.of(), List.of(), flipped))
                .isEqualTo(plainScore);
        assertThat(mirror.combinedStatistic(maxZ(anomaly), anomaly, List.of(), List.of(), List.of()))
                .isEqualTo(plainScore);
        assertThat(mirror.mirrorSurprisal(new MirrorPart(3.0, 0.0))).isZero();
        assertThat(mirror.withCombined(UNIT).mirrorRarity()).isSameAs(mirrorScale);
        assertThat(mirror.withCombined(UNIT).mirrorIdentity()).isTrue();
    }

    private static long beaten(FusionScales s, List<Map<Measure, Double>> normals, Map<Measure, Double> image) {
        double own = s.combinedStatistic(maxZ(image), image);
        return normals.stream().filter(z -> s.combinedStatistic(maxZ(z), z) >= own).count();
    }

    private static double maxZ(Map<Measure, Double> z) {
        return z.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static double maxSurprisal(Map<Measure, Double> z, Map<Measure, TailScale> tails) {
        return z.entrySet().stream().mapToDouble(e -> tails.get(e.getKey()).apply(e.getValue())).max().orElseThrow();
    }

    /**
     * The scales a part's own rarity is added to: IDENTITY's rarity competes for the maximum part, the sum weighs
     * one half, and nothing else competes (no found-twice, swap or mirror evidence).
     */
    private static FusionScales identityRarityScales(List<Map<Measure, Double>> normals,
            Map<Measure, TailScale> tails, double[] maxZ, java.util.Set<Measure> rarity) {
        FusionScales perMeasure = new FusionScales(tails, UNIT, UNIT, null, FusionScales.Parts.BOTH, 1);
        double[] sums = normals.stream().mapToDouble(perMeasure::sumStatistic).toArray();
        return new FusionScales(tails, TailScale.fit(maxZ, 0.2, 10, 0.25), TailFusion.fused(sums, 0.2, 10), null,
                FusionScales.Parts.BOTH, 0.5, java.util.Set.of(), rarity, false);
    }
}
