package io.samlad.image;

import io.samlad.util.AtomicFiles;
import java.awt.Point;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.imageio.ImageIO;

/**
 * Writes images and float maps atomically (temp file, then rename), so an interrupted run never leaves a
 * half-written file behind.
 */
public final class ImageWriters {
    private ImageWriters() {
    }

    /** Writes a float32 single-channel TIFF with the JDK's own TIFF plugin, which stores the values exactly. */
    public static void writeFloatTiff(FloatMap map, Path target) throws IOException {
        BufferedImage img = floatImage(map);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(img, "tiff", out)) {
                throw new IOException("no TIFF writer available in this JVM");
            }
        });
    }

    /** Writes a PNG. */
    public static void writePng(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this JVM");
            }
        });
    }

    static BufferedImage floatImage(FloatMap map) {
        int w = map.width();
        int h = map.height();
        DataBufferFloat buffer = new DataBufferFloat(map.data().clone(), w * h);
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_FLOAT, w, h, 1, w, new int[] {0});
        WritableRaster raster = Raster.createWritableRaster(sm, buffer, new Point(0, 0));
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        return new BufferedImage(cm, raster, false, new Hashtable<>());
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
