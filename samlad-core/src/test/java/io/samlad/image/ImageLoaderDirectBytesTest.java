package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 8-bit images are read straight from their byte buffer; that path must give the floats of the sample-model loop it
 * bypasses (kept here as the reference) for every byte layout ImageIO produces: interleaved BGR, ABGR, RGB,
 * grey, grey + alpha, and a banded raster.
 */
class ImageLoaderDirectBytesTest {
    /** The general loop: {@link Raster#getSamples} row by row and band by band. */
    static float[] reference(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        int colourBands = raster.getNumBands() >= 3 ? 3 : 1;
        float[] out = new float[3 * plane];
        int[] row = new int[w];
        for (int b = 0; b < colourBands; b++) {
            float scale = (float) (1.0 / ((1L << raster.getSampleModel().getSampleSize(b)) - 1));
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    float v = (float) ((row[x] & 0xffffffffL) * (double) scale);
                    for (int c = 0; c < 3; c++) {
                        if (colourBands == 1 || c == b) {
                            out[c * plane + y * w + x] = v;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static BufferedImage random(BufferedImage image, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int bands = image.getRaster().getNumBands();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                for (int b = 0; b < bands; b++) {
                    image.getRaster().setSample(x, y, b, r.nextInt(256));
                }
            }
        }
        return image;
    }

    @Test
    void everyByteLayoutGivesTheFloatsOfTheGeneralLoop() {
        int[] types = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY};
        int seed = 0;
        for (int type : types) {
            for (int[] size : new int[][] {{37, 23}, {1, 1}, {200, 3}}) {
                BufferedImage image = random(new BufferedImage(size[0], size[1], type), seed++);
                assertThat(Arrays.equals(ImageLoader.convert(image).planar(), reference(image)))
                        .as("type %d, %dx%d", type, size[0], size[1]).isTrue();
            }
        }
        // RGB in that order, grey + alpha and a banded raster (one array per band), as ImageIO's PNG reader makes
        java.awt.color.ColorSpace srgb = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        java.awt.color.ColorSpace grey = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
        java.awt.image.ComponentColorModel rgbModel = new java.awt.image.ComponentColorModel(srgb, false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        java.awt.image.ComponentColorModel greyAlpha = new java.awt.image.ComponentColorModel(grey, true, false,
                java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        BufferedImage[] others = {
            new BufferedImage(rgbModel, Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 31, 17, 3, null),
                    false, null),
            new BufferedImage(greyAlpha, Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 31, 17, 2, null),
                    false, null),
            new BufferedImage(rgbModel, Raster.createBandedRaster(DataBuffer.TYPE_BYTE, 31, 17, 3, null), false,
                    null)};
        for (BufferedImage image : others) {
            random(image, seed++);
            assertThat(Arrays.equals(ImageLoader.convert(image).planar(), reference(image)))
                    .as(image.getRaster().getSampleModel().getClass().getSimpleName()).isTrue();
        }
    }
}
