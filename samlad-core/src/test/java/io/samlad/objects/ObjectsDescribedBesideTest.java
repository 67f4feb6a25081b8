package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.features.EmbeddedFeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.segment.FelzenszwalbSegmenter;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import io.samlad.toy.ToyScenes;
import io.samlad.upsample.JointBilateralUpsampler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A query's objects are described half on a spare core (every other object) and half on the caller's thread: the
 * same objects, bit for bit and in the same order, as the one loop it replaced (kept here as the reference), on toy
 * scenes and on random images cut into many small masks, with both appearance descriptors.
 */
class ObjectsDescribedBesideTest {
    private static final SamladConfig CONFIG = SamladConfig.defaults();

    /** The loop {@link SceneAnalyzer#means} was before its objects were split between two threads. */
    private static List<SceneObject> reference(List<ObjectMask> masks, FeatureMap fine, RgbImage image,
            SamladConfig.Identity.Descriptor appearance, double forms) {
        List<SceneObject> out = new ArrayList<>(masks.size());
        for (ObjectMask m : masks) {
            double[] mean = new double[fine.channels()];
            int n = 0;
            for (int i = m.bits().nextSetBit(0); i >= 0; i = m.bits().nextSetBit(i + 1)) {
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += fine.data()[i * mean.length + k];
                }
                n++;
            }
            float[] meanF = new float[mean.length];
            for (int k = 0; k < mean.length; k++) {
                meanF[k] = (float) (mean[k] / Math.max(1, n));
            }
            out.add(new SceneObject(m, meanF, Covariance.none(fine.channels()),
                    AppearanceDescriptor.of(image, m, appearance), SceneAnalyzer.form(image, m, forms)));
        }
        return out;
    }

    private static void assertSameObjects(RgbImage original, double forms, String what) {
        RgbImage image = original.resizeShortSide(CONFIG.workingShortSide());
        FeatureMap patches = new EmbeddedFeatureExtractor(CONFIG.featureStride()).extract(image).patches();
        int gw = Math.round(image.width() / (float) CONFIG.objectStride());
        int gh = Math.round(image.height() / (float) CONFIG.objectStride());
        SamladConfig.Upsampling u = CONFIG.upsampling();
        FeatureMap fine = new JointBilateralUpsampler(u.radius(), u.spatialSigma(), u.rangeSigma())
                .upsample(patches, image, gw, gh);
        SamladConfig.Segmentation s = CONFIG.segmentation();
        List<ObjectMask> masks = new ArrayList<>();
        for (ObjectMask m : new FelzenszwalbSegmenter(s.scale(), s.sigma(), s.minArea()).generate(image, gw, gh)) {
            masks.add(m.resample(gw, gh));
        }
        for (SamladConfig.Identity.Descriptor kind : SamladConfig.Identity.Descriptor.values()) {
            // every count from none to all: odd and even counts split differently
            for (int count : new int[] {0, 1, 2, 3, masks.size()}) {
                List<ObjectMask> some = masks.subList(0, Math.min(count, masks.size()));
                List<SceneObject> expected = reference(some, fine, image, kind, forms);
                // several times: the spare core takes the odd objects when it is idle, else the caller does
                for (int repeat = 0; repeat < 3; repeat++) {
                    List<SceneObject> got = SceneAnalyzer.means(some, fine, image, kind, forms);
                    assertThat(got).as("%s, %s, %d masks", what, kind, some.size()).hasSameSizeAs(expected);
                    for (int i = 0; i < got.size(); i++) {
                        String at = what + ", " + kind + ", object " + i + " of " + some.size();
                        assertThat(got.get(i).mask()).as(at).isSameAs(expected.get(i).mask());
                        assertThat(got.get(i).meanFeature()).as(at).containsExactly(expected.get(i).meanFeature());
                        assertThat(got.get(i).appearance()).as(at).containsExactly(expected.get(i).appearance());
                        assertThat(got.get(i).form()).as(at).isEqualTo(expected.get(i).form());
                        assertThat(got.get(i).covariance().channels()).as(at)
                                .isEqualTo(expected.get(i).covariance().channels());
                    }
                }
            }
        }
    }

    @Test
    void toyScenesGiveTheObjectsOfTheSingleLoop() {
        for (ToyScenes.Defect d : ToyScenes.Defect.values()) {
            assertSameObjects(ToyScenes.scene(11, d), 1.0 / 3, "toy " + d);
        }
    }

    @Test
    void randomImagesCutIntoManyMasksGiveTheObjectsOfTheSingleLoop() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int w = 40 + r.nextInt(80);
            int h = 40 + r.nextInt(160);
            float[] v = new float[3 * w * h];
            // blocks of flat colour with noise: many segments of every size
            int block = 4 + r.nextInt(12);
            float[] colours = new float[3 * ((w / block + 1) * (h / block + 1))];
            for (int i = 0; i < colours.length; i++) {
                colours[i] = (float) r.nextDouble();
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int b = (y / block) * (w / block + 1) + x / block;
                    for (int c = 0; c < 3; c++) {
                        float n = (float) (r.nextDouble() - 0.5) * 0.05f;
                        v[c * w * h + y * w + x] = Math.max(0, Math.min(1, colours[3 * b + c] + n));
                    }
                }
            }
            assertSameObjects(RgbImage.ofPlanar(w, h, v), seed == 1 ? 0 : 1.0, "random " + seed);
        }
    }
}
