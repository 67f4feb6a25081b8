package io.samlad.server;

import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladConfig;
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
 * Small banks for the server tests, fitted once per test JVM on 20 toy scenes (four coloured discs): bank A on
 * seeds 100-119, bank B on seeds 200-219. Fitting both takes a few seconds.
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
            a = fit(dir, "a", 100);
            b = fit(dir, "b", 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fit(Path root, String name, long firstSeed) throws IOException {
        Path train = root.resolve("train-" + name);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
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
