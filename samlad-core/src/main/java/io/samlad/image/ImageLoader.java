package io.samlad.image;

import io.samlad.util.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Reads PNG, JPEG, BMP and TIFF files of any common layout (grey, grey+alpha, RGB, RGBA, palette, 8 or 16 bits) into
 * an {@link RgbImage}. Samples are scaled by their own bit depth, so a 16-bit grey image keeps its full range;
 * alpha is ignored (inspection images are opaque, and compositing would invent a background).
 */
public final class ImageLoader {
    /** File name endings that {@link #isImageFile} accepts. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    private ImageLoader() {
    }

    public static boolean isImageFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1)) && !name.startsWith(".");
    }

    /** Reads an image or throws {@link InvalidInputException} naming the file and the problem. */
    public static RgbImage read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, "no such file");
        }
        BufferedImage image;
        try (InputStream in = Files.newInputStream(path)) {
            image = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(path, "cannot decode image (truncated or corrupt?): " + oneLine(e), e);
        }
        if (image == null) {
            throw new InvalidInputException(path, "not a readable image (supported: PNG, JPEG, BMP, TIFF)");
        }
        try {
            return convert(image);
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, "cannot decode image (truncated or corrupt?): " + oneLine(e), e);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** Converts any {@link BufferedImage}, scaling samples by their bit depth. */
    public static RgbImage convert(BufferedImage image) {
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean direct = image.getColorModel() instanceof java.awt.image.ComponentColorModel
                && (bands == 1 || bands == 2 || bands == 3 || bands == 4);
        if (!direct || raster.getDataBuffer().getDataType() == DataBuffer.TYPE_FLOAT
                || raster.getDataBuffer().getDataType() == DataBuffer.TYPE_DOUBLE) {
            return RgbImage.fromBufferedImage(image);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int colourBands = bands >= 3 ? 3 : 1;
        float[] scale = new float[colourBands];
        for (int b = 0; b < colourBands; b++) {
            scale[b] = 1f / ((1 << raster.getSampleModel().getSampleSize(b)) - 1);
        }
        int[] row = new int[w];
        for (int b = 0; b < colourBands; b++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    float v = row[x] * scale[b];
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
}
