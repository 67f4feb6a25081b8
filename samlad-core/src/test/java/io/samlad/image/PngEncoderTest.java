package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Overlay PNGs decode, with the JDK's reader, to exactly the pixels given. */
class PngEncoderTest {
    @Test
    void pixelsComeBackExactly() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        PngEncoder encoder = new PngEncoder(1);
        for (int[] size : new int[][] {{1, 1}, {37, 5}, {200, 131}, {3, 90}}) {
            int w = size[0];
            int h = size[1];
            int[] rgb = new int[w * h];
            for (int i = 0; i < rgb.length; i++) {
                // runs and noise, so that both matches and literals occur
                rgb[i] = i % 7 < 3 ? 0x204080 : rnd.nextInt(1 << 24);
            }
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(encoder.encode(rgb, w, h)));
            assertThat(back.getWidth()).isEqualTo(w);
            assertThat(back.getHeight()).isEqualTo(h);
            int[] got = back.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                assertThat(got[i] & 0xffffff).as("pixel %d of %dx%d", i, w, h).isEqualTo(rgb[i]);
            }
        }
    }
}
