package io.samlad.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.TestImages;
import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;
import org.junit.jupiter.api.Test;

class EmbeddedFeatureExtractorTest {
    private final EmbeddedFeatureExtractor extractor = new EmbeddedFeatureExtractor(8);

    @Test
    void gridCoversTheImageWithOneCellPerStride() {
        ExtractedFeatures f = extractor.extract(TestImages.uniform(64, 32, 0.2f, 0.4f, 0.6f));
        assertThat(f.patches().width()).isEqualTo(8);
        assertThat(f.patches().height()).isEqualTo(4);
        assertThat(f.patches().channels()).isEqualTo(EmbeddedFeatureExtractor.CHANNELS);
        assertThat(f.global()).hasSize(16 * EmbeddedFeatureExtractor.CHANNELS);
    }

    @Test
    void uniformImageHasItsLabColourAndNoTextureOrGradient() {
        RgbImage img = TestImages.uniform(32, 32, 0.8f, 0.3f, 0.1f);
        float[] lab = LabColour.toLab(img);
        float[] v = extractor.extract(img).patches().vector(1, 1);
        for (int c = 0; c < 3; c++) {
            assertThat(v[c]).as("mean channel %d", c).isCloseTo(lab[c * 32 * 32], within(1e-4f));
            assertThat(v[3 + c]).as("std channel %d", c).isCloseTo(0f, within(1e-3f));
        }
        for (int k = 0; k < EmbeddedFeatureExtractor.BINS; k++) {
            assertThat(v[6 + k]).as("orientation bin %d", k).isCloseTo(0f, within(1e-6f));
        }
    }

    @Test
    void verticalEdgePutsGradientEnergyIntoTheHorizontalOrientationBin() {
        // Dark left, bright right: the gradient points along +x, angle 0, which lies between bins 7 and 0 of
        // [0, pi) split into 8 (bin centres at 11.25 + 22.5 k degrees).
        RgbImage img = TestImages.split(32, 32, 12, new float[] {0.1f, 0.1f, 0.1f}, new float[] {0.9f, 0.9f, 0.9f});
        float[] v = extractor.extract(img).patches().vector(1, 1);
        float horizontal = v[6] + v[6 + 7];
        float vertical = v[6 + 3] + v[6 + 4];
        assertThat(horizontal).isGreaterThan(0.3f);
        assertThat(vertical).isLessThan(0.01f);
    }

    @Test
    void differentColoursGiveDistantFeatures() {
        float[] red = extractor.extract(TestImages.uniform(32, 32, 0.9f, 0.1f, 0.1f)).patches().vector(2, 2);
        float[] red2 = extractor.extract(TestImages.uniform(32, 32, 0.88f, 0.12f, 0.1f)).patches().vector(2, 2);
        float[] blue = extractor.extract(TestImages.uniform(32, 32, 0.1f, 0.1f, 0.9f)).patches().vector(2, 2);
        assertThat(distance(red, blue)).isGreaterThan(10 * distance(red, red2));
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
