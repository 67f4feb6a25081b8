package io.samlad.detector;

import io.samlad.bank.FeatureQuantizer;
import io.samlad.bank.Provenance;
import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.ThresholdCalibrator;
import io.samlad.calibration.ThresholdPromise;
import io.samlad.calibration.Measure;
import io.samlad.calibration.MissingPair;
import io.samlad.calibration.PatchNoise;
import io.samlad.calibration.FusionScales;
import io.samlad.calibration.TailFusion;
import io.samlad.calibration.TailScale;
import io.samlad.config.InnerLayout;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.features.ChannelProjection;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLimits;
import io.samlad.image.ImageLoader;
import io.samlad.image.RgbImage;
import io.samlad.measure.ColourComposition;
import io.samlad.measure.ColourPieces;
import io.samlad.measure.LayoutComparer;
import io.samlad.measure.PeerComparer;
import io.samlad.measure.RawMeasurement;
import io.samlad.measure.Scorer;
import io.samlad.measure.Scorers;
import io.samlad.measure.SearchRadius;
import io.samlad.objects.AppearanceDescriptor;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import io.samlad.objects.SceneObject;
import io.samlad.stats.Quantiles;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import io.samlad.util.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fits a template bank: analyses every normal image (in parallel), quantises the stored features, then calibrates
 * every measure on normal images that the bank does not contain (a separate calibration set, or leave-one-out on a
 * seeded subset of the training images) and sets the threshold.
 */
public final class BankFitter {
    /** Images per batched backbone call at fit time. */
    static final int FIT_BATCH = 8;

    private BankFitter() {
    }

    public static SamladDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ProgressListener progress, int threads) {
        return fit(pipeline, config, train, calibration, progress, threads, ImageLimits.defaults());
    }

    /** As above, reading images within {@code limits}. */
    public static SamladDetector fit(Pipeline pipeline, SamladConfig config, List<Path> train, List<Path> calibration,
            ProgressListener progress, int threads, ImageLimits limits) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("need at least 2 normal images to fit, got " + train.size());
        }
        Scorer scorer = Scorers.forConfig(config);
        // a wide backbone's projection is fitted first: every scene, bank and query alike, is analysed through it
        int workingShortSide = config.workingShortSide();
        Optional<ProjectionFitting.Fitted> projection = ProjectionFitting.fit(pipeline.features(), config,
                train.size(), i -> ImageLoader.read(train.get(i), limits).resizeShortSide(workingShortSide),
                threads);
        ChannelProjection projector = projection.map(ProjectionFitting.Fitted::projection).orElse(null);
        SceneAnalyzer analyzer = pipeline.analyzer(config, scorer.needsObjects(), projector);
        int[] looIndices = pickCalibration(train.size(), config);
        // Further training images, scored leave-one-out with the final statistics (so out of sample already), only
        // to give the threshold more normal scores than the statistics need.
        int[] extraIndices = pickExtra(train.size(), calibration.size(), config);
        int[] queried = Arrays.copyOf(looIndices, looIndices.length + extraIndices.length);
        System.arraycopy(extraIndices, 0, queried, looIndices.length, extraIndices.length);
        List<Scene> analysed = analyseTraining(analyzer, train, queried, progress, threads, limits);
        List<String> names = new ArrayList<>();
        for (Path p : train) {
            names.add(p.getFileName().toString());
        }
        TemplateBank bank = uncalibratedBank(pipeline.id(), config, analysed, names,
                provenance(train.size(), imageListHash(train), calibration.size(), looIndices.length,
                        extraIndices.length, config).withProjection(
                                projection.map(ProjectionFitting.Fitted::description).orElse(null)), projector);
        if (bank.config() != config) {
            config = bank.config();
            scorer = Scorers.forConfig(config);
        }

        // Statistics (per-position noise, each measure's location and scale) come from training images scored
        // leave-one-out against the rest of the bank, together with the held-out normal images when there are some:
        // the former are many, the latter show how images the bank has never seen score (test parts are such images).
        List<Scored> leaveOneOut = scoreLeaveOneOut(scorer, bank, analysed, looIndices, progress, threads);
        List<Scored> heldOut = scoreHeldOut(scorer, analyzer, bank, calibration, progress, threads, limits);
        List<Scored> extra = scoreLeaveOneOut(scorer, bank, analysed, extraIndices, progress, threads);
        Calibrated c = calibrated(bank, leaveOneOut, heldOut, extra);
        List<String> findings = TrainingChecks.fitted(train, calibration, bank, looIndices, c.looScores());
        return new SamladDetector(pipeline, c.bank().withProvenance(bank.provenance().withFindings(findings)));
    }

    /**
     * {@code config} with {@code neighbourhood} set to the search radius estimated on the bank
     * ({@link SearchRadius}), or {@code config} itself when the estimate is off or the bank too small to compare
     * images with their own nearest others.
     */
    static SamladConfig withEstimatedRadius(TemplateBank bank, SamladConfig config) {
        SamladConfig.Stability s = config.stability();
        if (s.searchRadiusMax() == 0 || bank.size() < config.references() + 2) {
            return config;
        }
        int[] sample = pickCalibration(bank.size(), config);
        sample = Arrays.copyOf(sample, Math.min(sample.length, s.searchRadiusImages()));
        int radius = SearchRadius.estimate(bank, sample, config).orElse(config.measuring().neighbourhood());
        return radius == config.measuring().neighbourhood() ? config
                : config.toBuilder().measuring(config.measuring().withNeighbourhood(radius)).build();
    }

    /**
     * {@code config} with IDENTITY's hole terms off ({@code identity.topologyWeight} and {@code fillWeight} 0, and the
     * places' spread, {@code placeSpread}) where
     * the bank's places have no reliable identity (place consistency below {@code identity.placeEvidenceConsistency}): the measure would not use
     * it there (IdentityComparer), and a query's objects then need no holes read (predict time).
     */
    static SamladConfig withTopologyGate(TemplateBank bank, SamladConfig config) {
        SamladConfig.Identity identity = config.identity();
        if (identity.topologyWeight() == 0 || identity.images() == 0
                || io.samlad.measure.IdentityComparer.placeConsistency(bank, identity)
                        >= identity.placeEvidenceConsistency()) {
            return config;
        }
        // the holes' fill is read with the topology: off with it; so are the places' spread, IDENTITY's own area
        // scale and the places' whole part (IdentityComparer would not use them there either)
        return config.toBuilder().identity(identity.withTopologyWeight(0).withFillWeight(0).withPlaceSpread(0)
                .withDeformationScale(0).withDeformationMirror(0).withAreaScale(0).withPartShare(0)).build();
    }

    /**
     * {@code scenes} with their objects' contrast images dropped where {@code config} (the fit's gated one) does not
     * weigh IDENTITY's deformation terms: only banks whose places have an identity store them (576 floats an object).
     */
    static List<Scene> withoutUnusedContrast(List<Scene> scenes, SamladConfig config) {
        if (config.identity().readsContrast()) {
            return scenes;
        }
        List<Scene> out = new ArrayList<>(scenes.size());
        boolean stripped = false;
        for (Scene scene : scenes) {
            boolean any = scene.objects().stream().anyMatch(o -> AppearanceDescriptor.hasContrast(o.appearance()));
            if (!any) {
                out.add(scene);
                continue;
            }
            stripped = true;
            List<SceneObject> objects = new ArrayList<>(scene.objects().size());
            for (SceneObject o : scene.objects()) {
                objects.add(new SceneObject(o.mask(), o.meanFeature(), o.covariance(),
                        AppearanceDescriptor.withoutContrast(o.appearance()), o.form()));
            }
            out.add(scene.withObjects(objects));
        }
        return stripped ? out : scenes;
    }

    /**
     * {@code config} with swapped pairs ({@code identity.swapPairs}) off where the bank's places have no reliable
     * identity (place consistency below {@code identity.placeEvidenceConsistency}: the synthetic categories,
     * juice_bottle): verdicts there stay object by object, and predict costs what it did. The rules that speak with
     * swapped pairs (unseeded swaps, {@code identity.swapGain}; one object per wrong part, {@code identity.partsAsOne})
     * are silenced with them.
     */
    static SamladConfig withSwapGate(TemplateBank bank, SamladConfig config) {
        SamladConfig.Identity identity = config.identity();
        if (!identity.swapPairs() || identity.images() > 0
                && io.samlad.measure.IdentityComparer.placeConsistency(bank, identity)
                        >= identity.placeEvidenceConsistency()) {
            return config;
        }
        return config.toBuilder().identity(identity.withSwapPairs(false)).build();
    }

    /**
     * {@code config} with the peer measures off where fewer than {@code peers.minShare} of the bank's normal images
     * hold objects of one kind to compare ({@link PeerComparer#judgedShare}): there the measures would only add noise,
     * and a query's objects then need no pixel forms.
     */
    static SamladConfig withPeerGate(TemplateBank bank, SamladConfig config) {
        SamladConfig.Peers peers = config.peers();
        if (!peers.on()) {
            return config;
        }
        if (peers.minShare() <= 0 || PeerComparer.judgedShare(bank.scenes(), peers) >= peers.minShare()) {
            // in-image kinds (pin_grid): judged against each other only, as before place peers existed
            return peers.placeRadius() == 0 ? config : config.toBuilder().peers(peers.withPlaceRadius(0)).build();
        }
        if (peers.byPlace() && PeerComparer.placeJudgedShare(bank.scenes(), peers, PLACE_GATE_IMAGES)
                >= peers.minShare()) {
            // no in-image kinds, but parts that keep their place: their outlines are judged against the same place's
            // objects (PEER_SHAPE; sizes follow the segmentation's cut there, PeerComparer); lost parts are found by
            // in-image kinds, which there are none of, and so is PEER_SPACING
            return config.toBuilder().peers(peers.withLoose(false).withSize(false).withSpacing(false)).build();
        }
        return config.toBuilder().peers(peers.withMinPeers(0)).build();
    }

    /** Other bank images each bank image is compared with when the peer gate asks whether places hold one kind. */
    static final int PLACE_GATE_IMAGES = 16;

    /**
     * {@code config} with the PIECES statistics fitted on the normal images' colour lattices ({@link ColourPieces#fit}:
     * which of the bank's colours form an agreed number of pieces, which form pairs of one size); the measure is off
     * where none does, and where it is not asked for, the bank has no colours or an image no lattice.
     */
    static SamladConfig withPieces(TemplateBank bank, List<Scene> analysed, SamladConfig config) {
        SamladConfig.Colours colours = config.colours();
        SamladConfig.Pieces pieces = colours.pieces();
        if (!pieces.asked() || !ColourComposition.applies(bank, colours)) {
            return config;
        }
        List<io.samlad.objects.ColourLattice> lattices = new ArrayList<>(analysed.size());
        for (Scene s : analysed) {
            if (s.lattice() == null) {
                return config;
            }
            lattices.add(s.lattice());
        }
        ColourComposition.Model model = ColourComposition.model(bank, colours);
        SamladConfig.Pieces fitted = ColourPieces.fit(lattices, model.means(), pieces);
        return config.toBuilder().colours(colours.withPieces(fitted)).build();
    }

    /**
     * {@code config} with the LAYOUT places fitted on the normal images ({@link LayoutComparer#fit}: boxes that keep
     * their place, judged where the normal images agree on what lies where inside them); unchanged where the measure
     * is not asked for or was fitted already.
     */
    static SamladConfig withLayout(List<Scene> analysed, SamladConfig config) {
        InnerLayout layout = config.layout();
        if (!layout.asked() || layout.fitted()) {
            return config;
        }
        return config.toBuilder().layout(LayoutComparer.fit(analysed, layout)).build();
    }

    /** A calibrated bank and the image scores of its leave-one-out images (for the training checks). */
    private record Calibrated(TemplateBank bank, double[] looScores) {
    }

    private static Calibrated calibrated(TemplateBank bank, List<Scored> leaveOneOut, List<Scored> heldOut,
            List<Scored> extra) {
        SamladConfig config = bank.config();
        List<Scored> statistics = new ArrayList<>(leaveOneOut);
        statistics.addAll(heldOut);
        Calibration cal = calibrateOn(statistics, config);

        // The threshold is set on image scores exactly as predict() gives them, but each computed with statistics
        // fitted without that image's fold: in-sample scores come out low (an image's own outlier widens the spread
        // it is divided by), and a threshold set on them flags far more unseen normal parts than it promises.
        // The further images are scored with the final statistics, which never saw them.
        List<RawMeasurement> raws = statistics.stream().map(Scored::raw).toList();
        int k = folds(config, statistics.size());
        List<Calibration> foldStats = CrossFitting.foldStatistics(raws, k,
                part -> calibrateOn(part.stream().map(r -> new Scored(null, r)).toList(), config));
        // further images beyond thresholding.images: scored below with the final statistics and fusion, for the
        // image threshold alone
        int fusionExtra = fusionExtraCount(extra.size(), statistics.size(), config);
        List<Scored> thresholdOnly = extra.subList(fusionExtra, extra.size());
        List<Scored> normals = new ArrayList<>(statistics);
        normals.addAll(extra.subList(0, fusionExtra));
        List<Calibration> statsOf = new ArrayList<>();
        int[] foldOf = new int[normals.size()];
        for (int i = 0; i < normals.size(); i++) {
            boolean crossFitted = i < statistics.size();
            foldOf[i] = CrossFitting.fold(crossFitted ? i : i - statistics.size(), k);
            statsOf.add(crossFitted ? foldStats.get(foldOf[i]) : cal);
        }

        // The largest z of each normal image, as predict() gives it: the image score of the fusion before, and the
        // scale that objects and the map are judged on.
        double[] maxZ = new double[normals.size()];
        // and the missing objects each finds twice, in its fold's z (fusion.corroboratedScore)
        List<List<MissingPair>> corroborated = new ArrayList<>();
        // and its parts that look exchanged, likewise (fusion.corroboratedSwapScore)
        List<SwappedPairs.Exchanges> swaps = new ArrayList<>();
        // and its parts' mirror shares, likewise (fusion.mirrorScore)
        List<MirrorRarity.Mirrors> mirrors = new ArrayList<>();
        for (int i = 0; i < normals.size(); i++) {
            PredictionAssembler.Assembled a = assembled(normals.get(i), bank, statsOf.get(i));
            maxZ[i] = a.prediction().score();
            corroborated.add(a.corroborated());
            swaps.add(a.swaps());
            mirrors.add(a.mirrors());
        }
        ThresholdCalibrator.Result t = threshold(maxZ, config);
        Calibration fin = cal;
        double[] scores = maxZ;
        SamladConfig.Fusion fusion = config.fusion();
        if (fusion.method() == SamladConfig.Fusion.Method.TAIL_PROBABILITY) {
            double mapThreshold = t.threshold();
            TailFused tf = tailFused(normals, statsOf, foldOf, k, maxZ, fusion,
                    maximumOnly(config),
                    rarityMaximum(bank, config,
                            normals.stream().anyMatch(s -> s.raw().values().containsKey(Measure.COLOURS)),
                            !normals.isEmpty() && normals.get(0).raw().values().containsKey(Measure.LAYOUT_JOINT)),
                    corroboratedByRarity(bank, config) ? corroborated : null,
                    swapsByRarity(bank, config) ? swaps : null,
                    MirrorRarity.speaks(bank, config) ? mirrors : null);
            scores = tf.scores();
            t = threshold(scores, config);
            fin = cal.withFusion(tf.scales(), mapThreshold);
        }
        if (!thresholdOnly.isEmpty()) {
            // Out of sample as a query is: left out of the bank, of the statistics and of the fusion's tails. Their
            // scores change no score; they only tighten the image threshold's guarantee (n grows).
            double[] more = new double[scores.length + thresholdOnly.size()];
            System.arraycopy(scores, 0, more, 0, scores.length);
            for (int i = 0; i < thresholdOnly.size(); i++) {
                more[scores.length + i] = furtherScore(thresholdOnly.get(i), bank, fin);
            }
            scores = more;
            t = threshold(scores, config);
        }
        TemplateBank calibrated = bank.withCalibration(fin);
        // the sanity checks read the training images' own leave-one-out scores
        double[] looScores = normalScores(leaveOneOut, calibrated);
        return new Calibrated(bank.withCalibration(fin.withThreshold(t.threshold(), scores, t.promise())), looScores);
    }

    /**
     * The measures whose own surprisal joins the maximum part of the fused score: IDENTITY where its places are
     * recognised ({@link #identityByRarity}); PIECES where {@code pieces.rarityScore} asks for it, the fit judges a
     * colour and COLOURS speaks ({@code coloursSpeak}: the bank's colours relate across the image, its chimera gate;
     * connector_cable, not compartment_box, whose unseen good images split a colour more often than its bank's do:
     * docs/method.md, "PIECES by its rarity"); LAYOUT_JOINT (and LAYOUT where {@code layout.rarity} is BOTH) where
     * the normal images were measured with LAYOUT_JOINT (its gates passed) and {@code layout.rarity} asks for it.
     */
    static java.util.Set<Measure> rarityMaximum(TemplateBank bank, SamladConfig config, boolean coloursSpeak,
            boolean layoutJointMeasured) {
        java.util.EnumSet<Measure> out = java.util.EnumSet.noneOf(Measure.class);
        if (identityByRarity(bank, config)) {
            out.add(Measure.IDENTITY);
        }
        if (config.colours().pieces().rarityScore() && config.colours().pieces().on() && coloursSpeak) {
            out.add(Measure.PIECES);
        }
        if (layoutJointMeasured && config.layout().rarity() != InnerLayout.Rarity.NONE) {
            // where the layouts' relation is judged (LAYOUT_JOINT taken): LAYOUT_JOINT, and LAYOUT where asked
            out.add(Measure.LAYOUT_JOINT);
            if (config.layout().rarity() == InnerLayout.Rarity.BOTH) {
                out.add(Measure.LAYOUT);
            }
        }
        return out;
    }

    /**
     * Whether IDENTITY's own surprisal joins the maximum part of the fused score ({@code identity.rarityScore}): only
     * in banks whose places have an identity that their normal objects recognise reliably (DigitAnatomy 0.91; the
     * synthetic bottle and compartment_box, 0.60 to 0.64, whose identity distances are mostly segmentation noise).
     */
    static boolean identityByRarity(TemplateBank bank, SamladConfig config) {
        return placesRecognised(bank, config, config.identity().rarityScore());
    }

    /**
     * Whether a missing object found twice competes for the fused score's maximum part with its joint surprisal
     * ({@code fusion.corroboratedScore}): only in banks whose objects stand at places of their own, by the place
     * consistency IDENTITY's gates read (DigitAnatomy 0.91; the synthetic categories and juice_bottle 0.32 to 0.64).
     */
    static boolean corroboratedByRarity(TemplateBank bank, SamladConfig config) {
        return placesRecognised(bank, config, config.fusion().corroboratedScore());
    }

    /**
     * Whether two parts that look exchanged compete for the fused score's maximum part with their joint surprisal
     * ({@code fusion.corroboratedSwapScore}): only in banks whose places have an identity, by the place consistency
     * IDENTITY's gates read (DigitAnatomy 0.91; the synthetic categories and juice_bottle 0.32 to 0.64).
     */
    static boolean swapsByRarity(TemplateBank bank, SamladConfig config) {
        return placesRecognised(bank, config, config.fusion().corroboratedSwapScore());
    }

    /** Whether {@code gate} is on (above 0) and the bank's places are recognised at least that often. */
    private static boolean placesRecognised(TemplateBank bank, SamladConfig config, double gate) {
        return gate > 0 && config.identity().images() > 0
                && io.samlad.measure.IdentityComparer.placeConsistency(bank, config.identity()) >= gate;
    }

    /** The measures that enter the fusion's largest z only, not its Fisher sum (each one's {@code inSum} false). */
    static java.util.Set<Measure> maximumOnly(SamladConfig config) {
        java.util.EnumSet<Measure> out = java.util.EnumSet.noneOf(Measure.class);
        if (!config.composition().inSum()) {
            out.add(Measure.COMPOSITION);
        }
        if (!config.colours().inSum()) {
            out.add(Measure.COLOURS);
        }
        if (!config.layout().jointInSum()) {
            out.add(Measure.LAYOUT_JOINT);
        }
        if (!config.peers().inSum()) {
            out.add(Measure.PEER_SIZE);
            out.add(Measure.PEER_SHAPE);
            out.add(Measure.PEER_SPACING);
        }
        return out;
    }

    /** Tail-probability fusion fitted on normal images: its scales, and the normal images' out-of-sample scores. */
    private record TailFused(FusionScales scales, double[] scores) {
    }

    /**
     * Fits the scales of {@link FusionScales} on the normal images' out-of-sample z values and largest z, and scores
     * each normal image with scales fitted without its fold (as a new image is scored with scales that never saw it).
     */
    private static TailFused tailFused(List<Scored> normals, List<Calibration> statsOf, int[] foldOf, int k,
            double[] maxZ, SamladConfig.Fusion fusion, java.util.Set<Measure> maximumOnly,
            java.util.Set<Measure> rarityMaximum, List<List<MissingPair>> corroborated,
            List<SwappedPairs.Exchanges> swaps, List<MirrorRarity.Mirrors> mirrors) {
        boolean joint = corroborated != null;
        // each normal image's largest mirror share (fusion.mirrorScore; 0 where no part has one)
        double[] mirrorShare = mirrors == null ? null : mirrors.stream()
                .mapToDouble(MirrorRarity.Mirrors::largestShare).toArray();
        boolean swapped = swaps != null;
        // each normal image's largest exchange gain (fusion.swapExchange; 0 where it has no pair)
        double[] exchange = swapped && fusion.swapExchange() ? swaps.stream()
                .mapToDouble(SwappedPairs.Exchanges::largestGain).toArray() : null;
        // each normal image's emptiest found-twice candidate (fusion.emptyPlace; 0 where it has none)
        double[] empty = joint && fusion.emptyPlace() ? largestEmptiness(corroborated) : null;
        FusionScales.Parts parts = FusionScales.Parts.valueOf(fusion.parts().name());
        int n = normals.size();
        List<Map<Measure, Double>> z = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawMeasurement r = normals.get(i).raw().withPatchNoise(statsOf.get(i).patchNoise(),
                    statsOf.get(i).bankNoise());
            z.add(statsOf.get(i).zValues(r.values()));
        }
        boolean foldOut = fusion.foldOutTails() && k > 1;
        // per fold: scales fitted on the other folds' images (all images when not folding out)
        FusionScales[] foldScales = new FusionScales[k];
        double[] sumStat = new double[n];
        for (int f = 0; f < k; f++) {
            int left = foldOut ? f : -1;
            FusionScales perMeasure = new FusionScales(tails(z, foldOf, left, fusion), UNUSED, UNUSED, null, parts, 1,
                    maximumOnly);
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == f) {
                    sumStat[i] = perMeasure.sumStatistic(z.get(i));
                }
            }
            foldScales[f] = perMeasure;
        }
        double[] combined = new double[n];
        for (int f = 0; f < k; f++) {
            int left = foldOut ? f : -1;
            FusionScales s = new FusionScales(foldScales[f].perMeasure(),
                    TailScale.fit(except(maxZ, foldOf, left), fusion.tailShare(), fusion.tailPoints(),
                            fusion.tailScaleFloor()),
                    TailFusion.fused(except(sumStat, foldOf, left), fusion.tailShare(), fusion.tailPoints()), null,
                    parts, fusion.sumWeight(), maximumOnly, rarityMaximum, joint,
                    empty == null ? null : shareScale(except(empty, foldOf, left), fusion), swapped,
                    exchange == null ? null : shareScale(except(exchange, foldOf, left), fusion),
                    mirrorShare == null ? null : shareScale(except(mirrorShare, foldOf, left), fusion),
                    fusion.mirrorIdentity());
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == f) {
                    combined[i] = s.combinedStatistic(maxZ[i], z.get(i),
                            joint ? corroborated.get(i) : List.of(), swapped ? swaps.get(i).pairs() : List.of(),
                            mirrors != null ? mirrors.get(i).parts() : List.of());
                }
            }
        }
        TailScale g = TailFusion.fused(combined, fusion.tailShare(), fusion.tailPoints());
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = g.apply(combined[i]);
        }
        // the scales a new image is scored with: fitted on every normal image
        Map<Measure, TailScale> allTails = tails(z, foldOf, -1, fusion);
        FusionScales all = new FusionScales(allTails,
                TailScale.fit(maxZ, fusion.tailShare(), fusion.tailPoints(), fusion.tailScaleFloor()),
                TailFusion.fused(sumStatistics(z, allTails, parts, maximumOnly), fusion.tailShare(),
                        fusion.tailPoints()), g, parts, fusion.sumWeight(), maximumOnly, rarityMaximum, joint,
                empty == null ? null : shareScale(empty, fusion), swapped,
                exchange == null ? null : shareScale(exchange, fusion),
                mirrorShare == null ? null : shareScale(mirrorShare, fusion), fusion.mirrorIdentity());
        return new TailFused(all, scores);
    }

    /**
     * Per normal image, the largest {@link MissingPair#emptiness} over its found-twice candidates: 0 where it has
     * none or none was measured (a normal image without such a candidate cannot be surprising by its place).
     */
    static double[] largestEmptiness(List<List<MissingPair>> corroborated) {
        double[] out = new double[corroborated.size()];
        for (int i = 0; i < out.length; i++) {
            for (MissingPair p : corroborated.get(i)) {
                if (Double.isFinite(p.emptiness())) {
                    out[i] = Math.max(out[i], p.emptiness());
                }
            }
        }
        return out;
    }

    /**
     * The tail of the normal images' largest value of a share in [0, 1] (a found-twice candidate's emptiness, an
     * exchange gain, a mirror share), with the fusion's tail share and points, floored at {@link #EMPTY_FLOOR}: where
     * no normal image holds any, a share of 1 lies 4.3 surprisal units past them, not arbitrarily far.
     */
    private static TailScale shareScale(double[] shares, SamladConfig.Fusion fusion) {
        return TailScale.fit(shares, fusion.tailShare(), fusion.tailPoints(), EMPTY_FLOOR);
    }

    /**
     * The smallest tail scale of the emptiness (a share in [0, 1]): where the normals' candidates are all full of ink,
     * a wholly empty place (1) lies 1 / (0.1 ln 10) ≈ 4.3 surprisal units past their largest, not arbitrarily far.
     */
    static final double EMPTY_FLOOR = 0.1;

    /** A placeholder scale for statistics not yet fitted. */
    private static final TailScale UNUSED = new TailScale(new double[] {0}, new double[] {0}, 1);

    private static double[] sumStatistics(List<Map<Measure, Double>> z, Map<Measure, TailScale> tails,
            FusionScales.Parts parts, java.util.Set<Measure> maximumOnly) {
        FusionScales s = new FusionScales(tails, UNUSED, UNUSED, null, parts, 1, maximumOnly);
        return z.stream().mapToDouble(s::sumStatistic).toArray();
    }

    /** The values outside fold {@code leftOut} (all of them for -1). */
    private static double[] except(double[] v, int[] foldOf, int leftOut) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> foldOf[i] != leftOut).mapToDouble(i -> v[i])
                .toArray();
    }

    /** The image score predict() gives a normal image with the final calibration {@code fin} (fusion included). */
    private static double furtherScore(Scored image, TemplateBank bank, Calibration fin) {
        return imageScore(image, bank, fin);
    }

    /** The image score predict() gives a normal image with calibration {@code c}. */
    private static double imageScore(Scored image, TemplateBank bank, Calibration c) {
        return assembled(image, bank, c).prediction().score();
    }

    /** What predict() assembles for a normal image with calibration {@code c}. */
    private static PredictionAssembler.Assembled assembled(Scored image, TemplateBank bank, Calibration c) {
        Scene sc = image.scene();
        RawMeasurement r = image.raw().withPatchNoise(c.patchNoise(), c.bankNoise());
        return PredictionAssembler.assembled(sc.width(), sc.height(), sc, r, bank.withCalibration(c), c,
                new StageTimings());
    }

    /** Tail scales fitted on the z values of the images outside fold {@code leftOut} (all when foldOf is null). */
    private static Map<Measure, TailScale> tails(List<Map<Measure, Double>> z, int[] foldOf, int leftOut,
            SamladConfig.Fusion fusion) {
        List<Map<Measure, Double>> kept = new ArrayList<>();
        for (int i = 0; i < z.size(); i++) {
            if (foldOf == null || foldOf[i] != leftOut) {
                kept.add(z.get(i));
            }
        }
        return TailFusion.perMeasure(kept, fusion.tailShare(), fusion.tailPoints(), fusion.tailScaleFloor());
    }

    /** Folds of the cross-fitted threshold scores, never more than there are images to split. */
    private static int folds(SamladConfig config, int statisticsImages) {
        return CrossFitting.folds(config.thresholding().calibrationFolds(), statisticsImages);
    }

    /** The threshold on out-of-sample normal scores: the promised rate, or a plain quantile when one is set. */
    private static ThresholdCalibrator.Result threshold(double[] normalScores, SamladConfig config) {
        double q = config.measuring().thresholdQuantile();
        if (q > 0) {
            double[] sorted = normalScores.clone();
            Arrays.sort(sorted);
            return new ThresholdCalibrator.Result(Quantiles.ofSorted(sorted, q), new ThresholdPromise(Double.NaN,
                    Double.NaN, Double.NaN, sorted.length, 0,
                    "the " + q + " quantile of " + sorted.length + " normal scores, no guarantee"));
        }
        return ThresholdCalibrator.calibrate(normalScores, config.thresholding().targetFalsePositiveRate(),
                config.thresholding().confidence());
    }

    // The steps below are fit() cut at its per-image work, public so that a distributed fitter (samlad-spark) runs
    // exactly this code on its workers and driver, and so writes the bank fit() writes.

    /** Indices of the training images in groups of {@value #FIT_BATCH}, each analysed in one batched call. */
    public static List<List<Integer>> chunks(int imageCount) {
        List<List<Integer>> chunks = new ArrayList<>();
        for (int start = 0; start < imageCount; start += FIT_BATCH) {
            List<Integer> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(imageCount, start + FIT_BATCH); i++) {
                chunk.add(i);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * Analyses one chunk of training images ({@code chunk} holds their indices); only the leave-one-out images
     * ({@code keepFine[index]}) keep their fine features.
     */
    public static List<Scene> analyseChunk(SceneAnalyzer analyzer, List<RgbImage> images, List<Integer> chunk,
            boolean[] keepFine) {
        List<Scene> scenes = analyzer.analyzeAll(images, new StageTimings());
        List<Scene> kept = new ArrayList<>();
        for (int k = 0; k < chunk.size(); k++) {
            kept.add(keepFine[chunk.get(k)] ? scenes.get(k) : scenes.get(k).withoutFine());
        }
        return kept;
    }

    /**
     * The bank of the analysed training images, features quantised as stored, not yet calibrated: what the
     * leave-one-out and held-out images are scored against.
     */
    public static TemplateBank uncalibratedBank(String pipelineId, SamladConfig config, List<Scene> analysed,
            List<String> names, Provenance provenance) {
        return uncalibratedBank(pipelineId, config, analysed, names, provenance, null);
    }

    /** As above, for scenes analysed through {@code projection} (from {@link ProjectionFitting}; null for none). */
    public static TemplateBank uncalibratedBank(String pipelineId, SamladConfig config, List<Scene> analysed,
            List<String> names, Provenance provenance, ChannelProjection projection) {
        List<Scene> stored = FeatureQuantizer.fit(analysed).roundTrip(analysed);
        TemplateBank bank = new TemplateBank(config, pipelineId, stored, names, Calibration.identity(), provenance,
                projection);
        // The patch search radius this category's pose jitter needs, measured on the bank itself: the bank keeps it
        // as its configuration's neighbourhood, so scoring (calibration and predict alike) searches that far.
        SamladConfig jitterAware = withLayout(analysed, withSwapGate(bank, withTopologyGate(bank,
                withPieces(bank, analysed, withPeerGate(bank, withEstimatedRadius(bank, config))))));
        if (jitterAware == config) {
            return bank;
        }
        // the objects' contrast images only where the deformation term reads them (the gate above)
        List<Scene> kept = withoutUnusedContrast(stored, jitterAware);
        return new TemplateBank(jitterAware, pipelineId, kept, names, Calibration.identity(), provenance, projection);
    }

    /**
     * Calibrates {@code bank} (from {@link #uncalibratedBank}) on the leave-one-out training images (scenes and raw
     * measurements in {@link #pickCalibration} order) and the held-out normal images (may be empty), and sets the
     * threshold on those and on the further training images of {@link #pickExtra} (scored leave-one-out likewise), as
     * {@link #fit} does (without {@link TrainingChecks}' findings, which read the image files).
     */
    public static TemplateBank calibratedBank(TemplateBank bank, List<Scene> looScenes, List<RawMeasurement> looRaws,
            List<Scene> heldScenes, List<RawMeasurement> heldRaws, List<Scene> extraScenes,
            List<RawMeasurement> extraRaws) {
        List<Scored> leaveOneOut = new ArrayList<>();
        for (int i = 0; i < looScenes.size(); i++) {
            leaveOneOut.add(new Scored(looScenes.get(i), looRaws.get(i)));
        }
        List<Scored> heldOut = new ArrayList<>();
        for (int i = 0; i < heldScenes.size(); i++) {
            heldOut.add(new Scored(heldScenes.get(i), heldRaws.get(i)));
        }
        List<Scored> extra = new ArrayList<>();
        for (int i = 0; i < extraScenes.size(); i++) {
            extra.add(new Scored(extraScenes.get(i), extraRaws.get(i)));
        }
        return calibrated(bank, leaveOneOut, heldOut, extra).bank();
    }

    /** A normal image's scene and its raw measurement against the bank. */
    private record Scored(Scene scene, RawMeasurement raw) {
    }

    /**
     * Runs stages 1, 3 and 4 on every training image: chunks of images go through the backbone in one batched call
     * each (model backends run batches faster), chunks run in parallel. Only the leave-one-out images keep their fine
     * features (they are scored as queries later); the rest are stored without.
     */
    private static List<Scene> analyseTraining(SceneAnalyzer analyzer, List<Path> train, int[] looIndices,
            ProgressListener progress, int threads, ImageLimits limits) {
        boolean[] keepFine = new boolean[train.size()];
        for (int i : looIndices) {
            keepFine[i] = true;
        }
        AtomicInteger done = new AtomicInteger();
        List<List<Scene>> chunked = ParallelMap.map(chunks(train.size()), threads, (c, chunk) -> {
            List<RgbImage> images = new ArrayList<>();
            for (int i : chunk) {
                images.add(ImageLoader.read(train.get(i), limits));
            }
            List<Scene> kept = analyseChunk(analyzer, images, chunk, keepFine);
            progress.update("analysing normal images", done.addAndGet(chunk.size()), train.size());
            return kept;
        }, ProgressListener.NONE, "analysing normal images");
        List<Scene> analysed = new ArrayList<>();
        for (List<Scene> c : chunked) {
            analysed.addAll(c);
        }
        return analysed;
    }

    /** A fit's provenance record, made now. */
    public static Provenance provenance(int imageCount, String imageListHash, int heldOutCount, int leaveOneOut,
            int extra, SamladConfig config) {
        boolean heldOut = heldOutCount > 0;
        return new Provenance(Version.VERSION, Instant.now().toString(), imageCount, imageListHash,
                "statistics: leave-one-out on " + leaveOneOut + " training images"
                        + (heldOut ? " and " + heldOutCount + " held-out normal images" : "")
                        + "; threshold: their image scores cross-fitted over "
                        + folds(config, leaveOneOut + heldOutCount) + " folds and " + extra
                        + " more training images scored leave-one-out",
                System.getProperty("java.version"));
    }

    /** The chosen training images, each scored against the rest of the bank. */
    private static List<Scored> scoreLeaveOneOut(Scorer scorer, TemplateBank bank, List<Scene> analysed,
            int[] looIndices, ProgressListener progress, int threads) {
        List<Integer> idx = new ArrayList<>();
        for (int i : looIndices) {
            idx.add(i);
        }
        return ParallelMap.map(idx, threads,
                (k, i) -> new Scored(analysed.get(i), scorer.score(analysed.get(i), bank, i, new StageTimings())),
                progress, "calibrating");
    }

    /** The held-out normal images (none when not given), analysed and scored against the whole bank. */
    private static List<Scored> scoreHeldOut(Scorer scorer, SceneAnalyzer analyzer, TemplateBank bank,
            List<Path> calibration, ProgressListener progress, int threads, ImageLimits limits) {
        if (calibration.isEmpty()) {
            return List.of();
        }
        List<Scene> scenes = ParallelMap.map(calibration, threads,
                (k, path) -> analyzer.analyze(ImageLoader.read(path, limits), new StageTimings()), progress,
                "analysing held-out normal images");
        List<RawMeasurement> raws = ParallelMap.map(scenes, threads,
                (k, sc) -> scorer.score(sc, bank, -1, new StageTimings()), progress, "scoring held-out normal images");
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            out.add(new Scored(scenes.get(i), raws.get(i)));
        }
        return out;
    }

    /**
     * The fused image scores {@code predict()} gives these normal images with the bank's calibration: the threshold
     * is a quantile of exactly these.
     */
    private static double[] normalScores(List<Scored> images, TemplateBank calibrated) {
        Calibration cal = calibrated.calibration();
        double[] fused = new double[images.size()];
        for (int i = 0; i < fused.length; i++) {
            Scene sc = images.get(i).scene();
            RawMeasurement raw = images.get(i).raw().withPatchNoise(cal.patchNoise(), cal.bankNoise());
            fused[i] = PredictionAssembler.assemble(sc.width(), sc.height(), sc, raw, calibrated, cal,
                    new StageTimings()).score();
        }
        return fused;
    }

    /** Per-position noise models, then each measure's location and scale, from the normal images' measurements. */
    private static Calibration calibrateOn(List<Scored> images, SamladConfig config) {
        List<FloatMap> maps = new ArrayList<>();
        List<FloatMap> bankMaps = new ArrayList<>();
        for (Scored r : images) {
            maps.add(r.raw().patchMap());
            bankMaps.add(r.raw().bankMap());
        }
        SamladConfig.Measuring measuring = config.measuring();
        PatchNoise noise = PatchNoise.fit(maps, measuring.patchNoisePrior()).orElse(null);
        PatchNoise bankNoise = images.get(0).raw().values().containsKey(Measure.PATCH_BANK)
                ? PatchNoise.fit(bankMaps, measuring.bankNoisePrior()).orElse(null) : null;
        List<RawMeasurement> normalised = new ArrayList<>();
        for (Scored r : images) {
            normalised.add(r.raw().withPatchNoise(noise, bankNoise));
        }
        return locationAndScale(normalised, config).withPatchNoise(noise, bankNoise);
    }

    static Calibration locationAndScale(List<RawMeasurement> raws, SamladConfig config) {
        Map<Measure, double[]> values = new EnumMap<>(Measure.class);
        for (Measure m : raws.get(0).values().keySet()) {
            double[] v = new double[raws.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = raws.get(i).values().getOrDefault(m, 0.0);
            }
            values.put(m, v);
        }
        // Scale floors: a measure almost constant on normals must not turn a tiny difference into a huge score.
        double theta = config.matching().noMatchCost();
        Map<Measure, Double> floors = new EnumMap<>(Measure.class);
        for (Map.Entry<Measure, double[]> e : values.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            double median = Quantiles.ofSorted(v, 0.5);
            double floor = switch (e.getKey()) {
                case OBJECT, MISSING -> 0.25 * theta;
                case GLOBAL -> 0.1 * Math.abs(median) + 1e-3;
                case IDENTITY -> 0.05 * Math.abs(median) + 0.02; // appearance distances, in [0, 2]
                case ATTRIBUTE -> 0.1; // |log area ratio|: a 10 % difference in size is one unit
                case COMPOSITION -> 0.05 * Math.abs(median) + 0.02; // |log area ratio| plus feature distance
                case PEER_SIZE, PEER_SHAPE, PEER_SPACING -> 1.0; // already in units of the peers' own spread
                case COLOURS -> 0.05 * Math.abs(median) + 0.1; // distances of standardised log shares
                case PIECES -> 1.0; // already in units (splitUnit of a colour's area, the pair's own spread)
                case LAYOUT -> 0.05 * Math.abs(median) + 0.1; // in units of the cells' normal spread
                case LAYOUT_JOINT -> 0.05 * Math.abs(median) + 0.05; // a ratio of distances, near 1 on normals

                default -> 0.05 * Math.abs(median) + 1e-6; // PATCH, PATCH_BANK, GAUSSIAN
            };
            floors.put(e.getKey(), floor);
        }
        return Calibration.fit(values, floors);
    }

    /** The training images scored leave-one-out for the statistics: a seeded subset, in ascending order. */
    public static int[] pickCalibration(int n, SamladConfig config) {
        int count = Math.min(config.measuring().calibrationImages(), n);
        int[] pick = Arrays.copyOf(shuffledIndices(n, config.seed()), count);
        Arrays.sort(pick);
        return pick;
    }

    /**
     * Further training images (the next ones of the same seeded order, in seeded order) scored leave-one-out
     * only for the threshold, so that it rests on {@code thresholding.images} normal scores in all, followed by up to
     * {@code thresholding.furtherImages} more that only the image threshold reads ({@link #fusionExtraCount} tells
     * the two groups apart).
     */
    public static int[] pickExtra(int n, int heldOutCount, SamladConfig config) {
        int statCount = Math.min(config.measuring().calibrationImages(), n);
        int fusionCount = Math.max(0, Math.min(n - statCount,
                config.thresholding().images() - statCount - heldOutCount));
        int extraCount = Math.min(n - statCount, fusionCount + config.thresholding().furtherImages());
        int[] shuffled = shuffledIndices(n, config.seed());
        int[] pick = Arrays.copyOfRange(shuffled, statCount, statCount + extraCount);
        // each group in ascending order, the fusion's first: without further images, exactly the pick of before
        Arrays.sort(pick, 0, fusionCount);
        Arrays.sort(pick, fusionCount, extraCount);
        return pick;
    }

    /**
     * How many of the further images (in {@link #pickExtra} order) enter the fusion's tails and the map threshold,
     * given {@code statisticsImages} leave-one-out and held-out images: the rest only join the image threshold's
     * normal scores.
     */
    static int fusionExtraCount(int extraImages, int statisticsImages, SamladConfig config) {
        return Math.max(0, Math.min(extraImages, config.thresholding().images() - statisticsImages));
    }

    /** 0 .. n-1 in a seeded random order. */
    private static int[] shuffledIndices(int n, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return all;
    }

    static String imageListHash(List<Path> images) {
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (Path p : images) {
            long size;
            try {
                size = Files.size(p);
            } catch (IOException e) {
                size = -1;
            }
            names.add(p.getFileName().toString());
            sizes.add(size);
        }
        return imageListHash(names, sizes);
    }

    /** Provenance's hash of a set of images: their file names and sizes, in any order. */
    public static String imageListHash(List<String> fileNames, List<Long> sizes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < fileNames.size(); i++) {
                entries.add(fileNames.get(i) + "\t" + sizes.get(i));
            }
            entries.sort(null);
            for (String e : entries) {
                md.update(e.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
