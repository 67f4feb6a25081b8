package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectEncoderTest {
    private final ObjectEncoder encoder = new ObjectEncoder(SamladConfig.Encoding.DEFAULTS);

    static SceneObject object(int x, int y, float... feature) {
        BitSet b = new BitSet(100);
        b.set(y * 10 + x);
        return new SceneObject(new ObjectMask(10, 10, b), feature,
                Covariance.full(feature.length, new float[feature.length * feature.length]));
    }

    @Test
    void theSameObjectInTwoScenesEncodesAlikeAndADifferentOneDoesNot() {
        List<SceneObject> a = List.of(object(1, 1, 1, 0, 0), object(8, 8, 0, 1, 0));
        List<SceneObject> b = List.of(object(1, 1, 1, 0, 0), object(8, 8, 0, 0, 1));
        List<float[][]> v = encoder.encode(List.of(a, b));
        // The context (each object's neighbour) differs between the scenes, so even the identical object is not at
        // cosine 1; it must still be far closer to its twin than the changed object is to its counterpart.
        double same = Vectors.cosine(v.get(0)[0], v.get(1)[0]);
        double changed = Vectors.cosine(v.get(0)[1], v.get(1)[1]);
        assertThat(same).isGreaterThan(0.7);
        assertThat(changed).isLessThan(same - 0.5);
        for (float[][] scene : v) {
            for (float[] vec : scene) {
                assertThat(Math.sqrt(Vectors.dot(vec, vec))).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            }
        }
    }

    @Test
    void contextTellsApartEqualObjectsWithDifferentNeighbours() {
        // Object X is identical in both scenes; only its neighbour differs. Without context their vectors would be
        // identical; with it they are not.
        List<SceneObject> a = List.of(object(1, 1, 1, 0, 0), object(2, 1, 0, 1, 0));
        List<SceneObject> b = List.of(object(1, 1, 1, 0, 0), object(2, 1, 0, 0, 1));
        List<float[][]> v = encoder.encode(List.of(a, b));
        assertThat(Vectors.cosine(v.get(0)[0], v.get(1)[0])).isLessThan(0.999);
        ObjectEncoder noContext = new ObjectEncoder(SamladConfig.Encoding.DEFAULTS.withContextWeight(0.0));
        List<float[][]> w = noContext.encode(List.of(a, b));
        assertThat(Vectors.cosine(w.get(0)[0], w.get(1)[0])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    }
}
