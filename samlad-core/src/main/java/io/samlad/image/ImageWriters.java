package io.samlad.image;

import io.samlad.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes images and float maps atomically (temp file, then rename), so an interrupted run never leaves a
 * half-written file behind. Encoding ({@link FloatTiffEncoder}, {@link PngEncoder}) is separate from writing, so that a
 * background writer can encode off the caller's thread.
 */
public final class ImageWriters {
    private ImageWriters() {
    }

    /**
     * zlib's level for maps written with {@link java.util.zip.Deflater} ({@code new FloatTiffEncoder(level)}), kept
     * as the reference the faster default is measured and tested against: 2, not 1. On a bilinear map (every float
     * distinct) the levels 1 to 3 give the same size and speed; on a map held constant over working pixels
     * ({@link MapEnlargement}, 800x1600) level 1 stores 534 KB in 13.5 ms and level 2 379 KB in 11.2 ms (12 real
     * juice_bottle maps): level 1 does not index the inside of long matches, so a repeated row often does not find
     * the row it repeats. Levels 4 to 6 give about 290 KB in 20-23 ms. Maps are written with
     * {@link FloatTiffEncoder#withRunDeflate()} instead (a quarter of the CPU time, see {@link FloatRunDeflater}).
     */
    public static final int MAP_DEFLATE_LEVEL = 2;
    /** zlib's level for PNGs written with {@code new PngEncoder(level)}, the reference of the default encoder. */
    public static final int PNG_DEFLATE_LEVEL = 1;

    // Encoders keep their buffers and deflaters between images; one per thread, as they are not thread-safe.
    private static final ThreadLocal<FloatTiffEncoder> TIFF = ThreadLocal.withInitial(
            FloatTiffEncoder::withRunDeflate);
    private static final ThreadLocal<PngEncoder> PNG = ThreadLocal.withInitial(PngEncoder::withRunDeflate);

    /**
     * Writes a float32 single-channel TIFF, Deflate-compressed (lossless: every value reads back bit for bit with the
     * JDK's TIFF reader, libtiff or tifffile).
     */
    public static void writeFloatTiff(FloatMap map, Path target) throws IOException {
        writeBytes(encodeFloatTiff(map, null), target);
    }

    /** The TIFF file {@link #writeFloatTiff} writes, in memory; {@code description} goes into ImageDescription. */
    public static byte[] encodeFloatTiff(FloatMap map, String description) {
        return TIFF.get().encode(map, description);
    }

    /** Writes a PNG. */
    public static void writePng(BufferedImage image, Path target) throws IOException {
        writeBytes(encodePng(image), target);
    }

    /** The PNG file {@link #writePng} writes, in memory: 8-bit RGB (alpha, if any, is dropped). */
    public static byte[] encodePng(BufferedImage image) {
        return encodePng(image, 0);
    }

    /**
     * As {@link #encodePng(BufferedImage)}, told where rows repeat themselves {@code repeatShift} pixels to the
     * right (an overlay's copied panel: {@code OverlayRenderer.copiedPanelShift}), which the encoder then finds.
     */
    public static byte[] encodePng(BufferedImage image, int repeatShift) {
        int w = image.getWidth();
        int h = image.getHeight();
        // A plain TYPE_INT_RGB image (not a sub-image of a larger one) already holds the pixels in the order wanted.
        boolean plain = image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer().getSize() == w * h;
        int[] rgb = plain
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData()
                : image.getRGB(0, 0, w, h, null, 0, w);
        return PNG.get().encode(rgb, w, h, repeatShift);
    }

    /** Writes bytes atomically (temporary sibling, then rename). */
    public static void writeBytes(byte[] content, Path target) throws IOException {
        AtomicFiles.write(target, out -> out.write(content));
    }

    /** Reads a float32 TIFF written by {@link #writeFloatTiff} (or the official tools) back into a map. */
    public static FloatMap readFloatTiff(Path path) throws IOException {
        BufferedImage img = ImageIO.read(path.toFile());
        if (img == null) {
            throw new IOException(path + ": not a readable TIFF");
        }
        Raster r = img.getRaster();
        float[] data = r.getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (float[]) null);
        return new FloatMap(img.getWidth(), img.getHeight(), data);
    }
}
