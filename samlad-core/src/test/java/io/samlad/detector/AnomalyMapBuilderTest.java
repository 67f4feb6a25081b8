package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.config.SamladConfig;
import io.samlad.image.FloatMap;
import io.samlad.measure.RawMeasurement;
import io.samlad.segment.ObjectMask;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the anomaly map peaks. A matched object whose Mahalanobis cells are quiet but for one boundary cell (a mask
 * cut one cell differently from its counterparts') lies beside a patch defect of z 3: the map must peak on the defect,
 * as the image score does, not on the one noisy cell.
 */
class AnomalyMapBuilderTest {
    private static final int GRID = 8; // object grid 8 x 8, patch grid 4 x 4 (each patch covers 2 x 2 cells)
    private static final int BOUNDARY_CELL = 3 * GRID + 3;
    private static final int DEFECT_CELL = 6 * GRID + 6; // the first cell of the defect patch

    @Test
    void theMapPeaksOnTheDefectNotOnAnObjectsNoisyBoundaryCell() {
        float[] map = build(SamladConfig.Fusion.MapGaussian.OBJECT);
        assertThat(argmax(map)).isEqualTo(DEFECT_CELL);
        assertThat(map[BOUNDARY_CELL]).as("weight 0.5 times the object's robust maximum 1.5").isEqualTo(0.75f);
    }

    @Test
    void eachCellsOwnMahalanobisZPutThePeakOnTheNoisyCell() {
        // the rule before: every cell's own z, unweighted
        assertThat(argmax(build(SamladConfig.Fusion.MapGaussian.CELL))).isEqualTo(BOUNDARY_CELL);
    }

    @Test
    void anObjectUnlikeItsPlacesNormalExamplesIsPaintedWithThatEvenBelowTheThreshold() {
        // a 3 written in the 7's cell: matching cost ordinary (z 0.4), identity distance unusual (z 2.5) but under
        // the map threshold (4): the map must still point at it, above the patch noise of the grid (z 1 to 2)
        MapScale z = MapScale.of(Calibration.identity(), SamladConfig.Fusion.DEFAULTS);
        double none = Double.NEGATIVE_INFINITY;
        assertThat(PredictionAssembler.objectPaint(0.4, 2.5, none, 4, SamladConfig.Fusion.MapObjects.SCORE, z))
                .isEqualTo(2.5);
        assertThat(PredictionAssembler.objectPaint(0.4, 2.5, none, 4, SamladConfig.Fusion.MapObjects.FINDINGS, z))
                .as("before: identity painted only where it is a finding").isEqualTo(0.4);
        assertThat(PredictionAssembler.objectPaint(0.4, 5.0, none, 4, SamladConfig.Fusion.MapObjects.FINDINGS, z))
                .isEqualTo(5.0);
        assertThat(PredictionAssembler.objectPaint(0.4, none, none, 4, SamladConfig.Fusion.MapObjects.SCORE, z))
                .as("not measured").isEqualTo(0.4);
    }

    private static float[] build(SamladConfig.Fusion.MapGaussian how) {
        float[] forward = new float[16];
        forward[3 * 4 + 3] = 3f; // the defect, bottom-right patch
        float[] gauss = new float[GRID * GRID];
        Arrays.fill(gauss, Float.NaN);
        BitSet object = new BitSet(GRID * GRID);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                object.set(y * GRID + x);
                gauss[y * GRID + x] = 1f;
            }
        }
        gauss[BOUNDARY_CELL] = 6f;
        RawMeasurement raw = new RawMeasurement(Map.of(Measure.PATCH, 3.0, Measure.GAUSSIAN, 1.5),
                new FloatMap(4, 4, forward), new FloatMap(4, 4, forward), new FloatMap(4, 4, new float[16]),
                new FloatMap(4, 4, new float[16]), new FloatMap(GRID, GRID, gauss),
                List.of(new RawMeasurement.ObjectFinding(0, 0, 0, 1.5, 0, 0, 0)), List.of(), List.of(0));
        Calibration cal = Calibration.identity(); // z = raw value
        SamladConfig.Fusion fusion = SamladConfig.Fusion.DEFAULTS.withMapGaussian(how);
        AnomalyMapBuilder.GaussianCap cap = how == SamladConfig.Fusion.MapGaussian.OBJECT
                ? AnomalyMapBuilder.GaussianCap.of(raw, List.of(new ObjectMask(GRID, GRID, object)), cal, 0.5,
                        GRID * GRID)
                : null;
        // the map at the grid's own size (image and working size both the grid's)
        return new AnomalyMapBuilder(raw, cal, GRID, GRID, MapScale.of(cal, fusion), cap).build(GRID, GRID, GRID, GRID)
                .data();
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
