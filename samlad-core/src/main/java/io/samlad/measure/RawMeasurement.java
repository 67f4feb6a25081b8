package io.samlad.measure;

import io.samlad.calibration.Measure;
import io.samlad.calibration.PatchNoise;
import io.samlad.image.FloatMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * AMM's uncalibrated output for one query.
 *
 * @param values      image-level raw value of each measure
 * @param patchMap    nearest-reference patch distance per coarse patch, both directions (the larger)
 * @param forwardMap  query-to-references part: content of the query no reference explains
 * @param reverseMap  references-to-query part: content of most references the query lacks
 * @param bankMap     forward distance to the nearest of many normal images (PATCH_BANK), on the patch grid
 * @param gaussianMap Mahalanobis distance per object-grid cell inside matched objects, NaN elsewhere
 * @param objects     one finding per query object, in the query's object order
 * @param missing     reference objects judged missing from the query
 * @param references  bank indices of the retrieved references, nearest first
 * @param loose       the peer deviations of the query's loose forms (parts of a kind that are no objects), for the
 *                    map; empty where none were judged
 * @param pieceCells  where the PIECES measure points, a weight in [0, 1] per object-grid cell; null where it does not
 * @param layoutCells where the LAYOUT measure points (the deviating cells inside the object), a weight in [0, 1] per
 *                    object-grid cell; null where it does not
 * @param patchWeight the weight of each patch-grid cell's calibrated patch distances ({@code
 *                    measuring.recognisedPatchWeight})
 *                    around objects their place's normal examples recognise (handwriting, not a defect), 1 elsewhere;
 *                    null where none is applied (or it has been applied to the maps already)
 */
public record RawMeasurement(Map<Measure, Double> values, FloatMap patchMap, FloatMap forwardMap, FloatMap reverseMap,
        FloatMap bankMap, FloatMap gaussianMap,
        List<ObjectFinding> objects, List<MissingFinding> missing, List<Integer> references,
        List<LooseFinding> loose, float[] pieceCells, float[] layoutCells, float[] patchWeight) {

    public RawMeasurement {
        values = new EnumMap<>(values);
        objects = List.copyOf(objects);
        missing = List.copyOf(missing);
        references = List.copyOf(references);
        loose = loose == null ? List.of() : List.copyOf(loose);
    }

    /** A measurement without patch weights. */
    public RawMeasurement(Map<Measure, Double> values, FloatMap patchMap, FloatMap forwardMap, FloatMap reverseMap,
            FloatMap bankMap, FloatMap gaussianMap, List<ObjectFinding> objects, List<MissingFinding> missing,
            List<Integer> references, List<LooseFinding> loose, float[] pieceCells, float[] layoutCells) {
        this(values, patchMap, forwardMap, reverseMap, bankMap, gaussianMap, objects, missing, references, loose,
                pieceCells, layoutCells, null);
    }

    /** A measurement without LAYOUT cells. */
    public RawMeasurement(Map<Measure, Double> values, FloatMap patchMap, FloatMap forwardMap, FloatMap reverseMap,
            FloatMap bankMap, FloatMap gaussianMap, List<ObjectFinding> objects, List<MissingFinding> missing,
            List<Integer> references, List<LooseFinding> loose, float[] pieceCells) {
        this(values, patchMap, forwardMap, reverseMap, bankMap, gaussianMap, objects, missing, references, loose,
                pieceCells, null);
    }

    /** A measurement without loose findings or PIECES cells. */
    public RawMeasurement(Map<Measure, Double> values, FloatMap patchMap, FloatMap forwardMap, FloatMap reverseMap,
            FloatMap bankMap, FloatMap gaussianMap, List<ObjectFinding> objects, List<MissingFinding> missing,
            List<Integer> references) {
        this(values, patchMap, forwardMap, reverseMap, bankMap, gaussianMap, objects, missing, references, List.of(),
                null);
    }

    /**
     * The same measurement with the patch maps normalised by noise models (either may be null: left as they are),
     * and PATCH and PATCH_BANK taken from them.
     */
    public RawMeasurement withPatchNoise(PatchNoise noise, PatchNoise bankNoise) {
        FloatMap p = noise == null ? patchMap : noise.apply(patchMap);
        FloatMap f = noise == null ? forwardMap : noise.apply(forwardMap);
        FloatMap r = noise == null ? reverseMap : noise.apply(reverseMap);
        FloatMap b = bankNoise == null ? bankMap : bankNoise.apply(bankMap);
        return new RawMeasurement(values, p, f, r, b, gaussianMap, objects, missing, references, loose, pieceCells,
                layoutCells, patchWeight).weightedAlways();
    }

    /**
     * The same measurement with {@link #patchWeight} applied to the calibrated patch maps (positive values only: a
     * cell the references explain better than usual stays as it is), PATCH and PATCH_BANK taken from them; itself
     * where there is no weight. Applied once: the result carries no weight.
     */
    public RawMeasurement weighted() {
        return patchWeight == null ? this : weightedAlways();
    }

    /** As {@link #weighted}, PATCH and PATCH_BANK read from the maps even without a weight. */
    private RawMeasurement weightedAlways() {
        EnumMap<Measure, Double> v = new EnumMap<>(values);
        FloatMap p = weighted(patchMap);
        FloatMap b = weighted(bankMap);
        v.put(Measure.PATCH, (double) p.max());
        if (v.containsKey(Measure.PATCH_BANK)) {
            v.put(Measure.PATCH_BANK, (double) b.max());
        }
        return new RawMeasurement(v, p, weighted(forwardMap), weighted(reverseMap), b, gaussianMap, objects, missing,
                references, loose, pieceCells, layoutCells, null);
    }

    private FloatMap weighted(FloatMap map) {
        if (patchWeight == null || map == null) {
            return map;
        }
        float[] d = map.data().clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] > 0) {
                d[i] *= patchWeight[i];
            }
        }
        return new FloatMap(map.width(), map.height(), d);
    }

    /**
     * @param objectIndex       index among the query's objects
     * @param logicalRaw        raw OBJECT measure of this object (median matching cost, area-damped)
     * @param unmatchedShare    share of references in which the object found no counterpart
     * @param gaussianRaw       largest Mahalanobis distance inside it (0 if unmatched)
     * @param reference         bank index of the nearest reference where it matched, or -1
     * @param referenceObject   index of its counterpart in that reference, or -1
     * @param identityRaw       raw IDENTITY measure of this object (appearance distance to the same place's objects
     *                          in normal images, area-damped; 0 where not measured)
     * @param attributeRaw      raw ATTRIBUTE measure of this object (median over the references where it matched of
     *                          |log(area / counterpart's area)|, area-damped; 0 where not measured)
     * @param peerSizeRaw       raw PEER_SIZE of this object (its log pixel area against its peers' in the image, in
     *                          units of their spread; 0 where not measured)
     * @param peerShapeRaw      raw PEER_SHAPE of this object (its notch depth above its peers'; 0 where not measured)
     * @param peerSpacingRaw    raw PEER_SPACING of this object (how much nearer its nearest peer lies than its peers'
     *                          nearest ones; 0 where not measured)
     */
    public record ObjectFinding(int objectIndex, double logicalRaw, double unmatchedShare, double gaussianRaw,
            int reference, int referenceObject, double identityRaw, double attributeRaw, double peerSizeRaw,
            double peerShapeRaw, double peerSpacingRaw) {
        /** A finding without the peer measures. */
        public ObjectFinding(int objectIndex, double logicalRaw, double unmatchedShare, double gaussianRaw,
                int reference, int referenceObject, double identityRaw, double attributeRaw) {
            this(objectIndex, logicalRaw, unmatchedShare, gaussianRaw, reference, referenceObject, identityRaw,
                    attributeRaw, 0, 0, 0);
        }

        /** A finding without the ATTRIBUTE measure. */
        public ObjectFinding(int objectIndex, double logicalRaw, double unmatchedShare, double gaussianRaw,
                int reference, int referenceObject, double identityRaw) {
            this(objectIndex, logicalRaw, unmatchedShare, gaussianRaw, reference, referenceObject, identityRaw, 0);
        }

        /** The same finding with its IDENTITY value. */
        public ObjectFinding withIdentity(double raw) {
            return new ObjectFinding(objectIndex, logicalRaw, unmatchedShare, gaussianRaw, reference, referenceObject,
                    raw, attributeRaw, peerSizeRaw, peerShapeRaw, peerSpacingRaw);
        }

        /** The same finding with its PEER_SIZE, PEER_SHAPE and PEER_SPACING values. */
        public ObjectFinding withPeers(double size, double shape, double spacing) {
            return new ObjectFinding(objectIndex, logicalRaw, unmatchedShare, gaussianRaw, reference, referenceObject,
                    identityRaw, attributeRaw, size, shape, spacing);
        }
    }

    /**
     * @param reference       bank index of the reference image the object is taken from
     * @param referenceObject its index among that reference's objects
     * @param raw             raw MISSING measure of it
     */
    public record MissingFinding(int reference, int referenceObject, double raw) {
    }

    /**
     * A loose form of the query judged against its kind's objects.
     *
     * @param looseIndex index among the query scene's loose forms
     * @param sizeRaw    its raw PEER_SIZE
     * @param shapeRaw   its raw PEER_SHAPE
     */
    public record LooseFinding(int looseIndex, double sizeRaw, double shapeRaw) {
    }
}
