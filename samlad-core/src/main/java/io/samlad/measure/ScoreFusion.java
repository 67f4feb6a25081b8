package io.samlad.measure;

import io.samlad.calibration.Measure;
import io.samlad.image.FloatMap;
import java.util.EnumMap;
import java.util.List;

/**
 * The image-level raw value of each measure, from the maps and findings of one query: the maximum over patches,
 * objects and missing objects. Which measures there are is decided here; calibration and the weighting of measures
 * into one score happen at prediction time.
 */
public final class ScoreFusion {
    private ScoreFusion() {
    }

    /**
     * @param bankMap the PATCH_BANK distances, or null when that measure is off
     */
    public static EnumMap<Measure, Double> imageValues(FloatMap patchMap, FloatMap bankMap,
            List<RawMeasurement.ObjectFinding> findings, List<RawMeasurement.MissingFinding> missing,
            double globalRaw) {
        return imageValues(patchMap, bankMap, findings, missing, globalRaw, false);
    }

    /**
     * @param bankMap    the PATCH_BANK distances, or null when that measure is off
     * @param attributes whether the ATTRIBUTE measure is on (its value: the largest of the objects')
     */
    public static EnumMap<Measure, Double> imageValues(FloatMap patchMap, FloatMap bankMap,
            List<RawMeasurement.ObjectFinding> findings, List<RawMeasurement.MissingFinding> missing,
            double globalRaw, boolean attributes) {
        EnumMap<Measure, Double> values = new EnumMap<>(Measure.class);
        values.put(Measure.PATCH, (double) patchMap.max());
        if (bankMap != null) {
            values.put(Measure.PATCH_BANK, (double) bankMap.max());
        }
        double gaussMax = 0;
        double objectMax = 0;
        double attributeMax = 0;
        for (RawMeasurement.ObjectFinding f : findings) {
            gaussMax = Math.max(gaussMax, f.gaussianRaw());
            objectMax = Math.max(objectMax, f.logicalRaw());
            attributeMax = Math.max(attributeMax, f.attributeRaw());
        }
        double missingMax = 0;
        for (RawMeasurement.MissingFinding m : missing) {
            missingMax = Math.max(missingMax, m.raw());
        }
        values.put(Measure.GAUSSIAN, gaussMax);
        values.put(Measure.OBJECT, objectMax);
        values.put(Measure.MISSING, missingMax);
        values.put(Measure.GLOBAL, globalRaw);
        if (attributes) {
            values.put(Measure.ATTRIBUTE, attributeMax);
        }
        return values;
    }
}
