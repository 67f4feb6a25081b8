package io.samlad.measure;

import static io.samlad.measure.IdentityComparerTest.at;
import static io.samlad.measure.IdentityComparerTest.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.config.SamladConfig;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IDENTITY's own area scale ({@code identity.areaScale}, round 11): an object smaller than the scale counts less, by
 * {@code sqrt(area / scale)}. On DigitAnatomy a grid's normal tail is mostly pieces of digits and small digits a little
 * under a whole digit's size; a scale above OBJECT's damps them while a whole wrong digit keeps its full distance.
 */
class IdentityAreaScaleTest {

    @Test
    void aPieceUnderTheScaleIsDampedByTheRootOfItsShareAndAWholePartIsNot() {
        assertThat(IdentityComparer.damped(0.9, 0.03, 0.015)).isEqualTo(0.9); // a whole digit: as measured
        assertThat(IdentityComparer.damped(0.9, 0.0075, 0.015)).isCloseTo(0.9 * Math.sqrt(0.5), within(1e-12));
        // an odd piece a little farther from its place's examples than a wrong whole digit outranks it under OBJECT's
        // scale, and no longer under a larger one
        double wrongDigit = 0.90;
        double oddPiece = 0.95;
        double pieceArea = 0.0105;
        assertThat(IdentityComparer.damped(oddPiece, pieceArea, 0.01))
                .isGreaterThan(IdentityComparer.damped(wrongDigit, 0.03, 0.01));
        assertThat(IdentityComparer.damped(oddPiece, pieceArea, 0.015))
                .isLessThan(IdentityComparer.damped(wrongDigit, 0.03, 0.015));
    }

    @Test
    void zeroTakesObjectsScale() {
        SamladConfig.Identity off = SamladConfig.Identity.DEFAULTS;
        assertThat(off.areaScale()).isZero(); // an option, off by default (it costs verdicts: docs/quality.md)
        assertThat(off.areaScaleOr(0.01)).isEqualTo(0.01);
        assertThat(off.withAreaScale(0.015).areaScaleOr(0.01)).isEqualTo(0.015);
    }

    @Test
    void theMeasureDampsByItsOwnScaleWhereThePlacesHaveAReliableIdentity() {
        // two places that always hold their own kind of part (a "7" at (2, 2), a "1" at (7, 7)): place consistency 1
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            scenes.add(scene(at(2, 2, 1, 0.05f * i), at(7, 7, 0.05f * i, 1)));
        }
        SamladConfig.Identity base = PlaceConsistencyTest.CONFIG;
        assertThat(base.topologyWeight()).isPositive(); // the gate of the places' evidence is open here
        // a "1" where the "7" belongs; one cell of 10 x 10: area 0.01
        Scene query = scene(at(2, 2, 0, 1), at(7, 7, 0.1f, 1));
        double asObject = IdentityComparer.perObject(query, PlaceConsistencyTest.bank(scenes), -1, base, 0.005)[0];
        double own = IdentityComparer.perObject(query, PlaceConsistencyTest.bank(scenes), -1,
                base.withAreaScale(0.02), 0.005)[0];
        assertThat(asObject).isPositive();
        assertThat(own).isCloseTo(asObject * Math.sqrt(0.01 / 0.02), within(1e-9));
    }
}
