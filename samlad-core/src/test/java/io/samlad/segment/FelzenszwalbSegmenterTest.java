package io.samlad.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.TestImages;
import io.samlad.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FelzenszwalbSegmenterTest {
    private final FelzenszwalbSegmenter segmenter = new FelzenszwalbSegmenter(1.5, 0.0, 0.003);

    @Test
    void twoFlatRegionsGiveTwoSegmentsSplitAtTheEdge() {
        RgbImage img = TestImages.split(64, 32, 40, new float[] {0.9f, 0.1f, 0.1f}, new float[] {0.1f, 0.1f, 0.9f});
        List<ObjectMask> masks = segmenter.generate(img, 16, 8);
        assertThat(masks).hasSize(2);
        ObjectMask left = masks.get(0).contains(0, 0) ? masks.get(0) : masks.get(1);
        // x < 40 px of 64 is x < 10 cells of 16.
        assertThat(left.area()).isEqualTo(10 * 8);
        assertThat(left.maxX()).isEqualTo(9);
    }

    @Test
    void masksPartitionTheGrid() {
        RgbImage img = TestImages.rectangle(64, 64, 16, 16, 40, 48, new float[] {0.9f, 0.8f, 0.1f});
        List<ObjectMask> masks = segmenter.generate(img, 32, 32);
        int total = 0;
        for (ObjectMask m : masks) {
            total += m.area();
        }
        assertThat(total).isEqualTo(32 * 32);
        for (int i = 0; i < masks.size(); i++) {
            for (int j = i + 1; j < masks.size(); j++) {
                assertThat(masks.get(i).intersection(masks.get(j))).isZero();
            }
        }
        // The rectangle is one segment: 24 x 32 px = 12 x 16 cells.
        assertThat(masks).anySatisfy(m -> assertThat(m.area()).isEqualTo(12 * 16));
    }
}
