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
}
