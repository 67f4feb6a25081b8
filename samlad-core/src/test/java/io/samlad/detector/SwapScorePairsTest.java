package io.samlad.detector;

import static io.samlad.detector.ThreePlaces.PLACES;
import static io.samlad.detector.ThreePlaces.W;
import static io.samlad.detector.ThreePlaces.box;
import static io.samlad.detector.ThreePlaces.kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.SwapPair;
import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The swapped pairs the image score weighs ({@link SwappedPairs#scored}), on toy scenes of three places whose normal
 * parts are three kinds of appearance: two parts that each look like the other place's kind are a pair whatever their
 * verdicts, a normal scene has none, a partner that only barely prefers the exchange still pairs (the mean of the two
 * shares), one that does not prefer it at all never does, and a bank that holds the query itself (a training image
 * scored in the fit) does not hide the pair by the query's own parts.
 */
class SwapScorePairsTest {
    /** Between kinds 0 and 1: {@code share} of kind 0. */
    private static float[] blend(double share, int jitter) {
        float[] a = kind(0, jitter);
        a[0] = (float) share;
        a[1] = (float) (1 - share);
        return a;
    }

    private static Scene scene(List<float[]> parts, int jitter) {
        List<SceneObject> objects = new ArrayList<>();
        for (int p = 0; p < PLACES.length; p++) {
            objects.add(new SceneObject(box(PLACES[p], 4, 3), new float[] {0}, null, parts.get(p)));
        }
        FeatureMap map = new FeatureMap(1, 2, 2, new float[4]);
        return new Scene(W, W, new float[] {1, jitter % 3, jitter % 5, jitter}, map, map, objects);
    }

    private static Scene kinds(int[] k, int jitter) {
        return scene(List.of(kind(k[0], jitter), kind(k[1], jitter + 1), kind(k[2], jitter + 2)), jitter);
    }

    private static TemplateBank bank(SamladConfig config, Scene... more) {
        List<Scene> normals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            normals.add(kinds(new int[] {0, 1, 2}, i));
            names.add("n" + i);
        }
        for (Scene s : more) {
            normals.add(s);
            names.add("q" + names.size());
        }
        return new TemplateBank(config, "toy", normals, names, Calibration.identity(), null);
    }

    /** Every object measured by IDENTITY, object {@code i} with raw value {@code 1 + i} (its z, uncalibrated). */
    private static List<RawMeasurement.ObjectFinding> measured(Scene q) {
        List<RawMeasurement.ObjectFinding> out = new ArrayList<>();
        for (int i = 0; i < q.objects().size(); i++) {
            out.add(new RawMeasurement.ObjectFinding(i, 0, 0, 0, 0, i, 1.0 + i));
        }
        return out;
    }

    private static final SamladConfig CONFIG = SamladConfig.defaults().toBuilder()
            .identity(SamladConfig.defaults().identity().withImages(8).withRadius(0.1))
            .fusion(SamladConfig.defaults().fusion().withSwapScoreGain(0.1)).build();

    private static SwappedPairs.Exchanges scored(Scene q, TemplateBank bank, SamladConfig config) {
        return SwappedPairs.scored(q, measured(q), bank, Calibration.identity(), config);
    }

    @Test
    void twoPartsEachLikeTheOtherPlacesKindAreOnePairWithBothIdentities() {
        Scene swapped = kinds(new int[] {1, 0, 2}, 3);
        SwappedPairs.Exchanges found = scored(swapped, bank(CONFIG), CONFIG);
        assertThat(found.pairs()).hasSize(1);
        SwapPair p = found.pairs().get(0);
        // the identity calibration reads raw values as z: objects 0 and 1 carry 1 and 2, the rarer first
        assertThat(p.zFirst()).isEqualTo(2.0);
        assertThat(p.zSecond()).isEqualTo(1.0);
        // each lies about 1.4 from its own place's kind and about 0.1 from the other's: a share of about 0.9
        assertThat(p.gain()).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        assertThat(found.largestGain()).isCloseTo(p.gain(), within(1e-12));
    }

    @Test
    void aNormalSceneHasNoPairAndNoGain() {
        SwappedPairs.Exchanges found = scored(kinds(new int[] {0, 1, 2}, 4), bank(CONFIG), CONFIG);
        assertThat(found.pairs()).isEmpty();
        assertThat(found.largestGain()).isZero();
    }

    @Test
    void aPartnerThatBarelyPrefersTheExchangeStillPairsByTheMeanOfTheTwoShares() {
        // place 0 holds kind 1 (far nearer to place 1's examples); place 1 holds a part between the two kinds, a
        // little nearer to kind 0: its own share is a few per cent, under the gate, but the mean is well above it
        Scene swapped = scene(List.of(kind(1, 3), blend(0.52, 4), kind(2, 5)), 3);
        SwappedPairs.Exchanges found = scored(swapped, bank(CONFIG), CONFIG);
        assertThat(found.pairs()).hasSize(1);
        assertThat(found.pairs().get(0).gain()).isGreaterThan(0.3);
        // the verdicts' rule, the smaller share, does not pair them
        assertThat(SwappedPairs.unseeded(swapped, measured(swapped), verdictsOk(swapped), bank(CONFIG), CONFIG))
                .isEmpty();
        // a partner nearer its own kind (no preference for the exchange) never pairs, however strong the other
        Scene oneSided = scene(List.of(kind(1, 3), blend(0.45, 4), kind(2, 5)), 3);
        assertThat(scored(oneSided, bank(CONFIG), CONFIG).pairs()).isEmpty();
    }

    @Test
    void theQueryItselfInTheBankIsNoExampleOfItsOwnPlaces() {
        // a training image scored in the fit is one of the bank's scenes: its own parts would lie at distance 0 from
        // themselves and hide the exchange (with one nearest example, entirely)
        SamladConfig one = CONFIG.toBuilder().identity(CONFIG.identity().withNeighbours(1)).build();
        Scene swapped = kinds(new int[] {1, 0, 2}, 3);
        SwappedPairs.Exchanges found = scored(swapped, bank(one, swapped), one);
        assertThat(found.pairs()).hasSize(1);
        assertThat(found.pairs().get(0).gain()).isGreaterThan(0.8);
    }

    @Test
    void aGateAboveTheExchangeKeepsThePairOutOfTheScoreButNotItsGain() {
        SamladConfig strict = CONFIG.toBuilder().fusion(CONFIG.fusion().withSwapScoreGain(0.99)).build();
        SwappedPairs.Exchanges found = scored(kinds(new int[] {1, 0, 2}, 3), bank(strict), strict);
        assertThat(found.pairs()).isEmpty();
        // the gain is still what the fit ranks normal images by
        assertThat(found.largestGain()).isGreaterThan(0.8);
    }

    private static List<DetectedObject> verdictsOk(Scene q) {
        List<DetectedObject> out = new ArrayList<>();
        for (int i = 0; i < q.objects().size(); i++) {
            out.add(PredictionAssembler.describe(i, Verdict.OK, 0.5, q.objects().get(i).mask(), W, W, 0, i));
        }
        return out;
    }
}
