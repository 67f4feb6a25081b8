package io.samlad.measure;

import static io.samlad.measure.IdentityComparerTest.at;
import static io.samlad.measure.IdentityComparerTest.scene;
import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceConsistencyTest {
    static final SamladConfig.Identity CONFIG = SamladConfig.Identity.DEFAULTS.withImages(8).withRadius(0.15)
            .withNeighbours(2);

    static TemplateBank bank(List<Scene> scenes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            names.add("n" + i);
        }
        return new TemplateBank(SamladConfig.defaults(), "test", scenes, names, Calibration.identity(), null);
    }

    @Test
    void placesThatHoldTheirOwnKindOfObjectAreRecognised() {
        // a "7" (about (1, 0)) always at (2, 2), a "1" (about (0, 1)) always at (7, 7), each written a little
        // differently in every image
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            scenes.add(scene(at(2, 2, 1, 0.05f * i), at(7, 7, 0.05f * i, 1)));
        }
        PlaceConsistency p = PlaceConsistency.compute(bank(scenes), CONFIG);
        assertThat(p.share()).isEqualTo(1.0);
        assertThat(p.recognised()[3]).containsExactly(true, true);
    }

    @Test
    void aSwappedPairIsAlsoNearerToWhatStandsElsewhere() {
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            scenes.add(scene(at(2, 2, 1, 0.05f * i), at(7, 7, 0.05f * i, 1)));
        }
        Scene swapped = scene(at(2, 2, 0, 1), at(7, 7, 1, 0));
        double[] plain = IdentityComparer.perObject(swapped, bank(scenes), -1, CONFIG.withOtherPlaceWeight(0), 1e-4);
        double[] withOther = IdentityComparer.perObject(swapped, bank(scenes), -1, CONFIG.withOtherPlaceWeight(1),
                1e-4);
        // each is as far from its own place's examples as before, and that much nearer to the other place's: the
        // evidence about doubles it (the examples elsewhere lie 0 to 0.05 away, those here about 1.4)
        for (int i = 0; i < 2; i++) {
            assertThat(withOther[i]).isGreaterThan(1.9 * plain[i]);
        }
        // a normal object is nearer to its own place's examples: nothing is added
        Scene normal = scene(at(2, 2, 1, 0.12f), at(7, 7, 0.12f, 1));
        assertThat(IdentityComparer.perObject(normal, bank(scenes), -1, CONFIG.withOtherPlaceWeight(1), 1e-4))
                .containsExactly(IdentityComparer.perObject(normal, bank(scenes), -1, CONFIG.withOtherPlaceWeight(0),
                        1e-4));
    }

    @Test
    void alikePartsEverywhereHaveNoIdentityOfTheirOwn() {
        // the same pin at both places, its look varying (jitter) as much within a place as between places
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float a = 0.1f * ((i * 7) % 6);
            float b = 0.1f * ((i * 11 + 3) % 6);
            scenes.add(scene(at(2, 2, 1, a), at(7, 7, 1, b)));
        }
        PlaceConsistency p = PlaceConsistency.compute(bank(scenes), CONFIG);
        assertThat(p.share()).isLessThan(0.5);
        // and the IDENTITY measure stays silent in such a bank, however unusual an object is
        Scene query = scene(at(2, 2, 0, 1), at(7, 7, 1, 0));
        double[] d = IdentityComparer.perObject(query, bank(scenes), -1, CONFIG.withMinConsistency(0.5), 0.0001);
        assertThat(d).containsOnly(0.0);
        double[] ungated = IdentityComparer.perObject(query, bank(scenes), -1, CONFIG.withMinConsistency(0), 0.0001);
        assertThat(ungated[0]).isGreaterThan(1.0);
    }

    @Test
    void aPlaceWhoseNormalPartsVaryWidelyHasItsDistancesScaledDownAndATightPlaceKeepsItsOwn() {
        // a tight place (2, 2): about (1, 0), written almost alike; a wide one (7, 7): about (0, 1), written in many ways
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            scenes.add(scene(at(2, 2, 1, 0.02f * i), at(7, 7, 0.12f * i, 1)));
        }
        TemplateBank bank = bank(scenes);
        SamladConfig.Identity config = CONFIG.withOtherPlaceWeight(0).withMirrorWeight(0);
        PlaceConsistency p = PlaceConsistency.compute(bank, config);
        assertThat(p.share()).isEqualTo(1.0); // both places have an identity: the spread is used
        // each object's leave-one-out distance to its place's examples: small at the tight place, large at the wide
        assertThat(p.same()[3][0]).isLessThan(0.05);
        assertThat(p.same()[3][1]).isGreaterThan(0.1);
        // the bank's spread lies between the places' (the median over objects of their places' spreads)
        int[] tight = new int[12];
        int[] wide = new int[12];
        for (int s = 0; s < 6; s++) {
            tight[2 * s] = s;
            wide[2 * s] = s;
            wide[2 * s + 1] = 1;
        }
        double qTight = PlaceConsistency.spreadOf(p.same(), tight, 6);
        double qWide = PlaceConsistency.spreadOf(p.same(), wide, 6);
        assertThat(qTight).isLessThan(p.spread());
        assertThat(qWide).isGreaterThan(p.spread());
        // an unusual part at either place: its distance is scaled by (Q / q)^alpha where its place is wider than the
        // bank's usual place, and never raised where it is tighter
        Scene query = scene(at(2, 2, 1, 0.5f), at(7, 7, 0.3f, 0.5f));
        double[] raw = IdentityComparer.perObject(query, bank, -1, config.withPlaceSpread(0), 1e-4);
        double[] scaled = IdentityComparer.perObject(query, bank, -1, config.withPlaceSpread(1), 1e-4);
        double[] half = IdentityComparer.perObject(query, bank, -1, config.withPlaceSpread(0.5), 1e-4);
        assertThat(raw[0]).isGreaterThan(0.3);
        assertThat(scaled[0]).isEqualTo(raw[0]);
        assertThat(scaled[1]).isLessThan(0.9 * raw[1]).isPositive();
        // the exponent: the square root of the same ratio
        assertThat(half[1] / raw[1]).isCloseTo(Math.sqrt(scaled[1] / raw[1]), org.assertj.core.api.Assertions.within(1e-9));
    }
}
