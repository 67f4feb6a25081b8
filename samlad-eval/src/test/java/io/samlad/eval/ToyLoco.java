package io.samlad.eval;

import io.samlad.data.synth.DefectRegion;
import io.samlad.data.synth.DefectType;
import io.samlad.data.synth.ToyLocoWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * A tiny MVTec LOCO category drawn for the tests, written by samlad-data's {@link ToyLocoWriter}: a grey 40x30 scene
 * with a blue square at a fixed place and pixel noise. Logical anomaly: the square is missing (ground truth: where it
 * should be). Structural anomaly: a red spot elsewhere (ground truth: the spot).
 */
final class ToyLoco {
    static final int W = 40;
    static final int H = 30;

    private ToyLoco() {
    }

    static Path write(Path root, String name, long seed) throws IOException {
        Random rnd = new Random(seed);
        DefectType missing = DefectType.absolute("missing_square", 255, 50);
        DefectType spot = DefectType.relative("spot", 254, 1.0);
        ToyLocoWriter toy = ToyLocoWriter.create(root.resolve(name), missing, spot);
        for (int i = 0; i < 6; i++) {
            toy.train(scene(rnd, true, false));
        }
        for (int i = 0; i < 3; i++) {
            toy.validation(scene(rnd, true, false));
        }
        for (int i = 0; i < 4; i++) {
            toy.testGood(scene(rnd, true, false));
        }
        for (int i = 0; i < 3; i++) {
            toy.logical(scene(rnd, false, false), new DefectRegion(missing, new Rectangle(8, 8, 10, 10)));
            toy.structural(scene(rnd, true, true), new DefectRegion(spot, new Rectangle(26, 18, 6, 5)));
        }
        return toy.finish();
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

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
