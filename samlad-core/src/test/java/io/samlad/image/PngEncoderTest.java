package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Overlay PNGs decode, with the JDK's reader, to exactly the pixels given, whichever Deflate makes them: zlib's (the
 * reference) or the run encoder's, which must also produce the same filtered scanlines byte for byte.
 */
class PngEncoderTest {
    private static int[] image(SplittableRandom rnd, int w, int h, int shift) {
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            int x = i % w;
            int kind = rnd.nextInt(5);
            // flat runs, noise, rows like the one above, and a panel repeated `shift` pixels to the right
            rgb[i] = kind == 0 && i >= w ? rgb[i - w]
                    : kind == 1 && shift > 0 && x >= shift ? rgb[i - shift]
                    : kind == 2 && x > 0 ? rgb[i - 1]
                    : i % 7 < 3 ? 0x204080 : rnd.nextInt(1 << 24);
        }
        // a top byte that is not zero must not matter (getRGB gives 0xff there)
        rgb[0] |= 0xff000000;
        return rgb;
    }

    private static void assertDecodesTo(byte[] png, int[] rgb, int w, int h) throws Exception {
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(w);
        assertThat(back.getHeight()).isEqualTo(h);
        int[] got = back.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            assertThat(got[i] & 0xffffff).as("pixel %d of %dx%d", i, w, h).isEqualTo(rgb[i] & 0xffffff);
        }
    }

    /** The IDAT chunk's zlib stream inflated: the filtered scanlines. */
    private static byte[] scanlines(byte[] png, int size) throws Exception {
        int at = 8;
        while (true) {
            int len = ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8)
                    | (png[at + 3] & 0xff);
            String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("IDAT")) {
                Inflater inf = new Inflater();
                inf.setInput(png, at + 8, len);
                byte[] out = new byte[size + 1];
                int got = inf.inflate(out);
                assertThat(inf.finished()).as("complete stream, right checksum").isTrue();
                inf.end();
                return java.util.Arrays.copyOf(out, got);
            }
            at += 12 + len;
        }
    }

    @Test
    void pixelsComeBackExactly() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        PngEncoder zlib = new PngEncoder(1);
        PngEncoder runs = PngEncoder.withRunDeflate();
        int[][] sizes = {{1, 1}, {37, 5}, {200, 131}, {3, 90}, {608, 40}, {11000, 3}};
        for (int[] size : sizes) {
            int w = size[0];
            int h = size[1];
            for (int shift : new int[] {0, 1, w / 2 + 1, w, 20000}) {
                int[] rgb = image(rnd, w, h, shift > 0 && shift < w ? shift : 0);
                byte[] reference = zlib.encode(rgb, w, h);
                byte[] fast = runs.encode(rgb, w, h, shift);
                assertDecodesTo(reference, rgb, w, h);
                assertDecodesTo(fast, rgb, w, h);
                int raw = (1 + 3 * w) * h;
                assertThat(scanlines(fast, raw)).isEqualTo(scanlines(reference, raw));
            }
        }
    }

    @Test
    void aReusedRunEncoderGivesTheSameBytesAsAFreshOne() {
        SplittableRandom rnd = new SplittableRandom(3);
        PngEncoder reused = PngEncoder.withRunDeflate();
        reused.encode(image(rnd, 300, 200, 100), 300, 200, 100);
        int[] small = image(rnd, 17, 9, 5);
        assertThat(reused.encode(small, 17, 9, 5)).isEqualTo(PngEncoder.withRunDeflate().encode(small, 17, 9, 5));
    }
}
