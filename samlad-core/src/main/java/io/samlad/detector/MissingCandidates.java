package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.FusionScales;
import io.samlad.calibration.MissingPair;
import io.samlad.calibration.Measure;
import io.samlad.measure.RawMeasurement;
import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
            double zMatching, double zPatches, double emptiness) {

        /** Found missing by both the matching and the reverse map. */
        boolean corroborated() {
            return zMatching > Double.NEGATIVE_INFINITY && zPatches > Double.NEGATIVE_INFINITY;
        }

        /**
         * Joins the image score's joint rarity: found twice, or found by the matching at a place that the query's own
         * features find emptier than the reference object ({@code fusion.emptyPlace}; emptiness above 0: no cell there
         * differs from the query's background as much as the reference object does on average). A place with ink
         * (emptiness 0) is the matching's finding alone, as before.
         */
        boolean joint() {
            return corroborated() || (zMatching > Double.NEGATIVE_INFINITY && emptiness > 0);
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
        return find(raw, bank, cal, reverse, gw, gh, cellLevel, present, scale, corroborated, null);
    }

    /**
     * @param query the query, whose fine features judge the place of each candidate the matching found
     *              ({@link #emptiness}; {@code fusion.emptyPlace}); null: not judged (NaN). Where the bank's fusion
     *              holds an emptiness scale and {@code corroborated} is on, such a candidate found twice, or at a place
     *              emptier than the reference object, is judged by {@code G_M^-1} of its joint surprisal with the
     *              place's ({@link FusionScales#jointSurprisal})
     */
    static List<Candidate> find(RawMeasurement raw, TemplateBank bank, Calibration cal, float[] reverse, int gw,
            int gh, double cellLevel, List<DetectedObject> present, MapScale scale, boolean corroborated,
            Scene query) {
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
        float[] background = null;
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
                // the matching's candidate judged by the query's own features where it should be (fusion.emptyPlace)
                double empty = Double.NaN;
                if (query != null && fromMatching[j] > Double.NEGATIVE_INFINITY) {
                    if (background == null) {
                        background = background(query);
                    }
                    empty = emptiness(query, refObjects.get(j).meanFeature(), mask, background);
                    FusionScales f = cal.fusion();
                    if (corroborated && f != null && f.emptyPlace() != null
                            && (fromPatches > Double.NEGATIVE_INFINITY || empty > 0)) {
                        // found by the matching and empty there: as rare as all its evidence together
                        score = Math.max(score, f.maximum().inverse(
                                f.jointSurprisal(new MissingPair(fromMatching[j], fromPatches, empty))));
                    }
                }
                out.add(new Candidate(mask, score, mapValue, nearest, j, fromMatching[j], fromPatches, empty));
            }
        }
        return out;
    }

    /**
     * How empty the query is where a reference object lies, judged by the query's own fine features rather than by
     * its segmentation: with {@code b} the query's background feature ({@link #background}), {@code mu_R} the
     * reference object's mean feature and {@code N} its mask grown by one cell (a digit written a little aside),
     *
     * <pre>    e = 1 - min(1, max_{c in N} |f_Q(c) - b| / |mu_R - b|)</pre>
     *
     * 1 where every cell there looks like the query's background, 0 where any cell differs from it as much as the
     * reference object does on average (strokes there, however the segmentation cut them). NaN where the query has
     * no fine features on the mask's grid, no background, or the reference object does not stand out from it.
     */
    static double emptiness(Scene query, float[] referenceMean, ObjectMask mask, float[] background) {
        FeatureMap fine = query.fine();
        if (fine == null || background == null || referenceMean == null || fine.width() != mask.width()
                || fine.height() != mask.height() || fine.channels() != referenceMean.length) {
            return Double.NaN;
        }
        int c = fine.channels();
        double contrast = 0;
        for (int k = 0; k < c; k++) {
            double d = referenceMean[k] - background[k];
            contrast += d * d;
        }
        contrast = Math.sqrt(contrast);
        if (!(contrast > 1e-9)) {
            return Double.NaN;
        }
        BitSet near = MaskCleanup.dilate(mask.bits(), mask.width(), mask.height());
        float[] data = fine.data();
        double largest = 0;
        for (int i = near.nextSetBit(0); i >= 0; i = near.nextSetBit(i + 1)) {
            int o = i * c;
            double d2 = 0;
            for (int k = 0; k < c; k++) {
                double d = data[o + k] - background[k];
                d2 += d * d;
            }
            largest = Math.max(largest, d2);
        }
        return 1 - Math.min(1, Math.sqrt(largest) / contrast);
    }

    /**
     * The query's background feature: the mean fine feature over the cells that no query object covers, the objects
     * grown by one cell (their blurred rims are not background); null where none is left.
     */
    static float[] background(Scene query) {
        FeatureMap fine = query.fine();
        if (fine == null) {
            return null;
        }
        int gw = fine.width();
        int gh = fine.height();
        BitSet covered = new BitSet(gw * gh);
        for (SceneObject o : query.objects()) {
            if (o.mask().width() == gw && o.mask().height() == gh) {
                covered.or(o.mask().bits());
            }
        }
        covered = MaskCleanup.dilate(covered, gw, gh);
        int c = fine.channels();
        double[] sum = new double[c];
        int n = 0;
        float[] data = fine.data();
        for (int i = covered.nextClearBit(0); i < gw * gh; i = covered.nextClearBit(i + 1)) {
            int o = i * c;
            for (int k = 0; k < c; k++) {
                sum[k] += data[o + k];
            }
            n++;
        }
        if (n == 0) {
            return null;
        }
        float[] mean = new float[c];
        for (int k = 0; k < c; k++) {
            mean[k] = (float) (sum[k] / n);
        }
        return mean;
    }
}
