package io.samlad.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.image.FloatMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void zIsZeroAtTheNormalMedianAndOneAtTheNinetiethPercentile() {
        double[] patch = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        Calibration c = Calibration.fit(Map.of(Measure.PATCH, patch), Map.of(Measure.PATCH, 1e-6));
        // median 6, 90th percentile 10: scale 4.
        assertThat(c.z(Measure.PATCH, 6)).isZero();
        assertThat(c.z(Measure.PATCH, 10)).isCloseTo(1, within(1e-12));
    }

    @Test
    void aConstantMeasureUsesItsFloorInsteadOfAZeroScale() {
        Calibration c = Calibration.fit(Map.of(Measure.MISSING, new double[] {0, 0, 0, 0}),
                Map.of(Measure.MISSING, 0.15));
        assertThat(c.z(Measure.MISSING, 0.6)).isCloseTo(4, within(1e-12));
    }

    @Test
    void patchNoiseDividesByThePerPositionSpreadShrunkTowardsTheMedian() {
        // Position 0 never varies, position 1 varies a lot; 3 maps, prior of 20 pseudo-images.
        List<FloatMap> maps = List.of(new FloatMap(2, 1, new float[] {1, 0}), new FloatMap(2, 1, new float[] {1, 4}),
                new FloatMap(2, 1, new float[] {1, 8}));
        PatchNoise n = PatchNoise.fit(maps).orElseThrow();
        FloatMap z = n.apply(new FloatMap(2, 1, new float[] {3, 12}));
        // std: 0 and 4; median over positions (upper of two) = 4; means 1 and 4, median mean 4.
        double mean0 = (3 * 1 + 20 * 4) / 23.0;
        double scale0 = Math.sqrt((3 * 0 + 20 * 16) / 23.0);
        assertThat(z.data()[0]).isCloseTo((float) ((3 - mean0) / scale0), within(1e-5f));
        double mean1 = (3 * 4 + 20 * 4) / 23.0;
        double scale1 = Math.sqrt((3 * 16 + 20 * 16) / 23.0);
        assertThat(z.data()[1]).isCloseTo((float) ((12 - mean1) / scale1), within(1e-5f));
    }

    @Test
    void theNoisePriorSetsHowFarEachPositionIsPulledTowardsTheMedianPosition() {
        // Position 0 never varies, position 1 varies a lot (as around a part that moves from image to image).
        List<FloatMap> maps = List.of(new FloatMap(2, 1, new float[] {1, 0}), new FloatMap(2, 1, new float[] {1, 4}),
                new FloatMap(2, 1, new float[] {1, 8}));
        FloatMap query = new FloatMap(2, 1, new float[] {3, 12});
        // Without a prior each position keeps its own statistics: position 1's z is (12 - 4) / 4.
        assertThat(PatchNoise.fit(maps, 0).orElseThrow().apply(query).data()[1]).isCloseTo(2f, within(1e-5f));
        // The default is the prior of 20 images.
        assertThat(PatchNoise.fit(maps, PatchNoise.PRIOR_IMAGES).orElseThrow().apply(query).data())
                .containsExactly(PatchNoise.fit(maps).orElseThrow().apply(query).data());
        // A heavier prior pulls both positions towards one model: the same distance reads alike at both.
        float[] weak = PatchNoise.fit(maps, 20).orElseThrow().apply(new FloatMap(2, 1, new float[] {8, 8})).data();
        float[] strong = PatchNoise.fit(maps, 1e6).orElseThrow().apply(new FloatMap(2, 1, new float[] {8, 8})).data();
        assertThat(Math.abs(strong[0] - strong[1])).isLessThan(1e-3f).isLessThan(Math.abs(weak[0] - weak[1]));
    }
}
