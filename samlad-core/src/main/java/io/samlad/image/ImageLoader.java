package io.samlad.image;

import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads PNG, JPEG, BMP and TIFF files of any common layout (grey, grey+alpha, RGB, RGBA, palette, 8 or 16 bits,
 * floating point in [0, 1]) into an {@link RgbImage}. Samples are scaled by their own bit depth, so a 16-bit grey
 * image keeps its full range; alpha is ignored (inspection images are opaque, and compositing would invent a
 * background).
 *
 * <p>Every read is bounded by {@link ImageLimits}: the reader is asked for the image size, which it takes from the
 * header, and the pixels are decoded only when that size is within the limit. Every failure is an
 * {@link InvalidInputException} with one line naming the input.
 */
public final class ImageLoader {
    /** File name endings that {@link #isImageFile} accepts. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    /** Width and height in pixels, as the header states them. */
    public record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** What errors name: the file when there is one, so that {@link InvalidInputException#path()} is set. */
    private record Origin(Path path, String name) {
        static Origin of(Path path) {
            return new Origin(path, path.toString());
        }

        InvalidInputException error(String problem) {
            return error(problem, null);
        }

        InvalidInputException error(String problem, Throwable cause) {
            return path != null ? new InvalidInputException(path, problem, cause)
                    : new InvalidInputException(name, problem, cause);
        }
    }

    /** Larger PNG files go to ImageIO, which streams them (a file this size holds over 100 megapixels). */
    private static final long MAX_FAST_PNG_BYTES = 1L << 29;
    /** One decoder per thread: it keeps its inflater and row buffers. */
    private static final ThreadLocal<PngDecoder> PNG = ThreadLocal.withInitial(PngDecoder::new);

    static {
        // Decoding from a stream must not spill to temporary files (and must not depend on a writable temp folder).
        ImageIO.setUseCache(false);
    }

    private ImageLoader() {
    }

    public static boolean isImageFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1)) && !name.startsWith(".");
    }

    /** Reads an image within the default limits; see {@link #read(Path, ImageLimits)}. */
    public static RgbImage read(Path path) {
        return read(path, ImageLimits.defaults());
    }

    /**
     * Reads an image or throws {@link InvalidInputException} naming the file and the problem.
     *
     * @throws InvalidInputException also when the header states more pixels than {@code limits} allow; nothing is
     *                               decoded then
     */
    public static RgbImage read(Path path, ImageLimits limits) {
        RgbImage png = readCommonPng(path, limits);
        return png != null ? png : toRgb(readBuffered(path, limits), Origin.of(path));
    }

    /**
     * The common PNG layouts through {@link PngDecoder} (same floats as ImageIO's decoding, about half the time);
     * null for every other file, and for every problem, which ImageIO then reports as before.
     */
    private static RgbImage readCommonPng(Path path, ImageLimits limits) {
        try (SeekableByteChannel in = Files.newByteChannel(path)) {
            long size = in.size();
            if (size < 33 || size > MAX_FAST_PNG_BYTES) {
                return null;
            }
            ByteBuffer head = ByteBuffer.allocate(8);
            while (head.hasRemaining() && in.read(head) > 0) {
                // a file may arrive in pieces
            }
            if (!PngDecoder.isPng(head.array())) {
                return null;
            }
            byte[] all = new byte[(int) size];
            ByteBuffer whole = ByteBuffer.wrap(all);
            in.position(0);
            while (whole.hasRemaining() && in.read(whole) > 0) {
                // until the end
            }
            return whole.hasRemaining() ? null : PNG.get().decode(all, limits);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Decodes an image held in memory (an upload, say) within {@code limits}.
     *
     * @param name what errors call the image (a file name, an upload's name)
     */
    public static RgbImage decode(byte[] bytes, String name, ImageLimits limits) {
        RgbImage png = PngDecoder.isPng(bytes) ? PNG.get().decode(bytes, limits) : null;
        if (png != null) {
            return png;
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return toRgb(decodeBounded(in, new Origin(null, name), limits), new Origin(null, name));
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read image: " + IoProblems.describe(e), e);
        }
    }

    /** The decoded image as Java holds it (for masks, whose sample values matter), within {@code limits}. */
    public static BufferedImage readBuffered(Path path, ImageLimits limits) {
        try (ImageInputStream in = open(path)) {
            return decodeBounded(in, Origin.of(path), limits);
        } catch (IOException e) {
            throw new InvalidInputException(path, "cannot read file: " + IoProblems.describe(e), e);
        }
    }

    /** The size the header states, without decoding any pixel. */
    public static Size readSize(Path path) {
        try (ImageInputStream in = open(path)) {
            ImageReader reader = readerFor(in, Origin.of(path));
            try {
                return headerSize(reader, Origin.of(path));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidInputException(path, "cannot read file: " + IoProblems.describe(e), e);
        }
    }

    /**
     * Fails, naming the file, unless its header is readable and states a size within {@code limits}: a whole input
     * set is checked this way (a few milliseconds per hundred files) before minutes of work on it start.
     */
    public static Size requireWithin(Path path, ImageLimits limits) {
        Size size = readSize(path);
        if (!limits.allows(size.width(), size.height())) {
            throw Origin.of(path).error(aboveLimit(size, limits));
        }
        return size;
    }

    private static String aboveLimit(Size size, ImageLimits limits) {
        if (size.width() <= 0 || size.height() <= 0) {
            return "image header states " + size + " pixels";
        }
        return "image is " + size + " = " + ImageLimits.megapixels((long) size.width() * size.height())
                + ", above the limit of " + limits.describe() + " (raise it with --max-pixels)";
    }

    private static ImageInputStream open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(path, "is a folder, not an image file");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(path, "no such file");
        }
        try {
            return new FileImageInputStream(new RandomAccessFile(path.toFile(), "r"));
        } catch (FileNotFoundException e) {
            // RandomAccessFile reports every failure to open as "not found"; say which it was
            throw Files.isReadable(path) ? e : new AccessDeniedException(path.toString());
        }
    }

    private static ImageReader readerFor(ImageInputStream in, Origin name) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw name.error("not a readable image (supported: PNG, JPEG, BMP, TIFF)");
        }
        ImageReader reader = readers.next();
        refuseEmbeddedCodecs(in, reader, name);
        // not seek-forward-only: a TIFF's directories may point backwards
        reader.setInput(in, false, true);
        return reader;
    }

    /**
     * A BMP may wrap a whole JPEG or PNG (compression 4 and 5, a printer format) whose size its own header does not
     * bound; such files are refused rather than decoded past the limit.
     */
    private static void refuseEmbeddedCodecs(ImageInputStream in, ImageReader reader, Origin name) throws IOException {
        if (!"bmp".equalsIgnoreCase(reader.getOriginatingProvider().getFormatNames()[0])) {
            return;
        }
        in.mark();
        try {
            byte[] head = new byte[34];
            int n = in.read(head);
            if (n == head.length) {
                int headerSize = (head[14] & 0xff) | (head[15] & 0xff) << 8 | (head[16] & 0xff) << 16
                        | (head[17] & 0xff) << 24;
                int compression = (head[30] & 0xff) | (head[31] & 0xff) << 8 | (head[32] & 0xff) << 16
                        | (head[33] & 0xff) << 24;
                if (headerSize >= 40 && (compression == 4 || compression == 5)) {
                    throw name.error("BMP with an embedded " + (compression == 4 ? "JPEG" : "PNG")
                            + " is not supported: save it as a plain BMP, PNG or JPEG");
                }
            }
        } finally {
            in.reset();
        }
    }

    private static Size headerSize(ImageReader reader, Origin name) {
        try {
            return new Size(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw name.error("cannot read image header (truncated or corrupt?): " + oneLine(e), e);
        }
    }

    private static BufferedImage decodeBounded(ImageInputStream in, Origin name, ImageLimits limits)
            throws IOException {
        ImageReader reader = readerFor(in, name);
        try {
            Size size = headerSize(reader, name);
            if (!limits.allows(size.width(), size.height())) {
                throw name.error(aboveLimit(size, limits));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            try {
                // A tiled TIFF is decoded tile by tile: a tile larger than the limit would be allocated in full.
                if (!limits.allows(reader.getTileWidth(0), reader.getTileHeight(0))) {
                    throw name.error("image tiles of " + reader.getTileWidth(0) + "x"
                            + reader.getTileHeight(0) + " pixels exceed the limit of " + limits.describe());
                }
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw name.error("not a readable image (supported: PNG, JPEG, BMP, TIFF)");
                }
                return image;
            } catch (InvalidInputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw name.error("cannot decode image (truncated or corrupt?): " + oneLine(e), e);
            }
        } finally {
            reader.dispose();
        }
    }

    private static RgbImage toRgb(BufferedImage image, Origin name) {
        try {
            return convert(image, name);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw name.error("cannot decode image (truncated or corrupt?): " + oneLine(e), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** Converts any {@link BufferedImage}, scaling samples by their bit depth. */
    public static RgbImage convert(BufferedImage image) {
        return convert(image, new Origin(null, "image"));
    }

    private static RgbImage convert(BufferedImage image, Origin name) {
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int type = raster.getDataBuffer().getDataType();
        boolean floating = type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE;
        boolean direct = image.getColorModel() instanceof java.awt.image.ComponentColorModel
                && (bands == 1 || bands == 2 || bands == 3 || bands == 4);
        if (floating && direct) {
            return convertFloating(raster, name);
        }
        if (!direct || floating) {
            return RgbImage.fromBufferedImage(image);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int colourBands = bands >= 3 ? 3 : 1;
        float[] scale = new float[colourBands];
        for (int b = 0; b < colourBands; b++) {
            // long arithmetic: 32-bit integer samples (TIFF) would overflow an int shift
            scale[b] = (float) (1.0 / ((1L << raster.getSampleModel().getSampleSize(b)) - 1));
        }
        if (convertBytes(raster, colourBands, scale, out)) {
            return RgbImage.ofPlanar(w, h, out);
        }
        int[] row = new int[w];
        for (int b = 0; b < colourBands; b++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    // 32-bit samples arrive as signed ints: read them unsigned
                    float v = (float) ((row[x] & 0xffffffffL) * (double) scale[b]);
                    if (colourBands == 1) {
                        out[y * w + x] = v;
                        out[plane + y * w + x] = v;
                        out[2 * plane + y * w + x] = v;
                    } else {
                        out[b * plane + y * w + x] = v;
                    }
                }
            }
        }
        return RgbImage.ofPlanar(w, h, out);
    }

    /**
     * The common case, 8-bit samples in a byte buffer (PNG and JPEG decode to that), read straight from the buffer:
     * {@link Raster#getSamples} goes through the sample model sample by sample, a third of the decode time of a
     * PNG. The same arithmetic as the general loop, so the same floats. Returns false (nothing written) for any
     * other layout.
     */
    private static boolean convertBytes(Raster raster, int colourBands, float[] scale, float[] out) {
        if (!(raster.getDataBuffer() instanceof java.awt.image.DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof java.awt.image.ComponentSampleModel model)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return false;
        }
        for (int b = 0; b < colourBands; b++) {
            if (model.getSampleSize(b) != 8) {
                return false;
            }
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        for (int b = 0; b < colourBands; b++) {
            int bank = model.getBankIndices()[b];
            byte[] data = buffer.getData(bank);
            int start = buffer.getOffsets()[bank] + model.getBandOffsets()[b];
            double s = scale[b];
            for (int y = 0; y < h; y++) {
                int i = start + y * scanline;
                int o = b * plane + y * w;
                for (int x = 0; x < w; x++, i += pixelStride) {
                    out[o + x] = (float) ((data[i] & 0xff) * s);
                }
            }
        }
        if (colourBands == 1) {
            System.arraycopy(out, 0, out, plane, plane);
            System.arraycopy(out, 0, out, 2 * plane, plane);
        }
        return true;
    }

    /**
     * Floating-point images (TIFF sample format 3) hold intensities in [0, 1] by convention. Anything else (samlad's
     * own anomaly maps are such files) has no agreed meaning as an image, so it is refused with its range rather than
     * guessed at.
     */
    private static RgbImage convertFloating(Raster raster, Origin name) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        int bands = raster.getNumBands();
        int colourBands = bands >= 3 ? 3 : 1;
        float[] out = new float[3 * plane];
        float[] row = new float[w];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < colourBands; b++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    float v = row[x];
                    if (!Float.isFinite(v)) {
                        throw name.error("floating-point image with a non-finite sample ("
                                + v + ") at " + x + "," + y);
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    if (colourBands == 1) {
                        out[y * w + x] = v;
                        out[plane + y * w + x] = v;
                        out[2 * plane + y * w + x] = v;
                    } else {
                        out[b * plane + y * w + x] = v;
                    }
                }
            }
        }
        if (min < 0 || max > 1) {
            throw name.error(String.format(Locale.ROOT, "floating-point image with samples in"
                    + " [%.4g, %.4g]: input images must be 8 or 16 bit, or floating point in [0, 1] (is this a"
                    + " samlad anomaly map?)", min, max));
        }
        return RgbImage.ofPlanar(w, h, out);
    }
}
