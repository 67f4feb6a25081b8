package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Automatic mask generation through ONNX Runtime with the tiny SAM encoder and decoders. The tiny decoder's tokens
 * (see make_tiny_models.py) for a prompt at original pixel (px, py) of a W x H image are squares around the point
 * with Chebyshev half-size 2, 4 and 8, slopes 4, 0.5, 4, and predicted IoU 0.96 - 0.2 py/H, 0.93, 0.95 - 0.2 px/W.
 * The 0.5 slope makes token 2 unstable: logits > 1 where d < 2 (4x4) and > -1 where d < 6 (12x12): 16/144.
 */
class OnnxSamTest {
    static OnnxMaskGenerator multi;
    static OnnxMaskGenerator single;

    static SamCard card(int pointsPerSide) {
        return SamCard.empty().withPointsPerSide(pointsPerSide);
    }

    @BeforeAll
    static void open() {
        multi = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER, card(4), TinyModels.CPU);
        single = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER_SINGLE_BATCHED, card(4),
                TinyModels.CPU);
    }

    @AfterAll
    static void close() {
        multi.close();
        single.close();
    }

    static RgbImage grey(int w, int h) {
        float[] d = new float[3 * w * h];
        java.util.Arrays.fill(d, 0.5f);
        return RgbImage.ofPlanar(w, h, d);
    }

    @Test
    void decoderBatchingIsDetectedFromTheExport() {
        assertThat(multi.sam().decoder().batched()).isFalse();
        assertThat(single.sam().decoder().batched()).isTrue();
        assertThat(multi.sam().maxPromptsPerCall(256, 512)).isEqualTo(1);
        // 2^24 mask values per call / (4 masks x 256 x 512 pixels) = 32 prompts
        assertThat(single.sam().maxPromptsPerCall(256, 512)).isEqualTo(32);
        assertThat(single.sam().maxPromptsPerCall(8192, 8192)).isEqualTo(1);
    }

    @Test
    void multimaskExportOnASquareImage() {
        // 64x64, 4 points per side at 8, 24, 40, 56. Token 1 passes IoU for py/H < 0.4 (rows 8 and 24: 0.935,
        // 0.885), token 3 for px/W < 0.35 (column 8: 0.925), token 2 never passes stability. Boxes: token 1 a 4x4
        // square (p-2 .. p+1), token 3 a 16x16 square (p-8 .. p+7). No two boxes overlap by IoU > 0.7.
        List<MaskCandidate> out = multi.generatePixelMasks(grey(64, 64));
        assertThat(out).hasSize(12);
        assertThat(out.subList(0, 4)).extracting(MaskCandidate::box).containsExactly(new MaskBox(6, 6, 9, 9),
                new MaskBox(22, 6, 25, 9), new MaskBox(38, 6, 41, 9), new MaskBox(54, 6, 57, 9));
        assertThat(out.subList(4, 8)).extracting(MaskCandidate::box).containsExactly(new MaskBox(0, 0, 15, 15),
                new MaskBox(0, 16, 15, 31), new MaskBox(0, 32, 15, 47), new MaskBox(0, 48, 15, 63));
        assertThat(out.subList(8, 12)).extracting(MaskCandidate::box).containsExactly(new MaskBox(6, 22, 9, 25),
                new MaskBox(22, 22, 25, 25), new MaskBox(38, 22, 41, 25), new MaskBox(54, 22, 57, 25));
        assertThat(out.get(0).predictedIou()).isCloseTo(0.935, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(out.get(4).predictedIou()).isCloseTo(0.925, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(out).allSatisfy(m -> assertThat(m.stabilityScore()).isEqualTo(1.0));
        assertThat(out.get(0).area()).isEqualTo(16);
        assertThat(out.get(4).area()).isEqualTo(256);
        // the decoder ran once per prompt: the export fixes the prompt batch at 1
        assertThat(multi.sam().decoder().session().runs()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void coordinatesSurviveANonSquareImage() {
        // 32 wide, 64 high: frame scale 16 on both axes. Points per side 2: (8,16), (24,16), (8,48), (24,48).
        // Token 1 passes for py/H = 0.25 (0.91), token 3 for px/W = 0.25 (0.90); the other halves fail (0.81, 0.80).
        SamCard e = card(2);
        try (OnnxMaskGenerator g = OnnxModels.sam(TinyModels.SAM_ENCODER, TinyModels.SAM_DECODER, e,
                TinyModels.CPU)) {
            List<MaskCandidate> out = g.generatePixelMasks(grey(32, 64));
            assertThat(out).extracting(MaskCandidate::box).containsExactly(new MaskBox(6, 14, 9, 17),
                    new MaskBox(22, 14, 25, 17), new MaskBox(0, 8, 15, 23), new MaskBox(0, 40, 15, 55));
        }
    }

    @Test
    void singleMaskBatchedExportPicksTheBestTokenPerPrompt() {
        // With two points (prompt + padding) the export picks the best IoU among tokens 1..3: row py=8 picks token 1
        // (0.935 > 0.93 > 0.925), every other row token 2 (0.93), which fails stability.
        long runsBefore = single.sam().decoder().session().runs();
        List<MaskCandidate> out = single.generatePixelMasks(grey(64, 64));
        assertThat(out).extracting(MaskCandidate::box).containsExactly(new MaskBox(6, 6, 9, 9),
                new MaskBox(22, 6, 25, 9), new MaskBox(38, 6, 41, 9), new MaskBox(54, 6, 57, 9));
        // 16 prompts in one batch (points per batch 64): one decoder run
        assertThat(single.sam().decoder().session().runs() - runsBefore).isEqualTo(1);
    }

    @Test
    void masksLandOnTheRequestedGridWithTheirPredictedIou() {
        // 64x64 onto 32x32 (2 px per cell): the 4x4 square at 6..9 fills cells 3..4 on each axis; the 16x16 square
        // at 0..15 fills cells 0..7.
        List<ObjectMask> masks = multi.generate(grey(64, 64), 32, 32);
        assertThat(masks).hasSize(12);
        ObjectMask first = masks.get(0);
        assertThat(first.area()).isEqualTo(4);
        assertThat(first.contains(3, 3) && first.contains(4, 4)).isTrue();
        assertThat(first.quality()).isCloseTo(0.935, org.assertj.core.api.Assertions.within(1e-6));
        ObjectMask big = masks.get(4);
        assertThat(big.area()).isEqualTo(64);
        assertThat(big.maxX()).isEqualTo(7);
        assertThat(big.maxY()).isEqualTo(7);
        // onto 16x16 (4 px per cell) each small square covers only a quarter of four cells: it vanishes
        List<ObjectMask> coarse = multi.generate(grey(64, 64), 16, 16);
        assertThat(coarse).hasSize(4);
        assertThat(coarse).allSatisfy(m -> assertThat(m.area()).isEqualTo(16));
    }

    @Test
    void identityNamesBothModelHashesAndTheSettings() {
        assertThat(multi.id()).contains(multi.sam().encoder().session().sha256())
                .contains(multi.sam().decoder().session().sha256()).contains("pps=4").contains("iou>0.88");
        assertThat(multi.id()).isNotEqualTo(single.id());
    }
}
