package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.config.SamladConfig;
import io.samlad.image.FloatMap;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.Scene;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the map puts the peer measures' findings on pin_grid (issue 11, map peak in the defect): two pins in one cell
 * are one finding, painted alike whichever of the two the patch distances favour; a pin the segmentation lost is
 * painted where its pixels are, once its peer z crosses the map threshold.
 */
class PeerPaintingTest {
    private static final int GRID = 16; // object grid 16 x 16, patch grid 4 x 4 (each patch covers 4 x 4 cells)
    private static final Calibration Z = Calibration.identity(); // z = raw value

    /** A 2 x 2 block of cells at (x, y). */
    private static ObjectMask block(int x, int y) {
        BitSet bits = new BitSet(GRID * GRID);
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                bits.set((y + dy) * GRID + x + dx);
            }
        }
        return new ObjectMask(GRID, GRID, bits);
    }

    /** A map whose patch distances peak (z 6) in the top-left patch, 1 elsewhere. */
    private static AnomalyMapBuilder map(RawMeasurement raw) {
        return new AnomalyMapBuilder(raw, Z, GRID, GRID, MapScale.of(Z, SamladConfig.Fusion.DEFAULTS), null);
    }

    private static RawMeasurement raw(Map<Measure, Double> values, List<RawMeasurement.LooseFinding> loose) {
        float[] forward = new float[16];
        java.util.Arrays.fill(forward, 1f);
        forward[0] = 6f;
        float[] gauss = new float[GRID * GRID];
        java.util.Arrays.fill(gauss, Float.NaN);
        FloatMap zero = new FloatMap(4, 4, new float[16]);
        return new RawMeasurement(values, new FloatMap(4, 4, forward), new FloatMap(4, 4, forward), zero, zero,
                new FloatMap(GRID, GRID, gauss), List.of(), List.of(), List.of(0), loose, null);
    }

    @Test
    void twoPartsTooNearEachOtherArePaintedAsOneFinding() {
        // the moved pin lies in the hot patch, the extra one beside it just outside: painted by their own spacing z
        // (4), the map peaks on the moved one only
        ObjectMask moved = block(2, 1);
        ObjectMask extra = block(5, 1);
        AnomalyMapBuilder map = map(raw(Map.of(Measure.PATCH, 6.0), List.of()));
        map.paint(moved, 4);
        map.paint(extra, 4);
        assertThat(AnomalyMapBuilder.max(map.painted(), extra)).isEqualTo(4);
        PredictionAssembler.paintPairs(List.of(moved, extra), map, GRID, GRID);
        assertThat(AnomalyMapBuilder.max(map.painted(), extra)).isEqualTo(6);
        assertThat(AnomalyMapBuilder.max(map.painted(), moved)).isEqualTo(6);
        // a part too near no other such part is painted as it was
        ObjectMask lone = block(10, 10);
        AnomalyMapBuilder other = map(raw(Map.of(Measure.PATCH, 6.0), List.of()));
        other.paint(lone, 4);
        PredictionAssembler.paintPairs(List.of(lone), other, GRID, GRID);
        assertThat(AnomalyMapBuilder.max(other.painted(), lone)).isEqualTo(4);
    }

    @Test
    void aLostPartIsPaintedWhereItsPixelsAreOnceItsPeerZCrossesTheMapThreshold() {
        ObjectMask small = block(10, 10);
        ObjectMask bitten = block(12, 4);
        ObjectForm f = new ObjectForm(80f, 0.05f, 0.8f, 0.6f, 0.2f);
        Scene query = new Scene(64, 64, new float[0], null, null, List.of(), new float[0], List.of(f, f),
                List.of(small, bitten), null);
        // the small part's PEER_SIZE z (9) is above the map threshold (5), the other's PEER_SHAPE z (3) is not
        RawMeasurement raw = raw(Map.of(Measure.PATCH, 6.0, Measure.PEER_SIZE, 9.0, Measure.PEER_SHAPE, 3.0),
                List.of(new RawMeasurement.LooseFinding(0, 9.0, 0), new RawMeasurement.LooseFinding(1, 0, 3.0)));
        AnomalyMapBuilder map = map(raw);
        MapScale scale = map.scale();
        PredictionAssembler.paintLoose(query, raw, Z, 5, scale, map);
        assertThat(AnomalyMapBuilder.max(map.painted(), small)).isEqualTo(9);
        assertThat(AnomalyMapBuilder.max(map.painted(), bitten)).isEqualTo(1);
        // a bank's scenes keep no cells: nothing to paint
        AnomalyMapBuilder bankSide = map(raw);
        PredictionAssembler.paintLoose(query.withoutFine(), raw, Z, 5, scale, bankSide);
        assertThat(AnomalyMapBuilder.max(bankSide.painted(), small)).isEqualTo(1);
    }
}
