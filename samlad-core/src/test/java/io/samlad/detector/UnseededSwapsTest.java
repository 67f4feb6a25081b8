package io.samlad.detector;

import static io.samlad.detector.ThreePlaces.PLACES;
import static io.samlad.detector.ThreePlaces.W;
import static io.samlad.detector.ThreePlaces.box;
import static io.samlad.detector.ThreePlaces.kind;
import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Swaps that no mismatched part seeds ({@link SwappedPairs#unseeded}), on toy scenes of three places whose normal parts
 * are three kinds of appearance: two {@code ok} parts that each look like the other place's kind are a pair, a normal
 * scene has none, a part beside a finding does not pair, and a gain threshold above the exchange's silences it.
 */
class UnseededSwapsTest {
    private static Scene scene(int[] kinds, int jitter, List<ObjectMask> extra) {
        List<SceneObject> objects = new ArrayList<>();
        for (int p = 0; p < PLACES.length; p++) {
            objects.add(new SceneObject(box(PLACES[p], 4, 3), new float[] {0}, null, kind(kinds[p], jitter + p)));
        }
        for (ObjectMask m : extra) {
            objects.add(new SceneObject(m, new float[] {0}, null, kind(9, jitter)));
        }
        FeatureMap map = new FeatureMap(1, 2, 2, new float[4]);
        return new Scene(W, W, new float[] {1, jitter % 3, jitter % 5}, map, map, objects);
    }

    private static TemplateBank bank(SamladConfig config) {
        List<Scene> normals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            normals.add(scene(new int[] {0, 1, 2}, i, List.of()));
            names.add("n" + i);
        }
        return new TemplateBank(config, "toy", normals, names, Calibration.identity(), null);
    }

    private static List<RawMeasurement.ObjectFinding> measured(Scene q) {
        List<RawMeasurement.ObjectFinding> out = new ArrayList<>();
        for (int i = 0; i < q.objects().size(); i++) {
            out.add(new RawMeasurement.ObjectFinding(i, 0, 0, 0, 0, i, 1.0));
        }
        return out;
    }

    private static List<DetectedObject> verdicts(Scene q, Verdict... given) {
        List<DetectedObject> out = new ArrayList<>();
        for (int i = 0; i < q.objects().size(); i++) {
            Verdict v = i < given.length ? given[i] : Verdict.OK;
            out.add(PredictionAssembler.describe(i, v, 0.5, q.objects().get(i).mask(), W, W, 0, i));
        }
        return out;
    }

    private static final SamladConfig CONFIG = SamladConfig.defaults().toBuilder()
            .identity(SamladConfig.defaults().identity().withImages(8).withRadius(0.1)).build();

    @Test
    void twoOkPartsEachLikeTheOtherPlacesKindAreOnePair() {
        Scene swapped = scene(new int[] {1, 0, 2}, 3, List.of());
        List<int[]> pairs = SwappedPairs.unseeded(swapped, measured(swapped), verdicts(swapped), bank(CONFIG),
                CONFIG);
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0)).containsExactly(0, 1);
    }

    @Test
    void aNormalSceneHasNoPair() {
        Scene normal = scene(new int[] {0, 1, 2}, 4, List.of());
        assertThat(SwappedPairs.unseeded(normal, measured(normal), verdicts(normal), bank(CONFIG), CONFIG)).isEmpty();
    }

    @Test
    void aPartTouchingAFindingIsNotPairedAgain() {
        // a piece beside the first place's part, already found: that part's finding is made, it does not pair again
        Scene swapped = scene(new int[] {1, 0, 2}, 3, List.of(box(0, 7, 2)));
        List<DetectedObject> v = verdicts(swapped, Verdict.OK, Verdict.OK, Verdict.OK, Verdict.MISMATCHED);
        assertThat(SwappedPairs.unseeded(swapped, measured(swapped), v, bank(CONFIG), CONFIG)).isEmpty();
    }

    @Test
    void aGainAboveTheExchangesSilencesIt() {
        // each swapped part lies about 1.4 from its place's kind and 0 to 0.2 from the other's (mean of the two
        // nearest: about 0.1): a share of about 0.93 nearer; 0.99 asks more than that, and 0 is off
        SamladConfig strict = CONFIG.toBuilder().identity(CONFIG.identity().withSwapGain(0.99)).build();
        Scene swapped = scene(new int[] {1, 0, 2}, 3, List.of());
        assertThat(SwappedPairs.unseeded(swapped, measured(swapped), verdicts(swapped), bank(strict), strict))
                .isEmpty();
        SamladConfig off = CONFIG.toBuilder().identity(CONFIG.identity().withSwapGain(0)).build();
        assertThat(SwappedPairs.unseeded(swapped, measured(swapped), verdicts(swapped), bank(off), off)).isEmpty();
    }
}
