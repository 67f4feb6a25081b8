package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDENTITY's hole term speaks only where the bank's places have a reliable identity; elsewhere the fit turns its
 * weight off in the bank's configuration, so that queries need no holes read, and says so in the bank.
 */
class TopologyGateTest {
    @TempDir
    Path dir;

    @Test
    void aBankWhosePlacesHaveNoReliableIdentityIsFittedWithoutTheHoleTerm() throws Exception {
        SamladConfig config = SamladConfig.defaults().toBuilder()
                .identity(SamladConfig.Identity.DEFAULTS.withImages(12).withNeighbours(2)).build();
        assertThat(config.identity().topologyWeight()).isPositive();
        try (SamladDetector fitted = ToyBanks.fitted(dir, 12, config)) {
            // the toy scenes' objects do not recognise their places as reliably as the gate's 0.8 asks
            assertThat(fitted.config().identity().topologyWeight()).isZero();
            assertThat(fitted.predict(ToyScenes.scene(300, Defect.NONE)).score()).isFinite();
        }
    }
}
