package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityComparerTest {
    /** An object of one cell at (x, y) on a 10 x 10 grid with the given appearance. */
    static SceneObject at(int x, int y, float... appearance) {
        BitSet b = new BitSet();
        b.set(y * 10 + x);
        return new SceneObject(new ObjectMask(10, 10, b), new float[] {0}, Covariance.none(1), appearance);
    }

    static Scene scene(SceneObject... objects) {
        return new Scene(10, 10, new float[] {1}, new FeatureMap(1, 1, 1, new float[1]), null, List.of(objects));
    }

    @Test
    void anObjectUnlikeEveryNormalExampleAtItsPlaceIsFarFromItsNearestExamples() {
        // Normal images: at (2, 2) about (1, 0); at (7, 7) something else (another place, ignored).
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            normals.add(scene(at(2, 2, 1, 0.1f * i), at(7, 7, 0, 1)));
        }
        // (0, 1) at (2, 2): its nearest examples are (1, 0.3) and (1, 0.2), at sqrt(1.49) and sqrt(1.64)
        double[] d = IdentityComparer.nearestDistances(List.of(at(2, 2, 0, 1), at(2, 2, 1, 0.05f), at(5, 5, 0, 1)),
                normals, 0.15, 2);
        assertThat(d[0]).isCloseTo((Math.sqrt(1.49) + Math.sqrt(1.64)) / 2, within(1e-6));
        assertThat(d[1]).isCloseTo(0.05, within(1e-6)); // 0.05 from both (1, 0) and (1, 0.1)
        assertThat(d[2]).isNaN(); // nothing at (5, 5) in any normal image: not measured
    }

    @Test
    void nearestDistancesAreUnknownWithTooFewExamples() {
        List<Scene> normals = List.of(scene(at(2, 2, 1, 0)), scene(at(8, 8, 1, 0)));
        double[] d = IdentityComparer.nearestDistances(List.of(at(2, 2, 0, 1)), normals, 0.1, 2);
        assertThat(d[0]).isNaN();
    }

    @Test
    void theOwnPlaceShareIsTheShareOfTheNearestExamplesThatStandAtTheObjectsPlace() {
        // (2, 2) holds about (1, 0), (7, 7) about (0, 1), (2, 7) about (0.6, 0.8): three places, four images
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            normals.add(scene(at(2, 2, 1, 0.02f * i), at(7, 7, 0.02f * i, 1), at(2, 7, 0.6f, 0.8f + 0.01f * i)));
        }
        // a part of its place: its 4 nearest are the 4 examples there
        assertThat(IdentityComparer.ownPlaceShare(at(2, 2, 1, 0.01f), normals, 0.15, 4)).isEqualTo(1.0);
        // (7, 7)'s part at (2, 2) (swapped): every one of its nearest stands elsewhere
        assertThat(IdentityComparer.ownPlaceShare(at(2, 2, 0, 1), normals, 0.15, 4)).isEqualTo(0.0);
        // between (2, 7)'s part and (2, 2)'s: its 8 nearest are those two places' 4 examples each, half its own
        assertThat(IdentityComparer.ownPlaceShare(at(2, 7, 0.8f, 0.45f), normals, 0.15, 8)).isEqualTo(0.5);
    }

    @Test
    void thePlaceSubspaceIgnoresHowTheExamplesVaryAndMeasuresOnlyWhatIsNew() {
        // at (2, 2) the examples vary along the first axis only; 2 images are too few examples for a subspace
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            normals.add(scene(at(2, 2, 0.2f * i, 0, 0), at(7, 7, 0, 0, 1)));
        }
        PlaceSubspaces places = PlaceSubspaces.compute(normals.subList(0, 6), 0.15, 1);
        List<Scene> two = normals.subList(0, 2);
        // far along the axis the examples vary along: in the subspace; a small step across it: that step
        assertThat(places.residual(new float[] {3, 0, 0}, 0.25, 0.25, 0.15)).isCloseTo(0, within(1e-6));
        assertThat(places.residual(new float[] {0.5f, 0.3f, 0}, 0.25, 0.25, 0.15)).isCloseTo(0.3, within(1e-6));
        // no place with a subspace within the radius: not measured
        assertThat(places.residual(new float[] {0, 0, 1}, 0.5, 0.5, 0.15)).isNaN();
        assertThat(PlaceSubspaces.compute(two, 0.15, 1).residual(new float[] {0, 0, 0}, 0.25, 0.25, 0.15)).isNaN();
    }
}
