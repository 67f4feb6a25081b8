package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.image.RgbImage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Automatic mask generation over plain-Java decoders whose answers are written out by hand. */
class AutomaticMaskGeneratorTest {

    /** A candidate answer: logits over the image and a predicted IoU. */
    record Answer(float[] logits, float iou) {
    }

    /** Decoder answering each point with one candidate given by {@code answer(image, point)}. */
    static final class FakeDecoder implements PromptDecoder {
        final BiFunction<RgbImage, double[], Answer> answer;
        final List<String> embedded = new ArrayList<>();

        FakeDecoder(BiFunction<RgbImage, double[], Answer> answer) {
            this.answer = answer;
        }

        @Override
        public EmbeddedImage embed(RgbImage image, int maskWidth, int maskHeight) {
            embedded.add(image.width() + "x" + image.height());
            return (points, from, count) -> {
                int plane = maskWidth * maskHeight;
                float[] logits = new float[count * plane];
                float[] iou = new float[count];
                for (int p = 0; p < count; p++) {
                    Answer a = answer.apply(image, new double[] {points[2 * (from + p)], points[2 * (from + p) + 1]});
                    System.arraycopy(sample(a.logits(), image.width(), image.height(), maskWidth, maskHeight), 0,
                            logits, p * plane, plane);
                    iou[p] = a.iou();
                }
                return new PointMasks(count, 1, 0, maskWidth, maskHeight, logits, iou);
            };
        }

        /** Pixel logits onto a coarser grid by the value at each cell's centre (identity at the same size). */
        static float[] sample(float[] logits, int w, int h, int mw, int mh) {
            float[] out = new float[mw * mh];
            for (int y = 0; y < mh; y++) {
                for (int x = 0; x < mw; x++) {
                    out[y * mw + x] = logits[(int) ((y + 0.5) * h / mh) * w + (int) ((x + 0.5) * w / mw)];
                }
            }
            return out;
        }
    }

    /** Logits +10 inside the core rectangle, {@code ring} in the rest of the outer rectangle, -10 outside. */
    static float[] rect(int w, int h, int x0, int y0, int x1, int y1, int margin, float ring) {
        float[] l = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean outer = x >= x0 && x <= x1 && y >= y0 && y <= y1;
                boolean core = x >= x0 + margin && x <= x1 - margin && y >= y0 + margin && y <= y1 - margin;
                l[y * w + x] = core ? 10f : outer ? ring : -10f;
            }
        }
        return l;
    }

    static AmgSettings settings(int pps, double iou, double stab, double nms, int crops, int minArea) {
        AmgSettings d = AmgSettings.defaults();
        return new AmgSettings(pps, 64, iou, stab, d.stabilityScoreOffset(), d.maskThreshold(), nms, crops,
                d.cropNmsThresh(), d.cropOverlapRatio(), 1, minArea, AmgSettings.MaskResolution.IMAGE);
    }

    /**
     * Points (10,10), (30,10), (10,30), (30,30) of a 2x2 grid on 40x40:
     * P0: 10x10 square x 5..14, y 5..14, IoU 0.95, crisp;
     * P1: square x 6..15, y 5..14, IoU 0.93: box IoU with P0 = 8*9 / (81 + 81 - 72) = 0.8;
     * P2: square far away, IoU 0.85 (below 0.88);
     * P3: 10x10 square whose outer 2-pixel ring has logit 0.5: stability 36 / 100.
     */
    static FakeDecoder fourPoints() {
        return new FakeDecoder((img, p) -> {
            int w = img.width();
            int h = img.height();
            if (p[0] < 20 && p[1] < 20) {
                return new Answer(rect(w, h, 5, 5, 14, 14, 0, 10f), 0.95f);
            } else if (p[1] < 20) {
                return new Answer(rect(w, h, 6, 5, 15, 14, 0, 10f), 0.93f);
            } else if (p[0] < 20) {
                return new Answer(rect(w, h, 2, 25, 11, 34, 0, 10f), 0.85f);
            }
            return new Answer(rect(w, h, 25, 25, 34, 34, 2, 0.5f), 0.97f);
        });
    }

    static RgbImage black(int w, int h) {
        return RgbImage.ofPlanar(w, h, new float[3 * w * h]);
    }

    @Test
    void filtersAndNmsLeaveTheOneGoodMask() {
        List<MaskCandidate> out = new AutomaticMaskGenerator(fourPoints(), settings(2, 0.88, 0.95, 0.7, 0, 0))
                .generate(black(40, 40));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).box()).isEqualTo(new MaskBox(5, 5, 14, 14));
        assertThat(out.get(0).area()).isEqualTo(100);
        assertThat(out.get(0).predictedIou()).isEqualTo(0.95f);
        assertThat(out.get(0).stabilityScore()).isEqualTo(1.0);
        assertThat(out.get(0).pointX()).isEqualTo(10.0);
    }

    @Test
    void eachFilterRemovesExactlyItsMask() {
        RgbImage img = black(40, 40);
        // no stability filter: P3 (IoU 0.97, stability 0.36) comes first
        List<MaskCandidate> noStab = new AutomaticMaskGenerator(fourPoints(), settings(2, 0.88, 0, 0.7, 0, 0))
                .generate(img);
        assertThat(noStab).extracting(MaskCandidate::box)
                .containsExactly(new MaskBox(25, 25, 34, 34), new MaskBox(5, 5, 14, 14));
        assertThat(noStab.get(0).stabilityScore()).isEqualTo(36.0 / 100);
        // no IoU filter: P2 comes back, last
        List<MaskCandidate> noIou = new AutomaticMaskGenerator(fourPoints(), settings(2, 0, 0.95, 0.7, 0, 0))
                .generate(img);
        assertThat(noIou).extracting(MaskCandidate::box)
                .containsExactly(new MaskBox(5, 5, 14, 14), new MaskBox(2, 25, 11, 34));
        // looser NMS (0.85 > 0.8): P1 survives next to P0
        List<MaskCandidate> looseNms = new AutomaticMaskGenerator(fourPoints(), settings(2, 0.88, 0.95, 0.85, 0, 0))
                .generate(img);
        assertThat(looseNms).extracting(MaskCandidate::box)
                .containsExactly(new MaskBox(5, 5, 14, 14), new MaskBox(6, 5, 15, 14));
    }

    @Test
    void masksCutByAnInnerCropEdgeAreDropped() {
        // 100x60 with one crop layer: crops 60x40. A 4x4 square around each crop's centre lies within 20 px of an
        // inner crop edge in every crop, so only the whole-image crop's mask remains.
        FakeDecoder dec = new FakeDecoder((img, p) -> {
            int cx = (int) p[0];
            int cy = (int) p[1];
            return new Answer(rect(img.width(), img.height(), cx - 2, cy - 2, cx + 1, cy + 1, 0, 10f), 0.95f);
        });
        List<MaskCandidate> out = new AutomaticMaskGenerator(dec, settings(1, 0.88, 0.95, 0.7, 1, 0))
                .generate(black(100, 60));
        assertThat(dec.embedded).containsExactly("100x60", "60x40", "60x40", "60x40", "60x40");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).box()).isEqualTo(new MaskBox(48, 28, 51, 31));
        assertThat(out.get(0).crop().layer()).isZero();
    }

    @Test
    void duplicatesBetweenCropsPreferTheSmallerCrop() {
        // 300x200, one layer: overlap int(0.3413 * 200) = 68, crops 184x134 at x {0, 116}, y {0, 66}.
        // The object, a white 30x30 square at x 130..159, y 80..109, is found by colour in every crop; it is clear
        // of the inner edges only in the whole image and in crop (0,0,184,134). Both give the same box; the crop,
        // being smaller, wins.
        int w = 300;
        int h = 200;
        float[] px = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 80; y <= 109; y++) {
                for (int x = 130; x <= 159; x++) {
                    px[c * w * h + y * w + x] = 1f;
                }
            }
        }
        FakeDecoder dec = new FakeDecoder((img, p) -> {
            float[] l = new float[img.width() * img.height()];
            for (int i = 0; i < l.length; i++) {
                l[i] = img.planar()[i] > 0.5f ? 10f : -10f;
            }
            return new Answer(l, 0.95f);
        });
        List<MaskCandidate> out = new AutomaticMaskGenerator(dec, settings(1, 0.88, 0.95, 0.7, 1, 0))
                .generate(RgbImage.ofPlanar(w, h, px));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).box()).isEqualTo(new MaskBox(130, 80, 159, 109));
        assertThat(out.get(0).crop()).isEqualTo(new CropBox(0, 0, 184, 134, 1));
        assertThat(out.get(0).area()).isEqualTo(900);
        BitSet expected = AmgPartsTest.square(w, 130, 80, 159, 109);
        assertThat(out.get(0).mask()).isEqualTo(expected);
    }

    @Test
    void minRegionAreaCleansMasksAndPrefersUntouchedOnes() {
        // One point; its mask is a 10x10 square with a 1-pixel hole and a 1-pixel island.
        FakeDecoder dec = new FakeDecoder((img, p) -> {
            float[] l = rect(img.width(), img.height(), 5, 5, 14, 14, 0, 10f);
            l[9 * img.width() + 9] = -10f;
            l[30 * img.width() + 30] = 10f;
            return new Answer(l, 0.95f);
        });
        List<MaskCandidate> out = new AutomaticMaskGenerator(dec, settings(1, 0.88, 0.95, 0.7, 0, 4))
                .generate(black(40, 40));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).mask()).isEqualTo(AmgPartsTest.square(40, 5, 5, 14, 14));
        assertThat(out.get(0).box()).isEqualTo(new MaskBox(5, 5, 14, 14));
    }
}
