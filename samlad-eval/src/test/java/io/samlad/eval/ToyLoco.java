package io.samlad.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A tiny MVTec LOCO category drawn for the tests: a grey 40x30 scene with a blue square at a fixed place and pixel
 * noise. Logical anomaly: the square is missing (ground truth: where it should be). Structural anomaly: a red spot
 * elsewhere (ground truth: the spot).
 */
final class ToyLoco {
    static final int W = 40;
    static final int H = 30;

    private ToyLoco() {
    }

    static Path write(Path root, String name, long seed) throws IOException {
        Path c = root.resolve(name);
        Random rnd = new Random(seed);
        Files.createDirectories(c);
        Files.writeString(c.resolve("defects_config.json"), """
                [{"defect_name": "missing_square", "pixel_value": 255, "saturation_threshold": 50,
                  "relative_saturation": false},
                 {"defect_name": "spot", "pixel_value": 254, "saturation_threshold": 1.0,
                  "relative_saturation": true}]""");
        for (int i = 0; i < 6; i++) {
            png(scene(rnd, true, false), c.resolve(String.format("train/good/%03d.png", i)));
        }
        for (int i = 0; i < 3; i++) {
            png(scene(rnd, true, false), c.resolve(String.format("validation/good/%03d.png", i)));
        }
        for (int i = 0; i < 4; i++) {
            png(scene(rnd, true, false), c.resolve(String.format("test/good/%03d.png", i)));
        }
        for (int i = 0; i < 3; i++) {
            png(scene(rnd, false, false), c.resolve(String.format("test/logical_anomalies/%03d.png", i)));
            png(mask(255, 8, 8, 10, 10), c.resolve(String.format("ground_truth/logical_anomalies/%03d/000.png", i)));
            png(scene(rnd, true, true), c.resolve(String.format("test/structural_anomalies/%03d.png", i)));
            png(mask(254, 26, 18, 6, 5), c.resolve(String.format("ground_truth/structural_anomalies/%03d/000.png", i)));
        }
        return c;
    }

    private static BufferedImage scene(Random rnd, boolean square, boolean spot) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, W, H);
        if (square) {
            g.setColor(new Color(95, 105, 165));
            g.fillRect(8, 8, 10, 10);
        }
        if (spot) {
            g.setColor(new Color(150, 118, 118));
            g.fillRect(26, 18, 6, 5);
        }
        g.dispose();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = img.getRGB(x, y);
                int n = rnd.nextInt(41) - 20;
                int r = clamp(((p >> 16) & 0xff) + n);
                int gg = clamp(((p >> 8) & 0xff) + n);
                int b = clamp((p & 0xff) + n);
                img.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
        return img;
    }

    private static BufferedImage mask(int value, int x, int y, int w, int h) {
        BufferedImage m = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                m.getRaster().setSample(i, j, 0, value);
            }
        }
        return m;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static void png(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
