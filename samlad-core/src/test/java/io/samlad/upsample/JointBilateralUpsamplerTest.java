package io.samlad.upsample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.TestImages;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import org.junit.jupiter.api.Test;

class JointBilateralUpsamplerTest {
    @Test
    void constantFeaturesStayConstant() {
        float[] d = new float[4 * 4 * 2];
        for (int i = 0; i < 16; i++) {
            d[2 * i] = 3f;
            d[2 * i + 1] = -1f;
        }
        FeatureMap coarse = new FeatureMap(2, 4, 4, d);
        RgbImage guide = TestImages.split(32, 32, 13, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        FeatureMap fine = new JointBilateralUpsampler(2, 1.0, 0.1).upsample(coarse, guide, 16, 16);
        assertThat(fine.width()).isEqualTo(16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(fine.vector(x, y)[0]).isCloseTo(3f, within(1e-5f));
                assertThat(fine.vector(x, y)[1]).isCloseTo(-1f, within(1e-5f));
            }
        }
    }

    @Test
    void featuresFollowTheGuideEdgeInsteadOfBlurringAcrossIt() {
        // Coarse 4x4 map: value 0 in the left two columns, 1 in the right two. The guide image has its edge exactly
        // there. Fine cells just left of the edge must stay near 0 (a plain bilinear upsampling gives ~0.25-0.5).
        float[] d = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                d[y * 4 + x] = x < 2 ? 0f : 1f;
            }
        }
        FeatureMap coarse = new FeatureMap(1, 4, 4, d);
        RgbImage guide = TestImages.split(64, 64, 32, new float[] {0.1f, 0.1f, 0.1f}, new float[] {0.9f, 0.9f, 0.9f});
        FeatureMap fine = new JointBilateralUpsampler(2, 1.0, 0.1).upsample(coarse, guide, 16, 16);
        assertThat(fine.vector(7, 8)[0]).isLessThan(0.05f);
        assertThat(fine.vector(8, 8)[0]).isGreaterThan(0.95f);
    }
}
