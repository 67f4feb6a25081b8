package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.image.RgbImage;
import org.junit.jupiter.api.Test;

class SamGeometryTest {

    @Test
    void longestSideBecomesTheFrameAndTheOtherIsRoundedHalfUp() {
        assertThat(SamGeometry.resizedSize(1600, 800, 1024)).containsExactly(1024, 512);
        assertThat(SamGeometry.resizedSize(200, 400, 1024)).containsExactly(512, 1024);
        assertThat(SamGeometry.resizedSize(640, 480, 1024)).containsExactly(1024, 768);
        // 5 * 1024 / 7 = 731.43 -> 731; 3 * 1024 / 7 = 438.86 -> 439
        assertThat(SamGeometry.resizedSize(7, 5, 1024)).containsExactly(1024, 731);
        assertThat(SamGeometry.resizedSize(3, 7, 1024)).containsExactly(439, 1024);
    }

    @Test
    void promptsScaleWithEachAxisOwnRatio() {
        // 200x400 -> 512x1024: x * 512/200, y * 1024/400
        assertThat(SamGeometry.toFrame(100, 50, 200, 400, 1024)).containsExactly(256.0, 128.0);
        // 7x5 -> 1024x731: y scales by 731/5 = 146.2, not by 1024/7 = 146.29
        double[] p = SamGeometry.toFrame(7, 5, 7, 5, 1024);
        assertThat(p[0]).isCloseTo(1024.0, within(1e-9));
        assertThat(p[1]).isCloseTo(731.0, within(1e-9));
    }

    @Test
    void encoderInputWrittenToNativeMemoryEqualsTheHeapReference() {
        java.util.Random r = new java.util.Random(3);
        float[] px = new float[3 * 37 * 21];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        RgbImage img = RgbImage.ofPlanar(37, 21, px);
        FloatTensor reference = SamGeometry.encoderInput(img, Normalization.SAM, 64);
        try (ai.onnxruntime.OnnxTensor t = SamGeometry.encoderInputTensor(img, Normalization.SAM, 64)) {
            float[] direct = new float[reference.data().length];
            ModelSession.buffer(t).get(0, direct);
            assertThat(direct).containsExactly(reference.data());
            assertThat(t.getInfo().getShape()).containsExactly(1, 3, 64, 64);
        }
    }

    @Test
    void encoderInputIsNormalisedWithSamStatisticsAndZeroPaddedBottomRight() {
        // A 2x1 image, red 0 then 1, green 0.5, blue 1; frame 4 -> resized to 4x2, rows 2..3 are padding.
        RgbImage img = RgbImage.ofPlanar(2, 1, new float[] {0f, 1f, 0.5f, 0.5f, 1f, 1f});
        FloatTensor t = SamGeometry.encoderInput(img, Normalization.SAM, 4);
        assertThat(t.shape()).containsExactly(1, 3, 4, 4);
        float[] d = t.data();
        // Enlarging 2 -> 4 samples red at 0, 0.25, 0.75, 1 (pixel-centre aligned, clamped at the ends).
        double[] red = {0, 0.25, 0.75, 1};
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(d[y * 4 + x]).isCloseTo((float) ((red[x] * 255 - 123.675) / 58.395), within(1e-5f));
            }
        }
        // green 0.5 -> (127.5 - 116.28) / 57.12 = 0.196429; blue 1 -> (255 - 103.53) / 57.375 = 2.640000
        assertThat(d[16 + 5]).isCloseTo(0.196429f, within(1e-5f));
        assertThat(d[32 + 3]).isCloseTo(2.640000f, within(1e-5f));
        // red 1 -> (255 - 123.675) / 58.395 = 2.248908
        assertThat(d[3]).isCloseTo(2.248908f, within(1e-5f));
        for (int c = 0; c < 3; c++) {
            for (int i = 8; i < 16; i++) {
                assertThat(d[c * 16 + i]).as("padding").isZero();
            }
        }
    }

    @Test
    void imagenetNormalisationOnTheUnitScale() {
        // (0.5 - 0.485) / 0.229 = 0.0655022; (0 - 0.406) / 0.225 = -1.8044444
        assertThat(Normalization.IMAGENET.apply(0, 0.5f)).isCloseTo(0.0655022f, within(1e-6f));
        assertThat(Normalization.IMAGENET.apply(2, 0f)).isCloseTo(-1.8044444f, within(1e-6f));
    }

    @Test
    void torchBilinearMatchesHandValues() {
        // 2x2 [[0,1],[2,3]] -> 4x4: samples at 0, 0.25, 0.75, 1 on each axis
        float[] up = TorchBilinear.resize(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
        assertThat(up).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f,
            2.25f, 2.5f, 2f, 2.25f, 2.75f, 3f}, within(1e-6f));
        // 4 -> 2 without anti-aliasing: samples at 0.5 and 2.5
        float[] down = TorchBilinear.resize(new float[] {0, 1, 2, 3}, 4, 1, 2, 1);
        assertThat(down).containsExactly(new float[] {0.5f, 2.5f}, within(1e-6f));
    }

    @Test
    void lowResolutionMasksGoBackToTheOriginalSize() {
        // Low-res 2x2 covers a 4x4 frame; a 2x1 original fills the frame's top 4x2; that crop goes down to 2x1.
        // Frame rows 0,1: [0, .25, .75, 1] and [.5, .75, 1.25, 1.5]; down to 1 row samples y = 0.5 -> the mean:
        // [.25, .5, 1, 1.25]; down to 2 columns samples x = 0.5 and 2.5 -> 0.375 and 1.125.
        float[] orig = SamGeometry.masksToOriginal(new float[] {0, 1, 2, 3}, 2, 2, 4, 2, 1);
        assertThat(orig).containsExactly(new float[] {0.375f, 1.125f}, within(1e-6f));
    }
}
