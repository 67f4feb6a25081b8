package io.samlad.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskCleanupTest {
    private static final int W = 20;
    private static final int H = 20;
    // mergeSimilarity 1.0 disables feature merging so each rule is tested alone.
    private final MaskCleanup cleanup = new MaskCleanup(
            SamladConfig.Segmentation.DEFAULTS.withSigma(0.5).withMinArea(0.01).withMergeSimilarity(1.0));
    private final FeatureMap features = new FeatureMap(1, W, H, new float[W * H]);

    static ObjectMask rect(int x0, int y0, int x1, int y1) {
        BitSet b = new BitSet(W * H);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                b.set(y * W + x);
            }
        }
        return new ObjectMask(W, H, b);
    }

    @Test
    void dropsBackgroundTouchingTheBorderAndTinyMasks() {
        ObjectMask frame = rect(0, 0, W, H);
        ObjectMask object = rect(5, 5, 10, 10);
        ObjectMask speck = rect(15, 15, 16, 17); // 2 cells = 0.5% < 1%
        List<ObjectMask> out = cleanup.clean(List.of(frame, object, speck), features);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).area()).isEqualTo(25);
    }

    @Test
    void dropsPartsOfALargerObjectAndDuplicates() {
        ObjectMask whole = rect(4, 4, 14, 14);
        ObjectMask part = rect(5, 5, 9, 9);
        ObjectMask duplicate = rect(4, 4, 14, 13);
        ObjectMask other = rect(15, 4, 19, 9);
        List<ObjectMask> out = cleanup.clean(List.of(part, duplicate, whole, other), features);
        assertThat(out).extracting(ObjectMask::area).containsExactly(100, 20);
    }

    @Test
    void absorbsAThinRimIntoTheObjectItSurrounds() {
        ObjectMask core = rect(6, 6, 12, 12);
        BitSet ring = rect(5, 5, 13, 13).bits();
        ring.andNot(core.bits());
        ObjectMask rim = new ObjectMask(W, H, ring);
        assertThat(MaskCleanup.isThin(rim)).isTrue();
        assertThat(MaskCleanup.isThin(core)).isFalse();
        List<ObjectMask> out = cleanup.clean(List.of(core, rim), features);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).area()).isEqualTo(64);
    }

    @Test
    void borderShareCountsCoveredBorderCells() {
        // Top row fully covered: 20 of the 2*20 + 2*18 = 76 border cells.
        assertThat(MaskCleanup.borderShare(rect(0, 0, W, 1))).isEqualTo(20 / 76.0);
    }
}
