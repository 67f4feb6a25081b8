package io.samlad.server;

import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.util.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Small banks for the server tests, fitted once per test JVM on toy scenes (four coloured discs): bank A on 20
 * scenes (seeds 100-119), bank B, the replacement in swap tests, on 10 (seeds 200-209).
 */
final class TestBanks {
    static final int IMAGES = 20;
    private static Path dir;
    private static Path a;
    private static Path b;

    private TestBanks() {
    }

    static synchronized Path bankA() {
        fitOnce();
        return a;
    }

    static synchronized Path bankB() {
        fitOnce();
        return b;
    }

    /** The folder holding bank A's training images (for --references). */
    static synchronized Path trainA() {
        fitOnce();
        return dir.resolve("train-a");
    }

    private static void fitOnce() {
        if (a != null) {
            return;
        }
        try {
            dir = Files.createTempDirectory("samlad-server-banks");
            dir.toFile().deleteOnExit();
            long t0 = System.nanoTime();
            a = fit(dir, "a", 100, IMAGES);
            long t1 = System.nanoTime();
            b = fit(dir, "b", 200, 10);
            System.out.printf("test banks fitted in %.1f s and %.1f s%n", (t1 - t0) / 1e9,
                    (System.nanoTime() - t1) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fit(Path root, String name, long firstSeed, int count) throws IOException {
        Path train = root.resolve("train-" + name);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path f = train.resolve(String.format("n%02d.png", i));
            Files.createDirectories(train);
            ImageWriters.writePng(ToyScenes.scene(firstSeed + i, ToyScenes.Defect.NONE).toBufferedImage(), f);
            files.add(f);
        }
        SamladConfig config = SamladConfig.defaults();
        Path bank = root.resolve(name + ".samlad");
        try (Pipeline p = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(p, config, files, List.of(), ProgressListener.NONE)) {
            d.save(bank);
        }
        return bank;
    }

    /** A toy scene as PNG bytes. */
    static byte[] png(long seed, ToyScenes.Defect defect) {
        return encode(ToyScenes.scene(seed, defect).toBufferedImage(), "png");
    }

    static byte[] encode(java.awt.image.BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IOException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
