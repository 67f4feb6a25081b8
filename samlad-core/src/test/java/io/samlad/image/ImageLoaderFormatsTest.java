package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageLoader} on the file layouts inspection cameras and tools produce. Each file is written with the JDK's
 * own encoders from known sample values, its layout is checked in the file itself where it matters (so the test
 * really covers that layout), and the decoded values are compared with the samples divided by the format's maximum.
 */
class ImageLoaderFormatsTest {
    @TempDir
    Path dir;

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as("a %s writer exists", format).isTrue();
        return file;
    }

    /** The bit depth and colour type bytes of a PNG's IHDR chunk (which always comes first, at offset 16). */
    private static int[] pngDepthAndColourType(Path png) throws IOException {
        byte[] b = Files.readAllBytes(png);
        return new int[] {b[24] & 0xff, b[25] & 0xff};
    }

    private static void assertRgb(RgbImage img, int x, int y, double r, double g, double b, double tolerance) {
        String at = "(" + x + ", " + y + ")";
        assertThat((double) img.get(0, x, y)).as("red at " + at).isCloseTo(r, within(tolerance));
        assertThat((double) img.get(1, x, y)).as("green at " + at).isCloseTo(g, within(tolerance));
        assertThat((double) img.get(2, x, y)).as("blue at " + at).isCloseTo(b, within(tolerance));
    }

    @Test
    void sixteenBitGreyPngKeepsItsFullRange() throws IOException {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = {65535, 32768, 257, 0};
        for (int x = 0; x < samples.length; x++) {
            img.getRaster().setSample(x, 0, 0, samples[x]);
        }
        Path file = write(img, "png", "grey16.png");
        assertThat(pngDepthAndColourType(file)).containsExactly(16, 0);

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 1.0, 1.0, 1.0, 1e-6);
        assertRgb(read, 1, 0, 0.5, 0.5, 0.5, 1e-4);
        // 257/65535 = 1/255: an 8-bit reduction would also give it, but would lose 32768 -> 0.50196.
        assertThat((double) read.get(0, 1, 0)).isCloseTo(32768 / 65535.0, within(1e-6));
        assertRgb(read, 2, 0, 1 / 255.0, 1 / 255.0, 1 / 255.0, 1e-6);
        assertRgb(read, 3, 0, 0, 0, 0, 0);
    }

    @Test
    void sixteenBitColourPngKeepsEachChannel() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 16384, 1000});
        Path file = write(new BufferedImage(cm, raster, false, new Hashtable<>()), "png", "rgb16.png");
        assertThat(pngDepthAndColourType(file)).containsExactly(16, 2);

        assertRgb(ImageLoader.read(file), 0, 0, 1.0, 16384 / 65535.0, 1000 / 65535.0, 1e-6);
    }

    @Test
    void eightBitGreyPngIsReadAsItsSampleValueNotGammaConverted() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 77);
        img.getRaster().setSample(1, 0, 0, 200);
        Path file = write(img, "png", "grey8.png");
        assertThat(pngDepthAndColourType(file)).containsExactly(8, 0);

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 77 / 255.0, 77 / 255.0, 77 / 255.0, 1e-6);
        assertRgb(read, 1, 0, 200 / 255.0, 200 / 255.0, 200 / 255.0, 1e-6);
    }

    @Test
    void rgbaPngIgnoresAlpha() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00C86432); // fully transparent (200, 100, 50)
        img.setRGB(1, 0, 0x800A141E); // half transparent (10, 20, 30)
        img.setRGB(2, 0, 0xFFFFFFFF); // opaque white
        Path file = write(img, "png", "rgba.png");
        assertThat(pngDepthAndColourType(file)).containsExactly(8, 6);

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 200 / 255.0, 100 / 255.0, 50 / 255.0, 1e-6);
        assertRgb(read, 1, 0, 10 / 255.0, 20 / 255.0, 30 / 255.0, 1e-6);
        assertRgb(read, 2, 0, 1, 1, 1, 1e-6);
    }

    @Test
    void greyWithAlphaPngIgnoresAlpha() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {90, 0});
        Path file = write(new BufferedImage(cm, raster, false, new Hashtable<>()), "png", "grey-alpha.png");
        assertThat(pngDepthAndColourType(file)).containsExactly(8, 4);

        assertRgb(ImageLoader.read(file), 0, 0, 90 / 255.0, 90 / 255.0, 90 / 255.0, 1e-6);
    }

    @Test
    void palettePngDecodesToItsPaletteColours() throws IOException {
        byte[] r = {(byte) 255, 0, 0, (byte) 128};
        byte[] g = {0, (byte) 255, 0, (byte) 64};
        byte[] b = {0, 0, (byte) 255, 32};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b);
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int x = 0; x < 4; x++) {
            img.getRaster().setSample(x, 0, 0, x);
        }
        Path file = write(img, "png", "palette.png");
        assertThat(pngDepthAndColourType(file)[1]).as("colour type 3: indexed").isEqualTo(3);

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 1, 0, 0, 1e-6);
        assertRgb(read, 1, 0, 0, 1, 0, 1e-6);
        assertRgb(read, 2, 0, 0, 0, 1, 1e-6);
        assertRgb(read, 3, 0, 128 / 255.0, 64 / 255.0, 32 / 255.0, 1e-6);
    }

    @Test
    void bmpDecodesExactly() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xC86432);
        img.setRGB(1, 0, 0x0A141E);
        img.setRGB(0, 1, 0xFFFFFF);
        img.setRGB(1, 1, 0x000000);
        Path file = write(img, "bmp", "rgb.bmp");
        assertThat(new String(Files.readAllBytes(file), 0, 2, StandardCharsets.US_ASCII))
                .isEqualTo("BM");

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 200 / 255.0, 100 / 255.0, 50 / 255.0, 1e-6);
        assertRgb(read, 1, 0, 10 / 255.0, 20 / 255.0, 30 / 255.0, 1e-6);
        assertRgb(read, 0, 1, 1, 1, 1, 1e-6);
        assertRgb(read, 1, 1, 0, 0, 0, 1e-6);
    }

    @Test
    void jpegDecodesToTheExpectedColoursWithinCompressionTolerance() throws IOException {
        // Flat 16x16 quadrants: JPEG's 8x8 blocks and 2x2 chroma subsampling keep flat areas close to their colour.
        Color[] colours = {new Color(200, 40, 40), new Color(40, 160, 60), new Color(40, 70, 200),
            new Color(230, 200, 40)};
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        for (int q = 0; q < 4; q++) {
            gr.setColor(colours[q]);
            gr.fillRect(16 * (q % 2), 16 * (q / 2), 16, 16);
        }
        gr.dispose();
        Path file = write(img, "jpg", "quadrants.jpg");
        byte[] head = Files.readAllBytes(file);
        assertThat(new int[] {head[0] & 0xff, head[1] & 0xff}).as("JPEG SOI marker").containsExactly(0xFF, 0xD8);

        RgbImage read = ImageLoader.read(file);
        assertThat(read.width()).isEqualTo(32);
        for (int q = 0; q < 4; q++) {
            Color c = colours[q];
            assertRgb(read, 16 * (q % 2) + 8, 16 * (q / 2) + 8, c.getRed() / 255.0, c.getGreen() / 255.0,
                    c.getBlue() / 255.0, 0.06);
        }
    }

    @Test
    void rgbTiffDecodesExactly() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xC86432);
        img.setRGB(1, 0, 0x0A141E);
        Path file = write(img, "tiff", "rgb.tiff");

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 200 / 255.0, 100 / 255.0, 50 / 255.0, 1e-6);
        assertRgb(read, 1, 0, 10 / 255.0, 20 / 255.0, 30 / 255.0, 1e-6);
    }

    @Test
    void sixteenBitGreyTiffKeepsItsFullRange() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 65535);
        img.getRaster().setSample(1, 0, 0, 32768);
        Path file = write(img, "tif", "grey16.tif");

        RgbImage read = ImageLoader.read(file);
        assertRgb(read, 0, 0, 1, 1, 1, 1e-6);
        assertRgb(read, 1, 0, 32768 / 65535.0, 32768 / 65535.0, 32768 / 65535.0, 1e-6);
    }

    @Test
    void sizeIsTheFilesSizeForNonSquareImages() throws IOException {
        BufferedImage img = new BufferedImage(7, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(6, 2, 0xFF0000);
        RgbImage read = ImageLoader.read(write(img, "png", "wide.png"));
        assertThat(read.width()).isEqualTo(7);
        assertThat(read.height()).isEqualTo(3);
        assertRgb(read, 6, 2, 1, 0, 0, 1e-6);
        assertRgb(read, 0, 0, 0, 0, 0, 1e-6);
    }
}
