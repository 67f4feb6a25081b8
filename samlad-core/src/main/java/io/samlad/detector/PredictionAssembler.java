package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.image.FloatMap;
import io.samlad.measure.Calibration;
import io.samlad.measure.Measure;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Turns AMM's raw measures into a {@link Prediction}: calibrates each measure, paints the anomaly map, gives each
 * object its verdict, and splits the image score into its logical and structural parts.
 *
 * <p>Map: on the object grid, each cell takes the maximum of the calibrated patch distance (both directions,
 * upsampled from the patch grid), the calibrated Mahalanobis distance (inside matched objects), the calibrated
 * logical score of the query object covering it, and that of a missing reference object whose mask covers it; the
 * grid is then resized to the original image.
 *
 * <p>Verdicts, with t the calibrated threshold:
 * <ul>
 *   <li>a query object unmatched in most references, whose own cells are anomalous (forward patch distance or
 *       matching cost above t): {@link Verdict#EXTRA};</li>
 *   <li>a matched object whose matching cost is above t, or most of whose cells ({@link #MISMATCH_SHARE}) are
 *       anomalous (the whole object differs from its counterparts: colour, type): {@link Verdict#MISMATCHED};</li>
 *   <li>a matched object with anomalous cells in a smaller part, or a Mahalanobis peak above t:
 *       {@link Verdict#STRUCTURAL};</li>
 *   <li>an object of the nearest reference that no query object matched, more than half of whose cells the query
 *       lacks (reverse patch distance above t), or that the matching found missing with a score above t:
 *       {@link Verdict#MISSING}.</li>
 * </ul>
 * The logical score is the largest of the logical measures (OBJECT, MISSING, GLOBAL) and of the calibrated patch
 * distances inside extra, missing and mismatched objects; the structural score the largest of the GAUSSIAN measure
 * (times its fusion weight) and of the patch distances elsewhere; the image score is the larger of the two.
 */
final class PredictionAssembler {
    /**
     * An object with more than this share of its cells anomalous differs as a whole (mismatched); with less, the
     * defect is local (structural). A scratch across a small object can heat half of it after smoothing, a recolouring
     * heats all of it.
     */
    static final double MISMATCH_SHARE = 0.75;

    private PredictionAssembler() {
    }

    static Prediction assemble(int originalWidth, int originalHeight, Scene query, RawMeasurement raw,
            TemplateBank bank, Calibration cal, StageTimings timings) {
        double threshold = cal.threshold();
        double gaussianWeight = bank.config().measuring().gaussianWeight();
        int gw = query.fine().width();
        int gh = query.fine().height();
        float[] forward = calibratedPatch(raw.forwardMap(), gw, gh, cal, Measure.PATCH);
        float[] reverse = calibratedPatch(raw.reverseMap(), gw, gh, cal, Measure.PATCH);
        if (raw.values().containsKey(Measure.PATCH_BANK)) {
            // Query content no normal image explains, whether against the k references or the wider bank.
            float[] wide = calibratedPatch(raw.bankMap(), gw, gh, cal, Measure.PATCH_BANK);
            for (int i = 0; i < forward.length; i++) {
                forward[i] = Math.max(forward[i], wide[i]);
            }
        }
        float[] map = new float[gw * gh];
        for (int i = 0; i < map.length; i++) {
            map[i] = Math.max(forward[i], reverse[i]);
        }
        float[] gauss = raw.gaussianMap().data();
        for (int i = 0; i < map.length; i++) {
            if (!Float.isNaN(gauss[i])) {
                map[i] = Math.max(map[i], (float) cal.z(Measure.GAUSSIAN, gauss[i]));
            }
        }
        // The score is attributed from the patch map and the image-level measures, not from the display map: a
        // single cell's Mahalanobis distance is too noisy to decide an image (the GAUSSIAN measure is a robust
        // top-share mean, weighted by its fusion weight).
        float[] patchZ = new float[gw * gh];
        for (int i = 0; i < patchZ.length; i++) {
            patchZ[i] = Math.max(forward[i], reverse[i]);
        }
        double logical = Double.NEGATIVE_INFINITY;
        double structural = Double.NEGATIVE_INFINITY;
        for (var e : raw.values().entrySet()) {
            if (e.getKey() == Measure.PATCH || e.getKey() == Measure.PATCH_BANK) {
                continue; // attributed cell by cell below
            }
            double z = cal.z(e.getKey(), e.getValue());
            if (e.getKey().logical()) {
                logical = Math.max(logical, z);
            } else {
                structural = Math.max(structural, gaussianWeight * z);
            }
        }
        BitSet logicalCells = new BitSet(gw * gh);
        List<DetectedObject> objects = new ArrayList<>();
        for (RawMeasurement.ObjectFinding f : raw.objects()) {
            SceneObject so = query.objects().get(f.objectIndex());
            ObjectMask mask = so.mask();
            double zObj = cal.z(Measure.OBJECT, f.logicalRaw());
            double zPaint = zObj;
            if (raw.values().containsKey(Measure.IDENTITY) && f.identityRaw() > 0) {
                // Not the object that belongs at this place (its shape differs from every normal example there): as
                // much a logical finding about the object as a high matching cost.
                double zId = cal.z(Measure.IDENTITY, f.identityRaw());
                zObj = Math.max(zObj, zId);
                // On the map only where it is a finding: painting every object with its identity distance would
                // light whole objects of good images a little (AU-sPRO on juice_bottle fell from 0.790 to 0.775).
                zPaint = zId > threshold ? zObj : zPaint;
            }
            double zGauss = f.gaussianRaw() > 0 ? cal.z(Measure.GAUSSIAN, f.gaussianRaw()) : Double.NEGATIVE_INFINITY;
            double peak = max(forward, mask);
            double hotShare = shareAbove(forward, mask, threshold);
            Verdict verdict;
            double score;
            if (f.unmatchedShare() > 0.5 && (peak > threshold || zObj > threshold)) {
                verdict = Verdict.EXTRA;
                score = Math.max(peak, zObj);
            } else if (zObj > threshold || (hotShare > MISMATCH_SHARE && peak > threshold)) {
                verdict = Verdict.MISMATCHED;
                score = Math.max(peak, zObj);
            } else if (peak > threshold || zGauss > threshold) {
                verdict = Verdict.STRUCTURAL;
                score = Math.max(peak, zGauss);
            } else {
                verdict = Verdict.OK;
                score = Math.max(Math.max(peak, zObj), zGauss);
            }
            paint(map, mask, zPaint);
            if (verdict == Verdict.EXTRA || verdict == Verdict.MISMATCHED) {
                logical = Math.max(logical, max(patchZ, mask));
                logicalCells.or(mask.bits());
            }
            objects.add(describe(objects.size(), verdict, score, mask, originalWidth, originalHeight, f.reference(),
                    f.referenceObject()));
        }
        List<MissingCandidate> missing = missingCandidates(raw, bank, cal, reverse, gw, gh, threshold, objects);
        List<MissingCandidate> confirmed = new ArrayList<>();
        for (MissingCandidate m : missing) {
            paint(map, m.mask(), m.score());
            if (m.score() > threshold) {
                logical = Math.max(logical, max(patchZ, m.mask()));
                logicalCells.or(m.mask().bits());
                confirmed.add(m);
            }
        }
        // One missing part is one missing object: reference segments that touch (a ring and the floor inside it)
        // are reported together.
        for (List<Integer> group : TouchingMasks.groups(confirmed.stream().map(MissingCandidate::mask).toList())) {
            MissingCandidate top = confirmed.get(group.get(0));
            BitSet union = new BitSet(gw * gh);
            for (int g : group) {
                MissingCandidate m = confirmed.get(g);
                union.or(m.mask().bits());
                top = m.score() > top.score() ? m : top;
            }
            objects.add(describe(objects.size(), Verdict.MISSING, top.score(), new ObjectMask(gw, gh, union),
                    originalWidth, originalHeight, top.reference(), top.referenceObject()));
        }
        for (int i = 0; i < patchZ.length; i++) {
            if (!logicalCells.get(i)) {
                structural = Math.max(structural, patchZ[i]);
            }
        }
        if (logical == Double.NEGATIVE_INFINITY) {
            logical = 0;
        }
        if (structural == Double.NEGATIVE_INFINITY) {
            structural = 0;
        }
        double score = Math.max(logical, structural);
        FloatMap anomalyMap = new FloatMap(gw, gh, map).resize(originalWidth, originalHeight);
        return new Prediction(score, logical, structural, anomalyMap, objects, raw.references(), timings);
    }

    /** A reference object considered as missing, on the query's grid. */
    private record MissingCandidate(ObjectMask mask, double score, int reference, int referenceObject) {
    }

    /**
     * Objects of the nearest reference that the query lacks: those the matching found missing, and those more than
     * half of whose cells are hot in the reverse patch map (scored by the reverse map's peak inside them).
     */
    private static List<MissingCandidate> missingCandidates(RawMeasurement raw, TemplateBank bank, Calibration cal,
            float[] reverse, int gw, int gh, double threshold, List<DetectedObject> present) {
        List<MissingCandidate> out = new ArrayList<>();
        if (raw.references().isEmpty()) {
            return out;
        }
        int nearest = raw.references().get(0);
        List<SceneObject> refObjects = bank.scene(nearest).objects();
        double[] fromMatching = new double[refObjects.size()];
        java.util.Arrays.fill(fromMatching, Double.NEGATIVE_INFINITY);
        for (RawMeasurement.MissingFinding m : raw.missing()) {
            if (m.reference() == nearest) {
                fromMatching[m.referenceObject()] = cal.z(Measure.MISSING, m.raw());
            }
        }
        // Reference objects that a query object matched (and that got its own verdict) are present, changed or not.
        boolean[] matched = new boolean[refObjects.size()];
        for (DetectedObject o : present) {
            if (o.matchedReference() == nearest && o.matchedObject() >= 0) {
                matched[o.matchedObject()] = true;
            }
        }
        for (int j = 0; j < refObjects.size(); j++) {
            if (matched[j]) {
                continue;
            }
            ObjectMask mask = refObjects.get(j).mask().resample(gw, gh);
            double fromPatches = shareAbove(reverse, mask, threshold) > 0.5 ? max(reverse, mask)
                    : Double.NEGATIVE_INFINITY;
            double score = Math.max(fromMatching[j], fromPatches);
            if (score > Double.NEGATIVE_INFINITY) {
                out.add(new MissingCandidate(mask, score, nearest, j));
            }
        }
        return out;
    }

    /**
     * The patch-grid map calibrated like the PATCH measure and put onto the object grid, each object cell taking the
     * value of the patch that contains it. Interpolating instead would shave a one-patch peak (a small defect) down to
     * about half its height, and the image score would no longer be the PATCH measure it was calibrated as.
     */
    private static float[] calibratedPatch(FloatMap patch, int gw, int gh, Calibration cal, Measure measure) {
        float[] m = new float[gw * gh];
        double loc = cal.location().getOrDefault(measure, 0.0);
        double sc = cal.scale().getOrDefault(measure, 1.0);
        int pw = patch.width();
        int ph = patch.height();
        for (int y = 0; y < gh; y++) {
            int py = Math.min(ph - 1, (int) ((y + 0.5) * ph / gh));
            for (int x = 0; x < gw; x++) {
                int px = Math.min(pw - 1, (int) ((x + 0.5) * pw / gw));
                m[y * gw + x] = (float) ((patch.get(px, py) - loc) / sc);
            }
        }
        return m;
    }

    private static void paint(float[] map, ObjectMask mask, double value) {
        BitSet bits = mask.bits();
        float v = (float) value;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            map[i] = Math.max(map[i], v);
        }
    }

    private static double max(float[] values, ObjectMask mask) {
        double max = Double.NEGATIVE_INFINITY;
        BitSet bits = mask.bits();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    private static double shareAbove(float[] values, ObjectMask mask, double threshold) {
        BitSet bits = mask.bits();
        int n = 0;
        int hot = 0;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            n++;
            if (values[i] > threshold) {
                hot++;
            }
        }
        return n == 0 ? 0 : hot / (double) n;
    }

    private static DetectedObject describe(int id, Verdict verdict, double score, ObjectMask m, int w, int h,
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
