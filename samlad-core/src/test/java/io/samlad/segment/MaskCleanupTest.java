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
    void splitsABandAlongTwoObjectsBetweenThemOnlyWhenAsked() {
        // Two blocks side by side, and a one-cell shadow band running along both (a shadow around an assembly).
        ObjectMask left = rect(3, 5, 9, 11);
        ObjectMask right = rect(10, 5, 16, 11);
        ObjectMask band = rect(3, 11, 16, 12);
        assertThat(MaskCleanup.isThin(band)).isTrue();
        List<ObjectMask> kept = cleanup.clean(List.of(left, right, band), features);
        assertThat(kept).as("off: the band stays an object of its own").hasSize(3);

        MaskCleanup splitting = new MaskCleanup(SamladConfig.Segmentation.DEFAULTS.withSigma(0.5).withMinArea(0.01)
                .withMergeSimilarity(1.0), 0.8);
        List<ObjectMask> split = splitting.clean(List.of(left, right, band), features);
        assertThat(split).hasSize(2);
        // each block takes the part of the band beneath it; the one cell under the gap goes to one of them
        assertThat(split).extracting(ObjectMask::area).containsAnyOf(36 + 6, 36 + 7);
        assertThat(split.get(0).area() + split.get(1).area()).isEqualTo(36 + 36 + 13);
    }

    @Test
    void keepsAThinObjectThatOnlyMeetsOthersAtItsEnds() {
        // A cable: a thin strip between two connectors, lying on the bench between them.
        ObjectMask left = rect(1, 6, 5, 12);
        ObjectMask right = rect(15, 6, 19, 12);
        ObjectMask cable = rect(5, 8, 15, 9);
        MaskCleanup splitting = new MaskCleanup(SamladConfig.Segmentation.DEFAULTS.withSigma(0.5).withMinArea(0.01)
                .withMergeSimilarity(1.0), 0.8);
        assertThat(splitting.clean(List.of(left, right, cable), features)).hasSize(3);
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
