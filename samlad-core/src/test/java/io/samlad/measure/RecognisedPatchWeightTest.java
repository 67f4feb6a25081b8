package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Measure;
import io.samlad.calibration.PatchNoise;
import io.samlad.config.SamladConfig;
import io.samlad.image.FloatMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code measuring.recognisedPatchWeight}: the calibrated patch distances around an object its place recognises count
 * w times, after the per-position noise model (so that normal images and queries are weighed alike, whatever the
 * noise), and PATCH and PATCH_BANK are read from the weighted maps.
 */
class RecognisedPatchWeightTest {
    /** 2x2 patch maps: cell 0 lies in a recognised object's box (weight 0.5), the others do not. */
    private static final float[] WEIGHT = {0.5f, 1f, 1f, 1f};

    private static RawMeasurement raw(float[] patch, float[] bank, float[] weight) {
        FloatMap p = new FloatMap(2, 2, patch);
        FloatMap b = new FloatMap(2, 2, bank);
        return new RawMeasurement(Map.of(Measure.PATCH, 0.0, Measure.PATCH_BANK, 0.0), p, p, p, b,
                new FloatMap(2, 2, new float[4]), List.of(), List.of(), List.of(), List.of(), null, null, weight);
    }

    @Test
    void theRecognisedObjectsStrokesCountHalfAndTheLargestDistanceMovesElsewhere() {
        RawMeasurement r = raw(new float[] {6, 3, -1, 0}, new float[] {5, 1, 4, -2}, WEIGHT).weighted();
        assertThat(r.patchMap().data()).containsExactly(3f, 3f, -1f, 0f);
        assertThat(r.bankMap().data()).containsExactly(2.5f, 1f, 4f, -2f);
        assertThat(r.values().get(Measure.PATCH)).isEqualTo(3.0);
        assertThat(r.values().get(Measure.PATCH_BANK)).isEqualTo(4.0);
        // applied once: the weighted measurement carries no weight to apply again
        assertThat(r.patchWeight()).isNull();
        assertThat(r.weighted().patchMap().data()).containsExactly(3f, 3f, -1f, 0f);
    }

    @Test
    void distancesBelowTheUsualAreNotWeighed() {
        // a negative calibrated distance (better explained than usual) is no evidence to discount
        RawMeasurement r = raw(new float[] {-4, 1, 1, 1}, new float[] {-4, 1, 1, 1}, WEIGHT).weighted();
        assertThat(r.patchMap().data()[0]).isEqualTo(-4f);
    }

    @Test
    void theWeightFollowsTheNoiseModelNotTheRawDistances() {
        // fit: raw distances, normalised later by the noise model, then weighed; predict weighs the normalised maps
        // the scorer returns. Both give w * (d - mean) / scale.
        List<FloatMap> normals = List.of(new FloatMap(2, 2, new float[] {1, 1, 1, 1}),
                new FloatMap(2, 2, new float[] {3, 3, 3, 3}), new FloatMap(2, 2, new float[] {2, 2, 2, 2}));
        PatchNoise noise = PatchNoise.fit(normals, 0).orElseThrow();
        float[] d = {10, 10, 10, 10};
        RawMeasurement atFit = raw(d.clone(), d.clone(), WEIGHT).withPatchNoise(noise, noise);
        FloatMap normalised = noise.apply(new FloatMap(2, 2, d.clone()));
        RawMeasurement atPredict = raw(normalised.data().clone(), normalised.data().clone(), WEIGHT).weighted();
        assertThat(atFit.patchMap().data()).containsExactly(atPredict.patchMap().data());
        assertThat(atFit.patchMap().data()[0]).isEqualTo(0.5f * normalised.data()[0]);
        assertThat(atFit.values()).isEqualTo(atPredict.values());
    }

    @Test
    void withoutAWeightNothingChanges() {
        RawMeasurement r = raw(new float[] {6, 3, -1, 0}, new float[] {5, 1, 4, -2}, null);
        assertThat(r.weighted()).isSameAs(r);
        assertThat(r.withPatchNoise(null, null).values().get(Measure.PATCH)).isEqualTo(6.0);
    }

    @Test
    void theOptionIsOffByDefaultAndBoundedToAShare() {
        assertThat(SamladConfig.defaults().measuring().recognisedPatchWeight()).isEqualTo(1.0);
        assertThat(SamladConfig.defaults().measuring().withRecognisedPatchWeight(0.5).recognisedPatchWeight())
                .isEqualTo(0.5);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SamladConfig.defaults().measuring().withRecognisedPatchWeight(1.5))
                .hasMessageContaining("recognisedPatchWeight");
    }
}
