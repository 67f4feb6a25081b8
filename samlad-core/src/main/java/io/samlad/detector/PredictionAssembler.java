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
 * Turns AMM's raw measures into a {@link Prediction}: calibrates each measure, fuses them (maximum) into the image
 * score, paints the anomaly map and gives each object its verdict.
 *
 * <p>Map: on the object grid, each cell takes the maximum of the calibrated patch distance (upsampled from the patch
 * grid), the calibrated Mahalanobis distance (inside matched objects), the calibrated logical score of the query object
 * covering it, and the calibrated score of a missing reference object whose mask covers it; the grid is then resized
 * to the original image.
 */
final class PredictionAssembler {
    private PredictionAssembler() {
    }

    static Prediction assemble(int originalWidth, int originalHeight, Scene query, RawMeasurement raw,
            TemplateBank bank, Calibration cal, StageTimings timings) {
        double logical = Double.NEGATIVE_INFINITY;
        double structural = Double.NEGATIVE_INFINITY;
        for (var e : raw.values().entrySet()) {
            double z = cal.z(e.getKey(), e.getValue());
            if (e.getKey().logical()) {
                logical = Math.max(logical, z);
            } else {
                structural = Math.max(structural, z);
            }
        }
        if (logical == Double.NEGATIVE_INFINITY) {
            logical = 0;
        }
        if (structural == Double.NEGATIVE_INFINITY) {
            structural = 0;
        }
        double score = Math.max(logical, structural);
        double threshold = cal.threshold();

        int gw = query.fine().width();
        int gh = query.fine().height();
        float[] map = raw.patchMap().resize(gw, gh).data().clone();
        double locP = cal.location().getOrDefault(Measure.PATCH, 0.0);
        double scP = cal.scale().getOrDefault(Measure.PATCH, 1.0);
        for (int i = 0; i < map.length; i++) {
            map[i] = (float) ((map[i] - locP) / scP);
        }
        float[] patchZ = map.clone();
        float[] gauss = raw.gaussianMap().data();
        for (int i = 0; i < map.length; i++) {
            if (!Float.isNaN(gauss[i])) {
                map[i] = Math.max(map[i], (float) cal.z(Measure.GAUSSIAN, gauss[i]));
            }
        }
        List<DetectedObject> objects = new ArrayList<>();
        for (RawMeasurement.ObjectFinding f : raw.objects()) {
            SceneObject so = query.objects().get(f.objectIndex());
            double zObj = cal.z(Measure.OBJECT, f.logicalRaw());
            paint(map, so.mask(), zObj);
            double zStruct = Math.max(f.gaussianRaw() > 0 ? cal.z(Measure.GAUSSIAN, f.gaussianRaw())
                    : Double.NEGATIVE_INFINITY, maxInside(patchZ, so.mask()));
            Verdict verdict;
            if (zObj > threshold) {
                verdict = f.unmatchedShare() > 0.5 ? Verdict.EXTRA : Verdict.MISMATCHED;
            } else if (zStruct > threshold) {
                verdict = Verdict.STRUCTURAL;
            } else {
                verdict = Verdict.OK;
            }
            objects.add(describe(objects.size(), verdict, Math.max(zObj, zStruct), so.mask(), originalWidth,
                    originalHeight, f.reference(), f.referenceObject()));
        }
        for (RawMeasurement.MissingFinding m : raw.missing()) {
            ObjectMask refMask = bank.scene(m.reference()).objects().get(m.referenceObject()).mask().resample(gw, gh);
            double z = cal.z(Measure.MISSING, m.raw());
            paint(map, refMask, z);
            if (z > threshold) {
                objects.add(describe(objects.size(), Verdict.MISSING, z, refMask, originalWidth, originalHeight,
                        m.reference(), m.referenceObject()));
            }
        }
        FloatMap anomalyMap = new FloatMap(gw, gh, map).resize(originalWidth, originalHeight);
        return new Prediction(score, logical, structural, anomalyMap, objects, raw.references(), timings);
    }

    private static void paint(float[] map, ObjectMask mask, double value) {
        BitSet bits = mask.bits();
        float v = (float) value;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            map[i] = Math.max(map[i], v);
        }
    }

    private static double maxInside(float[] values, ObjectMask mask) {
        double max = Double.NEGATIVE_INFINITY;
        BitSet bits = mask.bits();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            max = Math.max(max, values[i]);
        }
        return max;
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
