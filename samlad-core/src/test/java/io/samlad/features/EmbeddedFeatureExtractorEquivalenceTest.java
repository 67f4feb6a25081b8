package io.samlad.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The restructured extractor computes exactly what {@link ReferenceEmbeddedFeatures} computes, bit for bit. */
class EmbeddedFeatureExtractorEquivalenceTest {
    private static RgbImage noise(long seed, int w, int h) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return RgbImage.ofPlanar(w, h, v);
    }

    /** The first index whose IEEE bits differ (so -0 and +0 count as different), or -1. */
    static int firstDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    private static void assertSame(RgbImage image, int stride) {
        ExtractedFeatures fast = new EmbeddedFeatureExtractor(stride).extract(image);
        ExtractedFeatures reference = new ReferenceEmbeddedFeatures(stride).extract(image);
        String what = image.width() + "x" + image.height() + ", stride " + stride;
        assertThat(fast.patches().width()).as(what).isEqualTo(reference.patches().width());
        assertThat(fast.patches().height()).as(what).isEqualTo(reference.patches().height());
        assertThat(firstDifference(fast.patches().data(), reference.patches().data())).as(what).isEqualTo(-1);
        assertThat(firstDifference(fast.global(), reference.global())).as(what).isEqualTo(-1);
    }

    @Test
    void randomImagesOfEverySizeIncludingOnePixelWideAndCellsOfUnequalWidth() {
        int[][] sizes = {{256, 512}, {200, 400}, {37, 23}, {1, 9}, {9, 1}, {2, 2}, {1, 1}, {13, 64}};
        for (int[] s : sizes) {
            for (int stride : new int[] {8, 3}) {
                assertSame(noise(s[0] * 131L + s[1], s[0], s[1]), stride);
            }
        }
    }

    @Test
    void toyScenesWithFlatAreasWhereNoPixelHasAGradient() {
        for (ToyScenes.Defect d : ToyScenes.Defect.values()) {
            assertSame(ToyScenes.scene(5, d).resize(256, 512), 8);
        }
    }
}
