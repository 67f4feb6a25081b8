package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PngDecoder} against the reference it replaces, ImageIO's decoding followed by {@link ImageLoader#convert}:
 * the same float bits on random images of every colour type it handles, every filter (chosen at random per row,
 * written by the independent filter code below), image data split over several chunks, harmless ancillary chunks;
 * and null, so that ImageIO decides, for every file it does not handle or that is damaged.
 */
class PngDecoderTest {
    private static final int[] CHANNELS = {1, 0, 3, 0, 2, 0, 4}; // by colour type: grey, RGB, grey+alpha, RGBA

    @TempDir
    Path dir;

    /** The previous decoding path, kept as the reference. */
    private static float[] reference(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        return ImageLoader.convert(img).planar();
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Test
    void everyColourTypeAndFilterDecodesToTheReferenceBits() throws IOException {
        SplittableRandom rnd = new SplittableRandom(12);
        int[][] sizes = {{1, 1}, {2, 3}, {17, 5}, {64, 48}, {101, 33}, {3, 200}};
        int files = 0;
        for (int colourType : new int[] {0, 2, 4, 6}) {
            for (int[] size : sizes) {
                for (int filterChoice = -1; filterChoice <= 4; filterChoice++) {
                    // smooth images make Paeth pick all three predictors; noise makes the sums wrap around
                    boolean smooth = rnd.nextBoolean();
                    byte[] png = encode(size[0], size[1], colourType, filterChoice, smooth, rnd);
                    RgbImage fast = new PngDecoder().decode(png, ImageLimits.defaults());
                    assertThat(fast).as("type %d, %dx%d, filter %d", colourType, size[0], size[1], filterChoice)
                            .isNotNull();
                    assertThat(bits(fast.planar())).as("type %d, %dx%d, filter %d", colourType, size[0], size[1],
                            filterChoice).isEqualTo(bits(reference(png)));
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(4 * sizes.length * 6);
    }

    /**
     * Rows are inflated 64 KB at a time: images of several such batches (a last one part full), a row longer than a
     * batch, and RGB rows, whose Paeth rows are undone and spread in one pass, among random filters; one decoder
     * for all of them, as a worker thread keeps it.
     */
    @Test
    void imagesOfSeveralInflatedBatchesDecodeToTheReferenceBits() throws IOException {
        SplittableRandom rnd = new SplittableRandom(21);
        PngDecoder decoder = new PngDecoder();
        int[][] sizes = {{700, 97}, {23000, 2}, {257, 300}, {800, 40}};
        for (int colourType : new int[] {0, 2, 4, 6}) {
            for (int[] size : sizes) {
                for (int filterChoice : new int[] {-1, 4}) {
                    byte[] png = encode(size[0], size[1], colourType, filterChoice, rnd.nextBoolean(), rnd);
                    RgbImage fast = decoder.decode(png, ImageLimits.defaults());
                    assertThat(fast).as("type %d, %dx%d", colourType, size[0], size[1]).isNotNull();
                    assertThat(bits(fast.planar())).as("type %d, %dx%d, filter %d", colourType, size[0], size[1],
                            filterChoice).isEqualTo(bits(reference(png)));
                }
            }
        }
    }

    @Test
    void filesImageIoWritesDecodeToTheReferenceBits() throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage img = new BufferedImage(97, 61, type);
            for (int y = 0; y < 61; y++) {
                for (int x = 0; x < 97; x++) {
                    img.setRGB(x, y, rnd.nextInt() | (rnd.nextBoolean() ? 0xff000000 : 0));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            byte[] png = out.toByteArray();
            RgbImage fast = new PngDecoder().decode(png, ImageLimits.defaults());
            assertThat(fast).as("type %d", type).isNotNull();
            assertThat(bits(fast.planar())).as("type %d", type).isEqualTo(bits(reference(png)));
            // and through the loader's file path
            Path file = Files.write(dir.resolve("t" + type + ".png"), png);
            assertThat(bits(ImageLoader.read(file).planar())).isEqualTo(bits(reference(png)));
        }
    }

    @Test
    void layoutsItDoesNotHandleGoToImageIo() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] rgb = encode(20, 10, 2, -1, true, rnd);
        PngDecoder decoder = new PngDecoder();
        // 16-bit grey, written by ImageIO
        BufferedImage grey16 = new BufferedImage(9, 7, BufferedImage.TYPE_USHORT_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(grey16, "png", out);
        assertThat(decoder.decode(out.toByteArray(), ImageLimits.defaults())).isNull();
        // palette, written by ImageIO
        out.reset();
        ImageIO.write(new BufferedImage(9, 7, BufferedImage.TYPE_BYTE_INDEXED), "png", out);
        assertThat(decoder.decode(out.toByteArray(), ImageLimits.defaults())).isNull();
        // interlaced: the flag in the header (CRC fixed), a transparency chunk, a header above the pixel limit
        assertThat(decoder.decode(withHeaderByte(rgb, 12, (byte) 1), ImageLimits.defaults())).isNull();
        assertThat(decoder.decode(withChunkAfterHeader(rgb, "tRNS", new byte[6]), ImageLimits.defaults())).isNull();
        assertThat(decoder.decode(rgb, new ImageLimits(199))).isNull();
        // and the decoder still works after refusing
        assertThat(decoder.decode(rgb, ImageLimits.defaults())).isNotNull();
        assertThat(decoder.decode(withChunkAfterHeader(rgb, "gAMA", new byte[4]), ImageLimits.defaults()))
                .isNotNull();
    }

    @Test
    void damagedFilesGoToImageIo() {
        SplittableRandom rnd = new SplittableRandom(9);
        byte[] png = encode(40, 30, 6, -1, false, rnd);
        PngDecoder decoder = new PngDecoder();
        for (int cut : new int[] {0, 8, 20, 33, 45, png.length / 2, png.length - 13}) {
            assertThat(decoder.decode(Arrays.copyOf(png, cut), ImageLimits.defaults())).as("cut at %d", cut).isNull();
        }
        int[] intact = bits(decoder.decode(png, ImageLimits.defaults()).planar());
        int refused = 0;
        for (int at = 8; at < png.length; at += 7) {
            byte[] flipped = png.clone();
            flipped[at] ^= 0x10;
            RgbImage image = decoder.decode(flipped, ImageLimits.defaults());
            // a flip in a chunk that is read breaks its CRC or the structure: refused; one in what is never read (the
            // end chunk, the checksum of the compressed data) leaves the pixels as they were
            if (image == null) {
                refused++;
            } else {
                assertThat(bits(image.planar())).as("flip at %d of %d", at, png.length).isEqualTo(intact);
            }
        }
        assertThat(refused).isGreaterThan((png.length - 8) / 7 - 4);
        assertThat(decoder.decode(png, ImageLimits.defaults())).isNotNull();
    }

    @Test
    void unknownFilterTypeIsRefused() {
        byte[] row = {5, 1, 2, 3};
        assertThat(PngDecoder.unfilter(row, new byte[4], 3, 3)).isFalse();
    }

    @Test
    void paethPredictorFollowsTheSpecificationsTieOrder() {
        for (int a = 0; a < 256; a += 3) {
            for (int b = 0; b < 256; b += 5) {
                for (int c = 0; c < 256; c += 7) {
                    assertThat(PngDecoder.paethPredictor(a, b, c)).isEqualTo(specPaeth(a, b, c));
                }
            }
        }
        for (int[] t : new int[][] {{0, 0, 0}, {255, 255, 255}, {0, 255, 0}, {255, 0, 255}, {10, 10, 5}, {5, 10, 10}}) {
            assertThat(PngDecoder.paethPredictor(t[0], t[1], t[2])).isEqualTo(specPaeth(t[0], t[1], t[2]));
        }
    }

    @Test
    void thePaethPredictorByRangesEqualsTheSpecificationsOnEveryInput() {
        int mismatches = 0;
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    if (PngDecoder.paethByRange(a, b, c) != specPaeth(a, b, c)) {
                        mismatches++;
                    }
                }
            }
        }
        assertThat(mismatches).isZero();
    }

    // ---- an independent encoder: filters as the PNG specification writes them -------------------------------

    private static int specPaeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    /** A PNG of random samples; filterChoice -1 picks a filter per row at random. */
    private static byte[] encode(int w, int h, int colourType, int filterChoice, boolean smooth, SplittableRandom rnd) {
        int bpp = CHANNELS[colourType];
        int n = w * bpp;
        byte[][] raw = new byte[h][n];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < n; i++) {
                raw[y][i] = (byte) (smooth ? (i / bpp * 3 + y * 2 + (i % bpp) * 40 + rnd.nextInt(6)) : rnd.nextInt(256));
            }
        }
        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        byte[] zero = new byte[n];
        for (int y = 0; y < h; y++) {
            int f = filterChoice >= 0 ? filterChoice : rnd.nextInt(5);
            byte[] up = y == 0 ? zero : raw[y - 1];
            scan.write(f);
            for (int i = 0; i < n; i++) {
                int x = raw[y][i] & 0xff;
                int a = i >= bpp ? raw[y][i - bpp] & 0xff : 0;
                int b = up[i] & 0xff;
                int c = i >= bpp ? up[i - bpp] & 0xff : 0;
                int pred = switch (f) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    default -> specPaeth(a, b, c);
                };
                scan.write((x - pred) & 0xff);
            }
        }
        try {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(rnd.nextInt(10)))) {
                d.write(scan.toByteArray());
            }
            byte[] data = z.toByteArray();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(PngBytes.SIGNATURE);
            PngBytes.chunk(png, "IHDR", PngBytes.ihdr(w, h, 8, colourType));
            if (rnd.nextBoolean()) {
                PngBytes.chunk(png, "tEXt", "Comment\0test".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            // the data over one to four chunks (a zero-length one among them at times)
            int at = 0;
            while (at < data.length) {
                int len = rnd.nextInt(4) == 0 ? data.length - at : Math.min(data.length - at, rnd.nextInt(data.length + 1));
                PngBytes.chunk(png, "IDAT", Arrays.copyOfRange(data, at, at + len));
                at += len;
            }
            PngBytes.chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The file with one byte of the header's data changed and its CRC made right again. */
    private static byte[] withHeaderByte(byte[] png, int offsetInData, byte value) {
        byte[] b = png.clone();
        b[16 + offsetInData] = value;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 12, 17);
        ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
        return b;
    }

    /** The file with a chunk inserted right after the header. */
    private static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(png, 0, 33);
            PngBytes.chunk(out, type, data);
            out.write(png, 33, png.length - 33);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
