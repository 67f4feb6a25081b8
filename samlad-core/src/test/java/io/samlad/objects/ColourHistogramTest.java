package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The colour histogram: shares of the image per L*a*b* bin, from a bounded sample of pixels. */
class ColourHistogramTest {
    @Test
    void sharesFollowTheAreaOfEachColourAndSumToOne() {
        int w = 200;
        int h = 200;
        float[] p = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean red = x < 50; // a quarter of the image
                int i = y * w + x;
                p[i] = red ? 0.9f : 0.5f;
                p[w * h + i] = red ? 0.1f : 0.5f;
                p[2 * w * h + i] = red ? 0.1f : 0.5f;
            }
        }
        float[] hist = ColourHistogram.of(RgbImage.ofPlanar(w, h, p));
        assertThat(hist).hasSize(ColourHistogram.BINS);
        double sum = 0;
        for (float v : hist) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-5));
        float[] lab = new float[3];
        LabColour.pixel(0.9f, 0.1f, 0.1f, lab);
        assertThat(hist[ColourHistogram.bin(lab[0], lab[1], lab[2])]).isCloseTo(0.25f, offset(0.02f));
        LabColour.pixel(0.5f, 0.5f, 0.5f, lab);
        assertThat(hist[ColourHistogram.bin(lab[0], lab[1], lab[2])]).isCloseTo(0.75f, offset(0.02f));
    }

    @Test
    void aBinsCentreFallsInThatBin() {
        for (int b = 0; b < ColourHistogram.BINS; b++) {
            float[] c = ColourHistogram.centre(b);
            assertThat(ColourHistogram.bin(c[0], c[1], c[2])).isEqualTo(b);
        }
    }

    @Test
    void onePixelConvertsAsTheWholeImageDoes() {
        RgbImage image = RgbImage.ofPlanar(1, 1, new float[] {0.2f, 0.6f, 0.3f});
        float[] whole = LabColour.toLab(image);
        float[] one = new float[3];
        LabColour.pixel(0.2f, 0.6f, 0.3f, one);
        assertThat(one).containsExactly(whole);
    }
}
