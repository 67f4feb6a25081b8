package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code measuring.recognisedPatchWeight} speaks only where the bank's places have a reliable identity: on a bank
 * whose objects do not recognise their places (the toy scenes, like the synthetic categories and juice_bottle) a
 * weight of 0 changes no threshold and no score.
 */
class RecognisedPatchGateTest {
    @TempDir
    Path dir;

    @Test
    void withoutReliablePlacesTheWeightIsSilent() throws Exception {
        SamladConfig base = SamladConfig.defaults().toBuilder()
                .identity(SamladConfig.Identity.DEFAULTS.withImages(12).withNeighbours(2)).build();
        SamladConfig weighed = base.toBuilder().measuring(base.measuring().withRecognisedPatchWeight(0)).build();
        try (SamladDetector off = ToyBanks.fitted(Files.createDirectories(dir.resolve("off")), 12, base);
                SamladDetector on = ToyBanks.fitted(Files.createDirectories(dir.resolve("on")), 12, weighed)) {
            assertThat(on.config().measuring().recognisedPatchWeight()).isZero();
            assertThat(on.bank().calibration().threshold()).isEqualTo(off.bank().calibration().threshold());
            for (Defect d : new Defect[] {Defect.NONE, Defect.SCRATCH, Defect.MISSING}) {
                Prediction a = off.predict(ToyScenes.scene(300, d));
                Prediction b = on.predict(ToyScenes.scene(300, d));
                assertThat(b.score()).isEqualTo(a.score());
                assertThat(b.anomalyMap().data()).containsExactly(a.anomalyMap().data());
            }
        }
    }
}
