package io.samlad.detector;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.image.FloatMap;
import io.samlad.image.MapEnlargement;
import io.samlad.measure.RawMeasurement;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;
import java.util.List;

/**
 * The anomaly map of one prediction, on the object grid: each cell takes the maximum of the calibrated patch
 * distance (both directions, and bank-wide where measured, put onto the object grid), the calibrated Mahalanobis
 * distance (inside matched objects), and the calibrated scores painted over objects; {@link #build} resizes it to the
 * original image. Also gives the calibrated patch layers that verdicts read.
 */
final class AnomalyMapBuilder {
    private final int width;
    private final int height;
    private final float[] forward;
    private final float[] reverse;
    private final float[] patch;
    private final float[] map;
    private final MapScale scale;

    /**
     * The layers of one query's measurement; the map's layers compared on {@code scale}.
     *
     * @param gaussianCap per object-grid cell, the largest z a Mahalanobis cell may reach on the map, and the weight
     *                    it is multiplied by ({@link #gaussianCap}); null: every cell's own z, unweighted
     */
    AnomalyMapBuilder(RawMeasurement raw, Calibration cal, int gridWidth, int gridHeight, MapScale scale,
            GaussianCap gaussianCap) {
        this.scale = scale;
        width = gridWidth;
        height = gridHeight;
        forward = calibratedPatch(raw.forwardMap(), cal, Measure.PATCH);
        reverse = calibratedPatch(raw.reverseMap(), cal, Measure.PATCH);
        map = new float[width * height];
        for (int i = 0; i < map.length; i++) {
            map[i] = (float) scale.of(Measure.PATCH, Math.max(forward[i], reverse[i]));
        }
        if (raw.values().containsKey(Measure.PATCH_BANK)) {
            // Query content no normal image explains, whether against the k references or the wider bank.
            float[] wide = calibratedPatch(raw.bankMap(), cal, Measure.PATCH_BANK);
            for (int i = 0; i < forward.length; i++) {
                forward[i] = Math.max(forward[i], wide[i]);
                map[i] = Math.max(map[i], (float) scale.of(Measure.PATCH_BANK, wide[i]));
            }
        }
        patch = new float[width * height];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = Math.max(forward[i], reverse[i]);
        }
        float[] gauss = raw.gaussianMap().data();
        for (int i = 0; i < map.length; i++) {
            if (!Float.isNaN(gauss[i])) {
                double z = cal.z(Measure.GAUSSIAN, gauss[i]);
                if (gaussianCap != null) {
                    z = gaussianCap.weight() * Math.min(z, gaussianCap.cap()[i]);
                }
                map[i] = Math.max(map[i], (float) scale.of(Measure.GAUSSIAN, z));
            }
        }
    }

    /**
     * How the Mahalanobis cells enter the map when they enter it as the GAUSSIAN measure enters the structural
     * score: a single cell's distance is noisy (a few cells along every boundary of a normal object are far from
     * the counterparts' Gaussian, where masks are cut a cell differently), so no cell reaches above its object's
     * robust maximum, the value the measure was calibrated on, and the layer carries the measure's weight.
     *
     * @param cap    per object-grid cell, its object's calibrated robust maximum (negative infinity outside objects)
     * @param weight {@code gaussianWeight}
     */
    record GaussianCap(float[] cap, double weight) {
        /** The caps of one query: each matched object's calibrated GAUSSIAN value over its mask. */
        static GaussianCap of(RawMeasurement raw, List<ObjectMask> masks, Calibration cal, double weight, int cells) {
            float[] cap = new float[cells];
            java.util.Arrays.fill(cap, Float.NEGATIVE_INFINITY);
            for (RawMeasurement.ObjectFinding f : raw.objects()) {
                if (f.gaussianRaw() > 0) {
                    float z = (float) cal.z(Measure.GAUSSIAN, f.gaussianRaw());
                    BitSet bits = masks.get(f.objectIndex()).bits();
                    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                        cap[i] = Math.max(cap[i], z);
                    }
                }
            }
            return new GaussianCap(cap, weight);
        }
    }

    /** The map as painted so far, on the map's scale, per object-grid cell (not to be changed). */
    float[] painted() {
        return map;
    }

    /** Calibrated forward patch distance (query content the references do not explain), per object-grid cell. */
    float[] forward() {
        return forward;
    }

    /** Calibrated reverse patch distance (reference content the query lacks), per object-grid cell. */
    float[] reverse() {
        return reverse;
    }

    /**
     * Calibrated patch distance, both directions, per cell: what the image score is attributed from. A single
     * cell's Mahalanobis distance is too noisy to decide an image, so it is in the map but not here.
     */
    float[] patch() {
        return patch;
    }

    /** The scale the map's layers are painted on. */
    MapScale scale() {
        return scale;
    }

    /** Raises the cells of {@code mask} to at least {@code value} (on the map's scale, {@link #scale()}). */
    /** Paints each cell with at least its weight in {@code weights} (in [0, 1]) times {@code value}. */
    void paint(float[] weights, double value) {
        for (int i = 0; i < weights.length && i < map.length; i++) {
            if (weights[i] > 0) {
                map[i] = Math.max(map[i], (float) (weights[i] * value));
            }
        }
    }

    void paint(ObjectMask mask, double value) {
        BitSet bits = mask.bits();
        float v = (float) value;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            map[i] = Math.max(map[i], v);
        }
    }

    /**
     * The map enlarged to the original image ({@link MapEnlargement}: interpolated up to the working resolution, held
     * constant over each working pixel above it), its values on the reported scale ({@link MapScale#reported}).
     */
    FloatMap build(int originalWidth, int originalHeight, int workingWidth, int workingHeight) {
        float[] out = map.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) scale.reported(out[i]);
        }
        return MapEnlargement.enlarge(new FloatMap(width, height, out), originalWidth, originalHeight, workingWidth,
                workingHeight);
    }

    /**
     * The patch-grid map calibrated like the given measure and put onto the object grid, each object cell taking the
     * value of the patch that contains it. Interpolating instead would shave a one-patch peak (a small defect) down to
     * about half its height, and the image score would no longer be the PATCH measure it was calibrated as.
     */
    private float[] calibratedPatch(FloatMap patchGrid, Calibration cal, Measure measure) {
        float[] m = new float[width * height];
        double loc = cal.location().getOrDefault(measure, 0.0);
        double sc = cal.scale().getOrDefault(measure, 1.0);
        int pw = patchGrid.width();
        int ph = patchGrid.height();
        for (int y = 0; y < height; y++) {
            int py = Math.min(ph - 1, (int) ((y + 0.5) * ph / height));
            for (int x = 0; x < width; x++) {
                int px = Math.min(pw - 1, (int) ((x + 0.5) * pw / width));
                m[y * width + x] = (float) ((patchGrid.get(px, py) - loc) / sc);
            }
        }
        return m;
    }

    /** Largest of {@code values} inside {@code mask}, or negative infinity for an empty mask. */
    static double max(float[] values, ObjectMask mask) {
        double max = Double.NEGATIVE_INFINITY;
        BitSet bits = mask.bits();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            max = Math.max(max, values[i]);
        }
        return max;
    }

    /** Share of the cells of {@code mask} whose value is above {@code threshold}. */
    static double shareAbove(float[] values, ObjectMask mask, double threshold) {
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
}
