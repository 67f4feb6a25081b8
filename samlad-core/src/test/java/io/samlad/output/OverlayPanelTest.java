package io.samlad.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.config.StageTimings;
import io.samlad.detector.Prediction;
import io.samlad.image.FloatMap;
import io.samlad.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The overlay's panel size: an image larger than the panel limit is shown at that size on its longest side (512 by
 * default, MVTec LOCO's 800x1600 at the detector's working size, whose image the overlay then takes from the image
 * instead of shrinking it again), smaller ones as before, and a limit too small for the header is refused.
 */
class OverlayPanelTest {
    private static Prediction prediction(int w, int h) {
        float[] map = new float[w * h];
        for (int i = 0; i < map.length; i++) {
            map[i] = (i % 97) / 40f;
        }
        return new Prediction(0.5, 0.2, 0.5, new FloatMap(w, h, map), List.of(), List.of(), new StageTimings());
    }

    private static RgbImage noise(int w, int h) {
        byte[] s = new byte[3 * w * h];
        new SplittableRandom(w + h).nextBytes(s);
        return RgbImage.ofPlanarBytes(w, h, s);
    }

    @Test
    void largeImagesArePanelledAtTheLimit() {
        RgbImage image = noise(800, 1600);
        Prediction p = prediction(800, 1600);
        BufferedImage byDefault = OverlayRenderer.render(image, p, 1.5, 0, 3);
        assertThat(byDefault.getWidth()).isEqualTo(3 * 256 + 8);
        assertThat(byDefault.getHeight()).isEqualTo(512 + 22);
        BufferedImage wide = OverlayRenderer.render(image, p, 1.5, 0, 3, 640);
        assertThat(wide.getWidth()).isEqualTo(3 * 320 + 8);
        assertThat(wide.getHeight()).isEqualTo(640 + 22);
        // a 200x400 image is below both limits: drawn at its own size either way
        RgbImage subset = noise(200, 400);
        assertThat(OverlayRenderer.render(subset, prediction(200, 400), 1.5, 0, 3).getWidth()).isEqualTo(3 * 200 + 8);
        assertThatThrownBy(() -> OverlayRenderer.render(image, p, 1.5, 0, 3, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PredictionWriter.Options.defaults().withOverlayPanel(159))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theImagePanelIsTheWorkingImageTheDetectorMade() {
        RgbImage image = noise(800, 1600);
        RgbImage working = image.resizeShortSide(256);        // what the detector does first
        BufferedImage overlay = OverlayRenderer.render(image, prediction(800, 1600), 1.5, 0, 3);
        float[] d = working.planar();
        int n = 256 * 512;
        for (int i = 0; i < n; i += 331) {
            int x = i % 256;
            int y = i / 256;
            int expected = to8(d[i]) << 16 | to8(d[n + i]) << 8 | to8(d[2 * n + i]);
            assertThat(overlay.getRGB(x, 22 + y) & 0xffffff).as("(%d, %d)", x, y).isEqualTo(expected);
        }
    }

    private static int to8(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
