package io.samlad.detector;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a detector fitted on the first {@code n} normal toy scenes, written as PNGs into {@code dir}. */
final class ToyBanks {
    private ToyBanks() {
    }

    static SamladDetector fitted(Path dir, int n, SamladConfig config) throws IOException {
        List<Path> train = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(i, Defect.NONE).toBufferedImage(), p);
            train.add(p);
        }
        return (SamladDetector) Samlad.fit(Samlad.embeddedPipeline(config), config, train, List.of(),
                ProgressListener.NONE);
    }
}
