package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.objects.AppearanceDescriptor;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IDENTITY's deformation term ({@code identity.deformationScale}): the place's examples nearest by histogram are
 * measured by the image distortion model, so a query that only bends the examples' shape lies near them and one of
 * another shape far, whichever examples the histogram put first.
 */
class DeformationTermTest {
    static final int N = AppearanceDescriptor.CONTRAST_SIZE;

    /** A descriptor with a flat histogram and the given contrast image. */
    static float[] descriptor(float[] contrast) {
        float[] d = new float[AppearanceDescriptor.contrastOffset() + AppearanceDescriptor.CONTRAST_LENGTH];
        Arrays.fill(d, 0, AppearanceDescriptor.NORMALISED_LENGTH, 0.05f);
        System.arraycopy(contrast, 0, d, AppearanceDescriptor.contrastOffset(), contrast.length);
        return d;
    }

    /** A bar from (x0, y) to (x1, y) and a stem from (x0, y) down to y1, moved by (dx, dy): an upside-down L. */
    static float[] shape(int x0, int x1, int y, int y1, int dx, int dy) {
        float[] c = new float[N * N];
        for (int x = x0; x <= x1; x++) {
            c[(y + dy) * N + x + dx] = 1;
            c[(y + 1 + dy) * N + x + dx] = 1;
        }
        for (int v = y; v <= y1; v++) {
            c[(v + dy) * N + x0 + dx] = 1;
            c[(v + dy) * N + x0 + 1 + dx] = 1;
        }
        return c;
    }

    /** A ring: the outline of a box. */
    static float[] ring() {
        float[] c = new float[N * N];
        for (int t = 6; t <= 17; t++) {
            c[6 * N + t] = 1;
            c[17 * N + t] = 1;
            c[t * N + 6] = 1;
            c[t * N + 17] = 1;
        }
        return c;
    }

    static SceneObject object(float[] appearance) {
        BitSet bits = new BitSet(64);
        bits.set(27);
        bits.set(28);
        return new SceneObject(new ObjectMask(8, 8, bits), new float[] {0}, null, appearance);
    }

    static Scene scene(float[] appearance) {
        FeatureMap map = new FeatureMap(1, 2, 2, new float[4]);
        return new Scene(8, 8, new float[] {1}, map, map, List.of(object(appearance)));
    }

    @Test
    void aBentShapeLiesNearTheExamplesAndAnotherShapeFar() {
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            normals.add(scene(descriptor(shape(6, 16, 5, 18, i % 2, i / 3))));
        }
        SamladConfig.Identity config = SamladConfig.Identity.DEFAULTS.withDeformationScale(9)
                .withDeformationExamples(4);
        int[] which = new int[normals.size()]; // each image's one object at the place
        double[] best = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double bent = IdentityComparer.deformationDistance(object(descriptor(shape(6, 16, 5, 18, 2, 1))), normals,
                best, which, normals.size(), 2, config);
        double other = IdentityComparer.deformationDistance(object(descriptor(ring())), normals, best, which,
                normals.size(), 2, config);
        assertThat(bent).isLessThan(0.01);
        assertThat(other).isGreaterThan(10 * Math.max(bent, 0.005));
        // without the window the bent shape is not excused
        double rigid = IdentityComparer.deformationDistance(object(descriptor(shape(6, 16, 5, 18, 2, 1))), normals,
                best, which, normals.size(), 2, config.withDeformationWindow(0));
        assertThat(rigid).isGreaterThan(bent + 0.05);
    }

    @Test
    void onlyTheExamplesNearestByHistogramAreMeasured() {
        // two images hold the query's own shape, four a ring; the histogram ranks the rings first
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            normals.add(scene(descriptor(ring())));
        }
        normals.add(scene(descriptor(shape(6, 16, 5, 18, 0, 0))));
        normals.add(scene(descriptor(shape(6, 16, 5, 18, 1, 0))));
        int[] which = new int[normals.size()];
        double[] best = {0.1, 0.1, 0.1, 0.1, 0.5, 0.5};
        SceneObject query = object(descriptor(shape(6, 16, 5, 18, 0, 0)));
        SamladConfig.Identity config = SamladConfig.Identity.DEFAULTS.withDeformationScale(9);
        double fourNearest = IdentityComparer.deformationDistance(query, normals, best, which, 6, 2,
                config.withDeformationExamples(4));
        double all = IdentityComparer.deformationDistance(query, normals, best, which, 6, 2,
                config.withDeformationExamples(6));
        assertThat(all).isLessThan(0.01); // its own shape among them: the two smallest are its own
        assertThat(fourNearest).isGreaterThan(0.05); // only the rings were measured
        // an image without an object at the place (which = -1) is skipped, and examples without a contrast image
        // (a bank written before it) are not measured: too few measured gives NaN
        which[4] = -1;
        double[] packed = {0.1, 0.1, 0.1, 0.1, 0.5};
        assertThat(IdentityComparer.deformationDistance(query, normals, packed, which, 5, 2,
                config.withDeformationExamples(6))).isGreaterThan(0.01);
        List<Scene> old = new ArrayList<>();
        for (Scene s : normals) {
            old.add(scene(AppearanceDescriptor.withoutContrast(s.objects().get(0).appearance())));
        }
        assertThat(IdentityComparer.deformationDistance(query, old, best, new int[6], 6, 2, config)).isNaN();
    }

    @Test
    void aShapeTurnedOverIsNearerToTheExamplesMirroredBackAndASymmetricOneGainsNothing() {
        // the mirror evidence (identity.deformationMirror) reads max(0, D(object) - D(its mirror image))
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            normals.add(scene(descriptor(shape(6, 16, 5, 18, i % 2, i / 3))));
        }
        SamladConfig.Identity config = SamladConfig.Identity.DEFAULTS.withDeformationMirror(6);
        int[] which = new int[normals.size()];
        double[] best = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        float[] turned = descriptor(shape(6, 16, 5, 18, 0, 0));
        turned = AppearanceDescriptor.mirrored(turned); // an upside-down L turned over: its bar points the other way
        SceneObject object = object(turned);
        SceneObject back = object(AppearanceDescriptor.mirrored(turned));
        double self = IdentityComparer.deformationDistance(object, normals, best, which, 6, 2, config);
        double mirrored = IdentityComparer.deformationDistance(back, normals, best, which, 6, 2, config);
        assertThat(self - mirrored).isGreaterThan(0.05);
        // a ring is its own mirror image: nothing to add
        SceneObject ring = object(descriptor(ring()));
        double ringSelf = IdentityComparer.deformationDistance(ring, normals, best, which, 6, 2, config);
        double ringBack = IdentityComparer.deformationDistance(object(AppearanceDescriptor.mirrored(
                descriptor(ring()))), normals, best, which, 6, 2, config);
        assertThat(Math.max(0, ringSelf - ringBack)).isLessThan(0.005);
        assertThat(config.readsContrast()).isTrue();
        assertThat(SamladConfig.Identity.DEFAULTS.withDeformationMirror(0).withDeformationScale(0).readsContrast())
                .isFalse();
    }

    @Test
    void theOnePassMirrorEvidenceEqualsTheTwoSeparateMeasures() {
        // the one pass abandons examples that cannot change max(0, D(object) - D(mirror)): the evidence must not move
        List<Scene> normals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            normals.add(scene(descriptor(shape(6, 16, 5, 18, i % 2, i / 3))));
        }
        SamladConfig.Identity config = SamladConfig.Identity.DEFAULTS.withDeformationMirror(6);
        int[] which = new int[normals.size()];
        double[] best = {0.6, 0.1, 0.5, 0.2, 0.4, 0.3};
        float[][] shapes = {AppearanceDescriptor.mirrored(descriptor(shape(6, 16, 5, 18, 0, 0))), descriptor(ring()),
            descriptor(shape(6, 16, 5, 18, 1, 1))};
        for (float[] shape : shapes) {
            float[] mirror = AppearanceDescriptor.mirrored(shape);
            double self = IdentityComparer.deformationDistance(object(shape), normals, best, which, 6, 2, config);
            double back = IdentityComparer.deformationDistance(object(mirror), normals, best, which, 6, 2, config);
            double[] both = IdentityComparer.deformationDistances(new float[][] {shape, mirror}, normals, best, which,
                    6, 2, config, true);
            assertThat(both[0]).isEqualTo(self);
            assertThat(Math.max(0, both[0] - both[1])).isEqualTo(Math.max(0, self - back));
        }
    }
}
