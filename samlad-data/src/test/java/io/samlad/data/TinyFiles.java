package io.samlad.data;

import io.samlad.data.synth.DefectRegion;
import io.samlad.data.synth.DefectType;
import io.samlad.data.synth.ToyLocoWriter;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes the small images and masks the loader tests build their datasets from. */
final class TinyFiles {
    private TinyFiles() {
    }

    static Path rgb(Path file, int w, int h) {
        return write(rgbImage(w, h), file);
    }

    private static BufferedImage rgbImage(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x336699);
        return img;
    }

    /** A grey mask with {@code value} in the rectangle [x0, x1) x [y0, y1). */
    static Path mask(Path file, int w, int h, int value, int x0, int y0, int x1, int y1) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        return write(img, file);
    }

    static Path text(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String DEFECTS = """
            [
              {"defect_name": "missing_part", "pixel_value": 255, "saturation_threshold": 20,
               "relative_saturation": false},
              {"defect_name": "scratch", "pixel_value": 254, "saturation_threshold": 0.5,
               "relative_saturation": true}
            ]""";

    /**
     * A valid MVTec LOCO category: 3 train, 2 validation, 2 good test images, one logical anomaly with two masks
     * and one structural anomaly with one mask; all 8x6.
     */
    static Path locoCategory(Path root, String name) {
        DefectType missing = DefectType.absolute("missing_part", 255, 20);
        DefectType scratch = DefectType.relative("scratch", 254, 0.5);
        BufferedImage image = rgbImage(8, 6);
        try {
            ToyLocoWriter c = ToyLocoWriter.create(root.resolve(name), missing, scratch);
            for (int i = 0; i < 3; i++) {
                c.train(image);
            }
            for (int i = 0; i < 2; i++) {
                c.validation(image).testGood(image);
            }
            c.logical(image, new DefectRegion(missing, new Rectangle(0, 0, 2, 2)),
                    new DefectRegion(scratch, new Rectangle(4, 4, 4, 2)));
            c.structural(image, new DefectRegion(scratch, new Rectangle(1, 1, 2, 2)));
            return c.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid MVTec AD category: 2 train images, 1 good test image, 2 "crack" images with masks; all 5x4. */
    static Path adCategory(Path root, String name) {
        Path c = root.resolve(name);
        rgb(c.resolve("train/good/000.png"), 5, 4);
        rgb(c.resolve("train/good/001.png"), 5, 4);
        rgb(c.resolve("test/good/000.png"), 5, 4);
        for (int i = 0; i < 2; i++) {
            rgb(c.resolve("test/crack/00" + i + ".png"), 5, 4);
            mask(c.resolve("ground_truth/crack/00" + i + "_mask.png"), 5, 4, 255, 0, 0, 1, 1);
        }
        return c;
    }
}
