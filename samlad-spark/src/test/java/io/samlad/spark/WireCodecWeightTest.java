package io.samlad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Measure;
import io.samlad.image.FloatMap;
import io.samlad.measure.RawMeasurement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A measurement shipped from a worker keeps the recognised objects' patch weights the calibration applies. */
class WireCodecWeightTest {
    private static RawMeasurement raw(float[] weight) {
        FloatMap p = new FloatMap(2, 2, new float[] {6, 3, -1, 0});
        return new RawMeasurement(Map.of(Measure.PATCH, 6.0, Measure.PATCH_BANK, 6.0), p, p, p, p,
                new FloatMap(2, 2, new float[4]), List.of(), List.of(), List.of(1, 2), List.of(), null, null, weight);
    }

    @Test
    void thePatchWeightsTravelWithTheMeasurement() {
        RawMeasurement sent = raw(new float[] {0.5f, 1, 1, 1});
        RawMeasurement back = WireCodec.decodeMeasurement(WireCodec.encodeMeasurement(sent));
        assertThat(back.patchWeight()).containsExactly(0.5f, 1f, 1f, 1f);
        assertThat(back.withPatchNoise(null, null).values().get(Measure.PATCH)).isEqualTo(3.0);
    }

    @Test
    void aMeasurementWithoutWeightsComesBackWithout() {
        assertThat(WireCodec.decodeMeasurement(WireCodec.encodeMeasurement(raw(null))).patchWeight()).isNull();
    }
}
