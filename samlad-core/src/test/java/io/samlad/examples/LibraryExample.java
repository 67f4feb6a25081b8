package io.samlad.examples;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.detector.DetectedObject;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Fits a detector on normal images, saves it, opens it again and judges one image (the README's example). */
public final class LibraryExample {
    private LibraryExample() {
    }

    /** Arguments: TRAIN_FOLDER VALIDATION_FOLDER QUERY_IMAGE BANK_FILE. */
    public static void main(String[] args) throws IOException {
        List<Path> trainImages = ImageFiles.listNonEmpty(Path.of(args[0]));
        List<Path> validationImages = ImageFiles.list(Path.of(args[1]));
        Path query = Path.of(args[2]);
        Path bankFile = Path.of(args[3]);

        SamladConfig config = SamladConfig.defaults();
        try (Pipeline pipeline = Samlad.embeddedPipeline(config);
                FittedDetector detector = Samlad.fit(pipeline, config, trainImages, validationImages,
                        ProgressListener.NONE)) {
            detector.save(bankFile);
        }

        // Later, in this process or another: the bank knows its configuration, and a detector opened from it owns
        // the stages it builds (closing it closes them).
        try (FittedDetector detector = Samlad.open(bankFile, Samlad::embeddedPipeline)) {
            Prediction p = detector.predict(ImageLoader.read(query));
            System.out.println(p.isAnomalous(detector.threshold()) ? "anomalous" : "normal");
            for (DetectedObject o : p.objects()) {
                System.out.println(o.verdict().label() + " at " + Math.round(o.centroidX()) + ","
                        + Math.round(o.centroidY()));
            }
        }
    }
}
