package io.samlad.data.synth;

import io.samlad.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes PNGs atomically with the JDK's own encoder at a fast deflate setting: the noisy generated images compress no
 * better at the default setting, which takes a third longer. The bytes depend only on the pixels.
 */
final class Png {
    private Png() {
    }

    static void write(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }
}
