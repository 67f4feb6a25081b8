package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmgPartsTest {

    static BitSet square(int width, int x0, int y0, int x1, int y1) {
        BitSet b = new BitSet();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                b.set(y * width + x);
            }
        }
        return b;
    }

    @Test
    void pointGridSitsAtCellCentresRowByRow() {
        double[][] p = PointGrid.inPixels(2, 64, 32);
        assertThat(p).hasDimensions(4, 2);
        assertThat(p[0]).containsExactly(16.0, 8.0);
        assertThat(p[1]).containsExactly(48.0, 8.0);
        assertThat(p[2]).containsExactly(16.0, 24.0);
        assertThat(p[3]).containsExactly(48.0, 24.0);
        assertThat(PointGrid.relative(4)[5]).containsExactly(0.375, 0.375);
    }

    @Test
    void cropLayersOverlapAsSegmentAnythingComputesThem() {
        // 100x60, one layer: overlap = int(512/1500 * 60) = 20, crop 60 x 40, origins x {0, 40}, y {0, 20}
        List<CropBox> crops = CropBox.layers(100, 60, 1, 512.0 / 1500.0);
        assertThat(crops).containsExactly(new CropBox(0, 0, 100, 60, 0), new CropBox(0, 0, 60, 40, 1),
                new CropBox(0, 20, 60, 60, 1), new CropBox(40, 0, 100, 40, 1), new CropBox(40, 20, 100, 60, 1));
        assertThat(CropBox.layers(100, 60, 0, 0.3)).containsExactly(new CropBox(0, 0, 100, 60, 0));
    }

    @Test
    void maskBoxIsInclusiveAndItsAreaFollowsTorchvision() {
        MaskBox b = MaskBox.of(square(10, 2, 3, 5, 7), 10);
        assertThat(b).isEqualTo(new MaskBox(2, 3, 5, 7));
        assertThat(b.area()).isEqualTo(3 * 4);
        assertThat(MaskBox.of(new BitSet(), 10)).isEqualTo(new MaskBox(0, 0, 0, 0));
        // (0,0,3,3) and (1,1,4,4): areas 9 and 9, intersection 2 x 2 = 4 -> 4 / 14
        assertThat(new MaskBox(0, 0, 3, 3).iou(new MaskBox(1, 1, 4, 4))).isCloseTo(4.0 / 14, within(1e-12));
        assertThat(new MaskBox(0, 0, 3, 3).iou(new MaskBox(5, 5, 8, 8))).isZero();
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxes() {
        List<MaskBox> boxes = List.of(new MaskBox(0, 0, 10, 10), new MaskBox(1, 1, 11, 11),
                new MaskBox(0, 0, 10, 10), new MaskBox(50, 50, 60, 60));
        double[] scores = {0.9, 0.8, 0.95, 0.1};
        // A and C are identical (IoU 1): C wins; B vs C: 81 / 119 = 0.68 -> kept at 0.7, dropped at 0.6
        assertThat(BoxNms.keep(boxes, scores, 0.7)).containsExactly(2, 1, 3);
        assertThat(BoxNms.keep(boxes, scores, 0.6)).containsExactly(2, 3);
    }

    @Test
    void stabilityIsTheRatioOfTheTightToTheLooseMask() {
        float[] logits = {-2f, -0.5f, 0.5f, 2f, 1.5f, -1f};
        // > 1: {2, 1.5} = 2; > -1: {-0.5, 0.5, 2, 1.5} = 4
        assertThat(StabilityScore.of(logits, 0, 6, 0.0, 1.0)).isEqualTo(0.5);
        // from index 3: {2, 1.5, -1}: > 1: 2, > -1: 2
        assertThat(StabilityScore.of(logits, 3, 3, 0.0, 1.0)).isEqualTo(1.0);
        assertThat(StabilityScore.of(new float[] {-5f}, 0, 1, 0.0, 1.0)).isZero();
    }

    @Test
    void smallHolesAreFilledAndSmallIslandsRemoved() {
        int w = 8;
        BitSet ring = square(w, 1, 1, 4, 4);
        ring.clear(2 * w + 2);
        BitSet mask = (BitSet) ring.clone();
        mask.set(6 * w + 6);
        mask.set(6 * w + 7);
        SmallRegions.Result holes = SmallRegions.fillHoles(mask, w, 8, 3);
        assertThat(holes.changed()).isTrue();
        BitSet expectedFilled = (BitSet) mask.clone();
        expectedFilled.set(2 * w + 2);
        assertThat(holes.mask()).isEqualTo(expectedFilled);
        SmallRegions.Result islands = SmallRegions.removeIslands(holes.mask(), w, 8, 3);
        assertThat(islands.changed()).isTrue();
        assertThat(islands.mask()).isEqualTo(square(w, 1, 1, 4, 4));
        // nothing below the area: unchanged
        assertThat(SmallRegions.removeIslands(square(w, 1, 1, 4, 4), w, 8, 3).changed()).isFalse();
        assertThat(SmallRegions.fillHoles(square(w, 1, 1, 4, 4), w, 8, 3).changed()).isFalse();
    }

    @Test
    void whenEveryIslandIsSmallTheLargestStays() {
        int w = 8;
        BitSet mask = square(w, 0, 0, 1, 0);   // 2 pixels
        mask.set(5 * w + 5);                    // 1 pixel
        SmallRegions.Result r = SmallRegions.removeIslands(mask, w, 8, 5);
        assertThat(r.mask()).isEqualTo(square(w, 0, 0, 1, 0));
    }

    @Test
    void diagonalNeighboursAreConnected() {
        int w = 4;
        BitSet diagonal = new BitSet();
        diagonal.set(0);
        diagonal.set(w + 1);
        diagonal.set(2 * w + 2);
        // one 3-pixel island under 8-connectivity, so nothing is below an area of 3
        assertThat(SmallRegions.removeIslands(diagonal, w, 4, 3).changed()).isFalse();
    }

    @Test
    void gridCellsTakeTheMajorityOfTheirArea() {
        // 4x4 -> 2x2: top-left cell holds 2 of its 4 pixels (half: set), top-right 1 of 4 (not set)
        BitSet m = new BitSet();
        m.set(0);
        m.set(1);
        m.set(3);
        BitSet g = MaskGrids.toGrid(m, 4, 4, 2, 2);
        assertThat(g.get(0)).isTrue();
        assertThat(g.get(1)).isFalse();
        assertThat(g.cardinality()).isEqualTo(1);
        // 3x1 -> 2x1: cell 0 covers pixel 0 and half of pixel 1; cell 1 the other half and pixel 2
        BitSet one = new BitSet();
        one.set(1);
        assertThat(MaskGrids.toGrid(one, 3, 1, 2, 1).cardinality()).isZero();   // 0.5 of 1.5 in each cell
        BitSet two = new BitSet();
        two.set(0);
        two.set(1);
        BitSet g2 = MaskGrids.toGrid(two, 3, 1, 2, 1);
        assertThat(g2.get(0)).isTrue();
        assertThat(g2.get(1)).isFalse();
        // enlarging: a 2x2 mask with one pixel on a 4x4 grid sets that pixel's 2x2 cells
        BitSet px = new BitSet();
        px.set(3);
        assertThat(MaskGrids.toGrid(px, 2, 2, 4, 4)).isEqualTo(square(4, 2, 2, 3, 3));
    }

    @Test
    void logitsAboveTheThresholdBecomeBitsAcrossWordBoundaries() {
        float[] logits = new float[72];
        java.util.Arrays.fill(logits, -1f);
        logits[2] = 0.5f;    // from index 2: bit 0
        logits[65] = 0.01f;  // bit 63, last of the first word
        logits[66] = 3f;     // bit 64, first of the second word
        logits[71] = 0f;     // not above 0
        BitSet b = LogitMasks.above(logits, 2, 70, 0f);
        assertThat(b.stream().toArray()).containsExactly(0, 63, 64);
    }
}
