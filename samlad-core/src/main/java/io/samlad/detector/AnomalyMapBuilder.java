package io.samlad.detector;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.image.FloatMap;
import io.samlad.image.MapEnlargement;
import io.samlad.measure.RawMeasurement;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;

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
    private final Calibration cal;

    AnomalyMapBuilder(RawMeasurement raw, Calibration cal, int gridWidth, int gridHeight) {
        this.cal = cal;
        width = gridWidth;
        height = gridHeight;
        forward = calibratedPatch(raw.forwardMap(), cal, Measure.PATCH);
        reverse = calibratedPatch(raw.reverseMap(), cal, Measure.PATCH);
        if (raw.values().containsKey(Measure.PATCH_BANK)) {
            // Query content no normal image explains, whether against the k references or the wider bank.
            float[] wide = calibratedPatch(raw.bankMap(), cal, Measure.PATCH_BANK);
            for (int i = 0; i < forward.length; i++) {
                forward[i] = Math.max(forward[i], wide[i]);
            }
        }
        patch = new float[width * height];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = Math.max(forward[i], reverse[i]);
        }
        map = patch.clone();
        float[] gauss = raw.gaussianMap().data();
        for (int i = 0; i < map.length; i++) {
            if (!Float.isNaN(gauss[i])) {
                map[i] = Math.max(map[i], (float) cal.z(Measure.GAUSSIAN, gauss[i]));
            }
        }
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

    /** Raises the cells of {@code mask} to at least {@code value}. */
    void paint(ObjectMask mask, double value) {
        BitSet bits = mask.bits();
        float v = (float) value;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            map[i] = Math.max(map[i], v);
        }
    }

    /**
     * The map enlarged to the original image ({@link MapEnlargement}: interpolated up to the working resolution, held
     * constant over each working pixel above it), its values on the reported scale ({@link Calibration#reported}).
     */
    FloatMap build(int originalWidth, int originalHeight, int workingWidth, int workingHeight) {
        float[] out = map.clone();
        if (cal.fusion() != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) cal.reported(out[i]);
            }
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
