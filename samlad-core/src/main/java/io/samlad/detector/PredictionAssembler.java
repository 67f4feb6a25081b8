package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.FusionScales;
import io.samlad.calibration.Measure;
import io.samlad.calibration.MissingPair;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.measure.ColourComposition;
import io.samlad.measure.ColourPieces;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Turns AMM's raw measures into a {@link Prediction}: calibrates each measure, paints the anomaly map
 * ({@link AnomalyMapBuilder}), gives each object its verdict ({@link ObjectVerdicts}), confirms missing objects
 * ({@link MissingCandidates}), and splits the image score into its logical and structural parts.
 *
 * <p>The logical score is the largest of the logical measures (OBJECT, MISSING, GLOBAL, IDENTITY) and of the
 * calibrated patch distances inside extra, missing and mismatched objects; the structural score the largest of the
 * GAUSSIAN measure (times its fusion weight) and of the patch distances elsewhere; both, the map and the objects'
 * scores are decided on the z scale and reported through {@link Calibration#reported}.
 * The image score is the larger of the two, or, fused by tail probability ({@link Calibration#imageScore}), that
 * maximum combined with every measure's rarity among normal images.
 */
final class PredictionAssembler {
    private PredictionAssembler() {
    }

    static Prediction assemble(int originalWidth, int originalHeight, Scene query, RawMeasurement raw,
            TemplateBank bank, Calibration cal, StageTimings timings) {
        return assembled(originalWidth, originalHeight, query, raw, bank, cal, timings).prediction();
    }

    /**
     * A prediction and the evidence its image score was made of beyond the calibrated measures: the missing objects
     * found twice (by the matching and by the reverse patch map) and the swapped pairs its score weighed, which the
     * fit needs for the normal images' scores.
     */
    record Assembled(Prediction prediction, List<MissingPair> corroborated, SwappedPairs.Exchanges swaps,
            MirrorRarity.Mirrors mirrors) {
    }

    static Assembled assembled(int originalWidth, int originalHeight, Scene query, RawMeasurement raw,
            TemplateBank bank, Calibration cal, StageTimings timings) {
        // objects, missing parts and the map are judged on the map's scale (calibrated z)
        double threshold = cal.objectThreshold();
        int gw = query.fine().width();
        int gh = query.fine().height();
        SamladConfig.Fusion fusion = bank.config().fusion();
        AnomalyMapBuilder.GaussianCap gaussianCap = fusion.mapGaussian() == SamladConfig.Fusion.MapGaussian.OBJECT
                ? AnomalyMapBuilder.GaussianCap.of(raw, query.objects().stream().map(o -> o.mask()).toList(), cal,
                        bank.config().measuring().gaussianWeight(), gw * gh)
                : null;
        AnomalyMapBuilder map = new AnomalyMapBuilder(raw, cal, gw, gh, MapScale.of(cal, fusion), gaussianCap);
        MapScale scale = map.scale();
        float[] patchZ = map.patch();
        ScoreParts parts = new ScoreParts(raw, cal, bank.config().measuring().gaussianWeight());
        BitSet logicalCells = new BitSet(gw * gh);
        List<DetectedObject> objects = new ArrayList<>();
        // the object least like its place's normal examples (TOP paints it whatever its value)
        RawMeasurement.ObjectFinding leastLike = null;
        if (raw.values().containsKey(Measure.IDENTITY)) {
            for (RawMeasurement.ObjectFinding f : raw.objects()) {
                if (f.identityRaw() > 0 && (leastLike == null || cal.z(Measure.IDENTITY, f.identityRaw())
                        > cal.z(Measure.IDENTITY, leastLike.identityRaw()))) {
                    leastLike = f;
                }
            }
        }
        // objects nearer their nearest peer than the kind's parts are (PEER_SPACING above the map threshold)
        List<ObjectMask> tooNear = new ArrayList<>();
        for (RawMeasurement.ObjectFinding f : raw.objects()) {
            ObjectMask mask = query.objects().get(f.objectIndex()).mask();
            double zObj = cal.z(Measure.OBJECT, f.logicalRaw());
            double zId = raw.values().containsKey(Measure.IDENTITY) && f.identityRaw() > 0
                    ? cal.z(Measure.IDENTITY, f.identityRaw()) : Double.NEGATIVE_INFINITY;
            double zAttr = raw.values().containsKey(Measure.ATTRIBUTE) && f.attributeRaw() > 0
                    ? cal.z(Measure.ATTRIBUTE, f.attributeRaw()) : Double.NEGATIVE_INFINITY;
            // Not the object that belongs at this place (its shape differs from every normal example there), or of
            // another size than its counterparts: as much a logical finding about the object as a high matching cost.
            SamladConfig.Fusion.MapObjects mode = fusion.mapObjects() == SamladConfig.Fusion.MapObjects.TOP
                    ? (f == leastLike ? SamladConfig.Fusion.MapObjects.SCORE : SamladConfig.Fusion.MapObjects.FINDINGS)
                    : fusion.mapObjects();
            boolean core = mode == SamladConfig.Fusion.MapObjects.CORE;
            double paint = objectPaint(zObj, zId, zAttr, threshold,
                    core ? SamladConfig.Fusion.MapObjects.FINDINGS : mode, scale);
            if (core) {
                map.paint(ObjectCore.of(mask),
                        objectPaint(zObj, zId, zAttr, threshold, SamladConfig.Fusion.MapObjects.SCORE, scale));
            }
            if (zId > Double.NEGATIVE_INFINITY && bank.config().identity().rarityVerdicts()) {
                // The verdict by how rare the value is among normal images, not by a z whose tail is far lighter
                // than the patch distances' that the threshold is set by. Not on the map: painted by rarity, the
                // juice_bottle labels' identity findings lowered AU-sPRO@0.05 from 0.795 to 0.790.
                zId = cal.onMapScale(Measure.IDENTITY, zId);
            }
            // Larger or smaller than the objects of its kind in the image: logical, like ATTRIBUTE; a deeper notch
            // than theirs (a chip broken off): structural, like a Mahalanobis finding.
            double zPeerSize = raw.values().containsKey(Measure.PEER_SIZE) && f.peerSizeRaw() > 0
                    ? cal.z(Measure.PEER_SIZE, f.peerSizeRaw()) : Double.NEGATIVE_INFINITY;
            double zPeerShape = raw.values().containsKey(Measure.PEER_SHAPE) && f.peerShapeRaw() > 0
                    ? cal.z(Measure.PEER_SHAPE, f.peerShapeRaw()) : Double.NEGATIVE_INFINITY;
            if (zPeerSize > threshold) {
                paint = Math.max(paint, scale.of(Measure.PEER_SIZE, zPeerSize));
            }
            if (fusion.mapNotchGrown()) {
                // A piece broken off lies outside what remains of the object's mask: painted over the mask grown by a
                // cell, not over the remaining object alone.
                if (zPeerShape > threshold) {
                    map.paint(shapeCells(mask, true), scale.of(Measure.PEER_SHAPE, zPeerShape));
                }
            } else if (zPeerShape > threshold) {
                paint = Math.max(paint, scale.of(Measure.PEER_SHAPE, zPeerShape));
            }
            // nearer to its nearest part of its kind than such parts are to theirs: one of two parts where one belongs
            double zPeerSpacing = raw.values().containsKey(Measure.PEER_SPACING) && f.peerSpacingRaw() > 0
                    ? cal.z(Measure.PEER_SPACING, f.peerSpacingRaw()) : Double.NEGATIVE_INFINITY;
            if (zPeerSpacing > threshold) {
                paint = Math.max(paint, scale.of(Measure.PEER_SPACING, zPeerSpacing));
            }
            if (zPeerSpacing > threshold) {
                tooNear.add(mask);
            }
            zObj = Math.max(zObj, Math.max(zId, Math.max(zAttr, Math.max(zPeerSize, zPeerSpacing))));
            double zGauss = f.gaussianRaw() > 0 ? cal.z(Measure.GAUSSIAN, f.gaussianRaw()) : Double.NEGATIVE_INFINITY;
            zGauss = Math.max(zGauss, zPeerShape);
            ObjectVerdicts.Judgement j = ObjectVerdicts.judge(new ObjectVerdicts.Evidence(f.unmatchedShare(),
                    AnomalyMapBuilder.max(map.forward(), mask),
                    AnomalyMapBuilder.shareAbove(map.forward(), mask, threshold), zObj, zGauss), threshold);
            map.paint(mask, paint);
            if (j.verdict() == Verdict.EXTRA || j.verdict() == Verdict.MISMATCHED) {
                parts.logical(AnomalyMapBuilder.max(patchZ, mask));
                logicalCells.or(mask.bits());
            }
            objects.add(describe(objects.size(), j.verdict(), cal.reported(j.score()), mask, originalWidth,
                    originalHeight,
                    f.reference(), f.referenceObject()));
        }
        if (SwappedPairs.speaks(bank, bank.config().identity())) {
            // a mismatched part's swap partner is mismatched too, with the pair's score (verdicts only)
            for (Map.Entry<Integer, Integer> e : SwappedPairs.partners(query, raw.objects(), objects, bank,
                    bank.config().identity()).entrySet()) {
                DetectedObject o = objects.get(e.getKey());
                objects.set(e.getKey(), o.withVerdict(Verdict.MISMATCHED,
                        Math.max(o.score(), objects.get(e.getValue()).score())));
            }
        }
        if (bank.config().peers().pairsAsOne()) {
            paintPairs(tooNear, map, gw, gh);
        }
        if (bank.config().peers().paintLoose()) {
            paintLoose(query, raw, cal, threshold, scale, map);
        }
        List<MissingCandidates.Candidate> confirmed = new ArrayList<>();
        double cellLevel = bank.config().fusion().missingCellZ() > 0
                ? Math.min(threshold, bank.config().fusion().missingCellZ()) : threshold;
        List<MissingCandidates.Candidate> candidates = MissingCandidates.find(raw, bank, cal, map.reverse(), gw, gh,
                cellLevel, objects, scale, bank.config().fusion().corroboratedMissing(),
                emptyPlaceJudged(bank, cal) ? query : null);
        SamladConfig.Colours colours = bank.config().colours();
        if (colours.painted() && raw.values().containsKey(Measure.COLOURS)) {
            paintColours(query, bank, cal.z(Measure.COLOURS, raw.values().get(Measure.COLOURS)), threshold, scale,
                    map, candidates);
        }
        for (MissingCandidates.Candidate m : candidates) {
            map.paint(m.mask(), m.mapValue());
            if (m.score() > threshold) {
                parts.logical(AnomalyMapBuilder.max(patchZ, m.mask()));
                logicalCells.or(m.mask().bits());
                confirmed.add(m);
            }
        }
        // One missing part is one missing object: reference segments that touch (a ring and the floor inside it)
        // are reported together.
        for (List<Integer> group : TouchingMasks.groups(confirmed.stream().map(MissingCandidates.Candidate::mask)
                .toList())) {
            MissingCandidates.Candidate top = confirmed.get(group.get(0));
            BitSet union = new BitSet(gw * gh);
            for (int g : group) {
                MissingCandidates.Candidate m = confirmed.get(g);
                union.or(m.mask().bits());
                top = m.score() > top.score() ? m : top;
            }
            objects.add(describe(objects.size(), Verdict.MISSING, cal.reported(top.score()),
                    new ObjectMask(gw, gh, union),
                    originalWidth, originalHeight, top.reference(), top.referenceObject()));
        }
        if (raw.values().containsKey(Measure.PIECES) && raw.pieceCells() != null) {
            // A colour split into more pieces than normal, or one of a pair smaller than its partner: painted where
            // the evidence is (between the pieces, where the smaller lacks what its partner has), above the threshold.
            double z = cal.z(Measure.PIECES, raw.values().get(Measure.PIECES));
            // where its own rarity joins the image score, it is judged on the map by that rarity too: a bite whose z
            // of 4 no normal image reaches is where the map must peak
            double judged = cal.fusion() != null && cal.fusion().rarityMaximum().contains(Measure.PIECES)
                    ? cal.onMapScale(Measure.PIECES, z) : z;
            if (judged > threshold) {
                map.paint(raw.pieceCells(), scale.of(Measure.PIECES, z));
            }
        }
        if (raw.values().containsKey(Measure.LAYOUT) && raw.layoutCells() != null) {
            // the cells inside the object whose colours no normal layout of its place has (where the icon went, where
            // it is missing), above the threshold
            double z = cal.z(Measure.LAYOUT, raw.values().get(Measure.LAYOUT));
            if (z > threshold) {
                map.paint(raw.layoutCells(), scale.of(Measure.LAYOUT, z));
            }
        }
        if (kindsAsOne(bank, fusion)) {
            List<Scene> references = new ArrayList<>();
            for (int r : raw.references()) {
                references.add(bank.scene(r));
            }
            paintKinds(query, references, bank.config().peers(), map, gw, gh, fusion.mapKindsAsOne());
        }
        parts.structural(maxOutside(patchZ, logicalCells));
        // every candidate found twice, confirmed or not: normal images are scored with theirs alike
        List<MissingPair> corroborated = new ArrayList<>();
        for (MissingCandidates.Candidate m : candidates) {
            if (m.joint()) {
                corroborated.add(new MissingPair(m.zMatching(), m.zPatches(), m.emptiness()));
            }
        }
        // every two parts that look exchanged, whatever their verdicts: normal images are scored with theirs alike
        SwappedPairs.Exchanges swaps = swapsScored(bank, cal) && raw.values().containsKey(Measure.IDENTITY)
                ? SwappedPairs.scored(query, raw.objects(), bank, cal, bank.config()) : SwappedPairs.Exchanges.NONE;
        // every part whose mirror image its place's examples prefer, whatever its verdict: normal images likewise
        MirrorRarity.Mirrors mirrors = mirrorsScored(bank, cal) && raw.values().containsKey(Measure.IDENTITY)
                ? MirrorRarity.scored(query, raw.objects(), bank, cal, bank.config()) : MirrorRarity.Mirrors.NONE;
        double score = cal.imageScore(parts.score(), cal.zValues(raw.values()), corroborated, swaps.pairs(),
                mirrors.parts());
        List<DetectedObject> reported = verdictsOfParts(query, raw, bank, objects, originalWidth, originalHeight);
        return new Assembled(new Prediction(score, cal.reported(parts.logical()), cal.reported(parts.structural()),
                map.build(originalWidth, originalHeight, query.width(), query.height()), reported, raw.references(),
                timings), corroborated, swaps, mirrors);
    }

    /**
     * Whether parts turned over are sought for the image score ({@code fusion.mirrorScore}): see {@link #sought}.
     */
    static boolean mirrorsScored(TemplateBank bank, Calibration cal) {
        return sought(bank, cal, f -> f.mirrorRarity() != null, MirrorRarity::speaks);
    }

    /**
     * Whether swapped pairs are sought for the image score ({@code fusion.corroboratedSwapScore}): see {@link #sought}.
     */
    static boolean swapsScored(TemplateBank bank, Calibration cal) {
        return sought(bank, cal, FusionScales::swapMaximum, BankFitter::swapsByRarity);
    }

    /**
     * Whether an image-score competitor is computed: where the fusion is fitted, whether it was fitted to weigh it
     * ({@code fitted}); before (the fit's normal images, on which it is fitted), whether the tail-probability fusion
     * is asked for and the rule speaks in this bank ({@code speaks}). A bank fitted without it computes nothing more.
     */
    private static boolean sought(TemplateBank bank, Calibration cal, Predicate<FusionScales> fitted,
            BiPredicate<TemplateBank, SamladConfig> speaks) {
        if (cal.fusion() != null) {
            return fitted.test(cal.fusion());
        }
        return bank.config().fusion().method() == SamladConfig.Fusion.Method.TAIL_PROBABILITY
                && speaks.test(bank, bank.config());
    }

    /**
     * Whether missing candidates' places are judged ({@code fusion.emptyPlace}): asked for, and either the fusion not
     * fitted yet (the fit's normal images, whose emptiness the scale is fitted on) or fitted with an emptiness scale
     * (a bank whose gate kept it). A bank fitted without one computes nothing more.
     */
    static boolean emptyPlaceJudged(TemplateBank bank, Calibration cal) {
        return bank.config().fusion().emptyPlace() && (cal.fusion() == null || cal.fusion().emptyPlace() != null);
    }

    /**
     * The verdicts as reported, where the bank's places have an identity ({@link SwappedPairs#speaks}): swapped pairs
     * that no mismatched object seeds ({@code identity.swapGain}) are both {@code mismatched}, with the larger of the
     * two scores, and the touching pieces of one wrong part are one object ({@code identity.partsAsOne},
     * {@link PartFindings}). Verdicts only: the map and the image score are made before.
     */
    private static List<DetectedObject> verdictsOfParts(Scene query, RawMeasurement raw, TemplateBank bank,
            List<DetectedObject> objects, int originalWidth, int originalHeight) {
        SamladConfig config = bank.config();
        if (!SwappedPairs.speaks(bank, config.identity())) {
            return objects;
        }
        int queryObjects = raw.objects().size();
        List<DetectedObject> out = objects;
        for (int[] pair : SwappedPairs.unseeded(query, raw.objects(), objects, bank, config)) {
            out = out == objects ? new ArrayList<>(objects) : out;
            double score = Math.max(objects.get(pair[0]).score(), objects.get(pair[1]).score());
            out.set(pair[0], objects.get(pair[0]).withVerdict(Verdict.MISMATCHED, score));
            out.set(pair[1], objects.get(pair[1]).withVerdict(Verdict.MISMATCHED, score));
        }
        if (config.identity().partsAsOne()) {
            List<ObjectMask> masks = new ArrayList<>();
            for (RawMeasurement.ObjectFinding f : raw.objects()) {
                masks.add(query.objects().get(f.objectIndex()).mask());
            }
            out = PartFindings.asOne(out, masks, queryObjects, originalWidth, originalHeight);
        }
        return out;
    }

    /**
     * Two parts where one belongs (each the other's nearest, both too near it) are one finding, and which of the two
     * is the extra one the image cannot say: both are painted with the largest map value over either (masks grown by
     * a cell, where the patch distances of a shifted part peak), so that the map marks the pair, not whichever of the
     * two its patch distances happen to favour.
     */
    static void paintPairs(List<ObjectMask> tooNear, AnomalyMapBuilder map, int gw, int gh) {
        for (int i = 0; i < tooNear.size(); i++) {
            ObjectMask a = tooNear.get(i);
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < tooNear.size(); j++) {
                ObjectMask b = tooNear.get(j);
                double d = Math.hypot((a.centroidX() - b.centroidX()) * gw, (a.centroidY() - b.centroidY()) * gh);
                if (j != i && d < best) {
                    best = d;
                    nearest = j;
                }
            }
            if (nearest < 0) {
                continue;
            }
            ObjectMask b = tooNear.get(nearest);
            BitSet both = MaskCleanup.dilate(a.bits(), gw, gh);
            both.or(MaskCleanup.dilate(b.bits(), gw, gh));
            double top = AnomalyMapBuilder.max(map.painted(), new ObjectMask(gw, gh, both));
            map.paint(a, top);
            map.paint(b, top);
        }
    }

    /**
     * Whether the kinds rule paints against this bank: asked for ({@code mapKindsAsOne}), and, with a gate
     * ({@code mapKindsMaxRelation}), silent only where the parts are pieces of one fixed composition: LAYOUT found
     * places that keep their place (judged), and the bank's halves depend on each other (composition relation at
     * least the gate; cached in the bank, computed once). Banks too small for COMPOSITION (fewer than half its
     * images) paint: the relation is not trusted there.
     */
    static boolean kindsAsOne(TemplateBank bank, SamladConfig.Fusion fusion) {
        if (fusion.mapKindsAsOne() <= 0) {
            return false;
        }
        if (fusion.mapKindsMaxRelation() <= 0) {
            return true;
        }
        SamladConfig config = bank.config();
        if (!config.layout().on()) {
            return true; // no part keeps a place whose inside normal images agree on: nothing says they are fixed
        }
        SamladConfig.Composition c = config.composition().images() > 0 ? config.composition()
                : config.composition().withImages(SamladConfig.Composition.DEFAULTS.images());
        return bank.size() < (c.images() + 1) / 2 || io.samlad.measure.CompositionRelation.of(bank, c,
                config.measuring().objectAreaScale()) < fusion.mapKindsMaxRelation();
    }

    /**
     * A kind of parts of which the query holds more than its references ({@link KindGroups}) is one finding: every
     * counted part of it is painted with the largest map value over all of them (masks grown by a cell, where the
     * patch distances of a moved part peak), so that the map marks the kind and not whichever of its parts the patch
     * distances favour: which of three balls is the extra one, no image can say. Runs last, over everything painted.
     */
    static void paintKinds(Scene query, List<Scene> references, SamladConfig.Peers peers, AnomalyMapBuilder map,
            int gw, int gh, int maxParts) {
        for (int[] kind : KindGroups.overCounted(query, references, peers, maxParts)) {
            BitSet all = new BitSet(gw * gh);
            for (int i : kind) {
                all.or(MaskCleanup.dilate(query.objects().get(i).mask().bits(), gw, gh));
            }
            double top = AnomalyMapBuilder.max(map.painted(), new ObjectMask(gw, gh, all));
            for (int i : kind) {
                map.paint(query.objects().get(i).mask(), top);
            }
        }
    }

    /**
     * The cells a PEER_SHAPE finding on {@code mask} is painted over: the mask grown by a cell where {@code grown}
     * (the piece broken off lies just outside what remains), else the mask itself.
     */
    static ObjectMask shapeCells(ObjectMask mask, boolean grown) {
        return grown ? new ObjectMask(mask.width(), mask.height(), MaskCleanup.dilate(mask.bits(), mask.width(),
                mask.height())) : mask;
    }

    /**
     * Paints each loose form of the query (a part of a kind that is no object: a pin too small for the segmentation, a
     * crescent of a bitten one) whose PEER_SIZE or PEER_SHAPE z exceeds the map threshold onto the cells its pixels
     * touch, as an object with such a z is painted: the part that made the image score is where its map peaks.
     */
    static void paintLoose(Scene query, RawMeasurement raw, Calibration cal, double threshold, MapScale scale,
            AnomalyMapBuilder map) {
        if (query.looseCells().isEmpty()) {
            return;
        }
        for (RawMeasurement.LooseFinding f : raw.loose()) {
            double paint = Double.NEGATIVE_INFINITY;
            if (raw.values().containsKey(Measure.PEER_SIZE) && f.sizeRaw() > 0) {
                double z = cal.z(Measure.PEER_SIZE, f.sizeRaw());
                paint = z > threshold ? scale.of(Measure.PEER_SIZE, z) : paint;
            }
            if (raw.values().containsKey(Measure.PEER_SHAPE) && f.shapeRaw() > 0) {
                double z = cal.z(Measure.PEER_SHAPE, f.shapeRaw());
                paint = z > threshold ? Math.max(paint, scale.of(Measure.PEER_SHAPE, z)) : paint;
            }
            if (paint > Double.NEGATIVE_INFINITY) {
                map.paint(query.looseCells().get(f.looseIndex()), paint);
            }
        }
    }

    /**
     * A COLOURS finding above the map threshold ({@code z}, calibrated) painted where it lies (docs/method.md, "COLOURS
     * and PIECES on the map"). The shares of the image's colours form a combination no normal image has; where the
     * query lacks a part (less of the image in part colours than any normal image, or one piece of a pair colour),
     * the finding is painted on the reference objects the query may lack ({@code candidates}) and on the cells where
     * the reverse patch map is near its largest; otherwise which part is wrong the shares cannot say (small
     * connectors with a red cable are as far from large ones with it as from small ones with a blue cable), and every
     * part colour the query holds is painted with it ({@link ColourComposition#partCells}; needs the query's colour
     * lattice). Only where the finding is above the threshold (a normal image's map is untouched) and, with
     * {@code paintUnplaced}, where nothing on the map reaches the threshold yet: a finding with a place of its own
     * (a resized object, a lost part) already points where the user should look, and lighting every part besides
     * it only adds area outside the defect (the synthetic bottles' fill level: AU-sPRO@0.05 0.822 to 0.754).
     */
    static void paintColours(Scene query, TemplateBank bank, double z, double threshold, MapScale scale,
            AnomalyMapBuilder map, List<MissingCandidates.Candidate> candidates) {
        SamladConfig.Colours colours = bank.config().colours();
        // Only where the query has a colour lattice (PIECES judges a colour of this bank: parts whose colours the
        // normal images agree on). On juice_bottle (no such colour) the lacking test alone painted missing-object
        // candidates and the reverse map's top on labels, and AU-sPRO@0.05 fell from 0.799 to 0.781.
        if (!(z > threshold) || query.lattice() == null
                || colours.paintUnplaced() && placed(map.painted(), scale.of(Measure.COLOURS, threshold))) {
            return;
        }
        double value = scale.of(Measure.COLOURS, z);
        int gw = query.fine().width();
        int gh = query.fine().height();
        ColourComposition.Model model = ColourComposition.model(bank, colours);
        boolean lacking = colours.paintMaxShare() > 0 && (query.hasColours()
                && ColourComposition.lacksPart(query.colours(), model, colours.paintMaxShare(),
                        colours.pieces().mergeDistance())
                || colours.pieces().on() && ColourPieces.lacksPiece(query.lattice(), model.means(), colours.pieces()));
        if (lacking) {
            // a part is missing: the reference objects the query may lack are where it would be, and so is what the
            // references hold that the query lacks (below)
            for (MissingCandidates.Candidate m : candidates) {
                map.paint(m.mask(), value);
            }
        } else if (colours.paintMaxShare() > 0) {
            map.paint(ColourComposition.partCells(query.lattice(), model, colours.paintMaxShare(),
                    colours.pieces().mergeDistance(), query.width(), query.height(), gw, gh), value);
        }
        if (colours.paintReverseShare() > 0 && (lacking || colours.paintMaxShare() == 0)) {
            float[] reverse = map.reverse();
            float top = Float.NEGATIVE_INFINITY;
            for (float v : reverse) {
                top = Math.max(top, v);
            }
            if (top > 0) {
                float[] cells = new float[reverse.length];
                for (int i = 0; i < reverse.length; i++) {
                    cells[i] = reverse[i] >= colours.paintReverseShare() * top ? 1 : 0;
                }
                map.paint(cells, value);
            }
        }
    }

    /** Whether some cell of the map reaches {@code level}. */
    private static boolean placed(float[] map, double level) {
        for (float v : map) {
            if (v > level) {
                return true;
            }
        }
        return false;
    }

    /**
     * The largest of {@code values} outside {@code cells}, negative infinity if none. A method of its own: this loop
     * over every cell of the fine grid, inside {@code assemble}, made the just-in-time compiler compile all of
     * {@code assemble} with everything it calls inlined (on-stack replacement, then again as a whole), about a second
     * of compiler time at the start of every command, for a loop that needs only this.
     */
    static double maxOutside(float[] values, BitSet cells) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (!cells.get(i)) {
                max = Math.max(max, values[i]);
            }
        }
        return max;
    }

    /**
     * What an object is painted with on the map (on {@code scale}): its OBJECT z, and its IDENTITY and ATTRIBUTE z
     * (negative infinity where not measured) only where above {@code threshold} ({@code FINDINGS}, the default), or
     * always ({@code SCORE}: the map points at the object least like its place's normal examples even where nothing
     * crosses the threshold). Measured on the merged main (docs/method.md, "The map's peak"): SCORE puts DigitAnatomy's
     * map peak in the anomalous cell in 0.90 / 0.93 / 0.93 of images (seeds 0 / 11 / 12) against 0.70 / 0.82 / 0.55,
     * but lights juice_bottle's labels on good images too (AU-sPRO@0.05 0.797 to 0.787, below the 0.790 target).
     */
    static double objectPaint(double zObject, double zIdentity, double zAttribute, double threshold,
            SamladConfig.Fusion.MapObjects mode, MapScale scale) {
        boolean all = mode == SamladConfig.Fusion.MapObjects.SCORE;
        double paint = scale.of(Measure.OBJECT, zObject);
        if (zIdentity > Double.NEGATIVE_INFINITY && (all || zIdentity > threshold)) {
            paint = Math.max(paint, scale.of(Measure.IDENTITY, zIdentity));
        }
        if (zAttribute > Double.NEGATIVE_INFINITY && (all || zAttribute > threshold)) {
            paint = Math.max(paint, scale.of(Measure.ATTRIBUTE, zAttribute));
        }
        return paint;
    }

    /**
     * The logical and structural parts of the image score, each the largest of what is attributed to it; 0 where
     * nothing is.
     */
    private static final class ScoreParts {
        private double logical = Double.NEGATIVE_INFINITY;
        private double structural = Double.NEGATIVE_INFINITY;

        /** Starts from the image-level measures; PATCH and PATCH_BANK are attributed cell by cell instead. */
        ScoreParts(RawMeasurement raw, Calibration cal, double gaussianWeight) {
            for (var e : raw.values().entrySet()) {
                if (e.getKey() == Measure.PATCH || e.getKey() == Measure.PATCH_BANK) {
                    continue;
                }
                double z = cal.z(e.getKey(), e.getValue());
                if (e.getKey().logical()) {
                    logical(z);
                } else {
                    // gaussianWeight is GAUSSIAN's own (object Mahalanobis distances depend on how masks are cut)
                    structural(e.getKey() == Measure.GAUSSIAN ? gaussianWeight * z : z);
                }
            }
        }

        void logical(double z) {
            logical = Math.max(logical, z);
        }

        void structural(double z) {
            structural = Math.max(structural, z);
        }

        double logical() {
            return logical == Double.NEGATIVE_INFINITY ? 0 : logical;
        }

        double structural() {
            return structural == Double.NEGATIVE_INFINITY ? 0 : structural;
        }

        double score() {
            return Math.max(logical(), structural());
        }
    }

    static DetectedObject describe(int id, Verdict verdict, double score, ObjectMask m, int w, int h,
            int reference, int referenceObject) {
        double sx = w / (double) m.width();
        double sy = h / (double) m.height();
        return new DetectedObject(id, verdict, score, m.centroidX() * w, m.centroidY() * h,
                (int) Math.floor(m.minX() * sx), (int) Math.floor(m.minY() * sy),
                Math.min(w - 1, (int) Math.ceil((m.maxX() + 1) * sx) - 1),
                Math.min(h - 1, (int) Math.ceil((m.maxY() + 1) * sy) - 1), m.areaFraction(), reference,
                referenceObject);
    }
}
