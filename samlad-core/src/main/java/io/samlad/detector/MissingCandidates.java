package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Objects of the nearest reference that the query may lack: those the matching found missing, and those more than
 * half of whose cells ({@link #LACKING_SHARE}) are hot in the reverse patch map (scored by the reverse map's peak
 * inside them). Reference objects that a query object matched (and that got their own verdict) are present.
 *
 * <p>A cell is hot above a cell level of its own, not above the image threshold: the threshold is set for the image's
 * largest value over thousands of cells (and moves with how it is calibrated), while a missing object lowers the
 * match of many cells at once, each moderately. Candidates are painted on the map; only those scoring above the
 * threshold become {@code missing} findings.
 */
final class MissingCandidates {
    /** A reference object more than this share of whose cells the query lacks is a candidate missing object. */
    static final double LACKING_SHARE = 0.5;

    private MissingCandidates() {
    }

    /**
     * A reference object considered as missing, on the query's object grid: its score (z) decides it, its map value
     * (on the map's scale) is painted. {@code zMatching} and {@code zPatches} are its two z (negative infinity
     * where that one did not find it).
     */
    record Candidate(ObjectMask mask, double score, double mapValue, int reference, int referenceObject,
            double zMatching, double zPatches) {

        /** Found missing by both the matching and the reverse map. */
        boolean corroborated() {
            return zMatching > Double.NEGATIVE_INFINITY && zPatches > Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * @param reverse   calibrated reverse patch distances on the query's object grid ({@code gw x gh})
     * @param cellLevel a cell of {@code reverse} above it is hot
     * @param present   the verdicts on the query's objects so far
     * @param scale     the map's scale: a candidate's map value is that of the larger of its two scores
     * @param corroborated a candidate found by both the matching and the reverse map is scored by their joint rarity
     *                  ({@link Calibration#jointOnMapScale}), else by the larger of its two z
     */
    static List<Candidate> find(RawMeasurement raw, TemplateBank bank, Calibration cal, float[] reverse, int gw,
            int gh, double cellLevel, List<DetectedObject> present, MapScale scale, boolean corroborated) {
        List<Candidate> out = new ArrayList<>();
        if (raw.references().isEmpty()) {
            return out;
        }
        int nearest = raw.references().get(0);
        List<SceneObject> refObjects = bank.scene(nearest).objects();
        double[] fromMatching = new double[refObjects.size()];
        Arrays.fill(fromMatching, Double.NEGATIVE_INFINITY);
        for (RawMeasurement.MissingFinding m : raw.missing()) {
            if (m.reference() == nearest) {
                fromMatching[m.referenceObject()] = cal.z(Measure.MISSING, m.raw());
            }
        }
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
            double fromPatches = AnomalyMapBuilder.shareAbove(reverse, mask, cellLevel) > LACKING_SHARE
                    ? AnomalyMapBuilder.max(reverse, mask) : Double.NEGATIVE_INFINITY;
            double score = Math.max(fromMatching[j], fromPatches);
            if (corroborated && fromMatching[j] > Double.NEGATIVE_INFINITY
                    && fromPatches > Double.NEGATIVE_INFINITY) {
                // found missing twice, by the matching and by the patches the query lacks there: as rare as both
                score = cal.jointOnMapScale(Measure.MISSING, fromMatching[j], Measure.PATCH, fromPatches);
            }
            if (score > Double.NEGATIVE_INFINITY) {
                double mapValue = Math.max(
                        fromMatching[j] > Double.NEGATIVE_INFINITY ? scale.of(Measure.MISSING, fromMatching[j])
                                : Double.NEGATIVE_INFINITY,
                        fromPatches > Double.NEGATIVE_INFINITY ? scale.of(Measure.PATCH, fromPatches)
                                : Double.NEGATIVE_INFINITY);
                out.add(new Candidate(mask, score, mapValue, nearest, j, fromMatching[j], fromPatches));
            }
        }
        return out;
    }
}
