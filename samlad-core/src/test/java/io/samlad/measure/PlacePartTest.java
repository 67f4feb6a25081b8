package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The place's whole part and the damping of a piece of it ({@code identity.partShare}). */
class PlacePartTest {
    static final int W = 20;

    /** A filled rectangle of cells [x0, x1) x [y0, y1) on a 20 x 20 grid, with the given appearance. */
    static SceneObject block(int x0, int y0, int x1, int y1, float... appearance) {
        BitSet b = new BitSet();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                b.set(y * W + x);
            }
        }
        return new SceneObject(new ObjectMask(W, W, b), new float[] {0}, Covariance.none(1), appearance);
    }

    static Scene scene(SceneObject... objects) {
        return new Scene(W, W, new float[] {1}, new FeatureMap(1, 1, 1, new float[1]), null, List.of(objects));
    }

    /** Normal images: a digit at the upper left whose box is 4 wide and 4, 5 or 6 tall; another at the lower right. */
    static List<Scene> normals() {
        List<Scene> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int h = 4 + i % 3;
            out.add(scene(block(2, 2, 6, 2 + h, 1, 0.02f * i), block(12, 12, 16, 17, 0.02f * i, 1)));
        }
        return out;
    }

    @Test
    void theWholePartIsTheMedianLargestObjectWhoseBoxHoldsTheCentroid() {
        // a piece off the digit's centre (its centroid at (3, 2.5) in cells) lies inside every normal digit's box
        ObjectMask piece = block(2, 2, 4, 3).mask();
        // the upper left digit covers 16, 20 or 24 cells of 400, twice each: median 20 / 400
        assertThat(PlacePart.wholeArea(piece, normals())).isCloseTo(0.05, within(1e-12));
        // where no normal object's box holds the centroid there is no whole part to compare with
        assertThat(PlacePart.wholeArea(block(8, 8, 10, 10).mask(), normals())).isNaN();
    }

    @Test
    void aPieceIsDampedByTheShareOfItsPlacesPartAndAWholePartIsNot() {
        // a piece of 2 of 400 cells against a whole part of 20: at share 0.5 it counts sqrt(0.005 / 0.025)
        assertThat(PlacePart.damping(0.005, 0.05, 0.5)).isCloseTo(Math.sqrt(0.2), within(1e-12));
        // a wrong part as large as the right one (a 0 where a 5 belongs) is judged in full
        assertThat(PlacePart.damping(0.05, 0.05, 0.5)).isEqualTo(1.0);
        assertThat(PlacePart.damping(0.03, 0.05, 0.5)).isEqualTo(1.0);
        // no whole part, or the term off: no damping
        assertThat(PlacePart.damping(0.005, Double.NaN, 0.5)).isEqualTo(1.0);
        assertThat(PlacePart.damping(0.005, 0.05, 0)).isEqualTo(1.0);
    }

    @Test
    void identityDampsAPieceOnlyWhereThePlacesHaveAnIdentity() {
        List<Scene> scenes = normals();
        TemplateBank bank = new TemplateBank(SamladConfig.defaults(), "test", scenes, names(scenes.size()),
                Calibration.identity(), null);
        // a query whose upper left digit is a piece unlike the examples, and whose lower right digit is whole
        Scene query = scene(block(2, 2, 4, 3, 0, 1), block(12, 12, 16, 17, 0.05f, 1));
        SamladConfig.Identity on = SamladConfig.Identity.DEFAULTS.withImages(6).withRadius(0.2).withNeighbours(2)
                .withTopologyWeight(0.3).withPlaceSpread(0).withDeformationMirror(0).withFillWeight(0).withPartShare(0);
        double[] plain = IdentityComparer.perObject(query, bank, -1, on, 1e-4);
        double[] damped = IdentityComparer.perObject(query, bank, -1, on.withPartShare(0.5), 1e-4);
        assertThat(plain[0]).isGreaterThan(0.5);
        // the piece (2 cells against the place's 20) counts sqrt(0.005 / 0.025) of what it did
        assertThat(damped[0]).isCloseTo(plain[0] * Math.sqrt(0.2), within(1e-9));
        // the whole digit is untouched
        assertThat(damped[1]).isEqualTo(plain[1]);
        // where the holes are not read (the gate: places without a reliable identity) the share changes nothing
        SamladConfig.Identity gated = on.withTopologyWeight(0);
        assertThat(IdentityComparer.perObject(query, bank, -1, gated.withPartShare(0.5), 1e-4))
                .containsExactly(IdentityComparer.perObject(query, bank, -1, gated, 1e-4));
    }

    static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("n" + i);
        }
        return out;
    }
}
