package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageFiles;
import io.samlad.util.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code samlad fit}: builds a template bank from normal images. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a template bank on normal images and save it.")
public class FitCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "DIR", description = "folder of normal images (searched recursively)")
    Path train;

    @Option(names = "--validation", paramLabel = "DIR",
            description = "held-out normal images that set the threshold (default: the leave-one-out training images that also set the score statistics)")
    Path validation;

    @Option(names = "--out", required = true, paramLabel = "BANK.samlad", description = "bank file to write")
    Path out;

    @Mixin
    MethodOptions method;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        SamladConfig config = Cli.config(method);
        if (java.nio.file.Files.isDirectory(out)) {
            // Checked before the work, not after minutes of fitting.
            throw new InvalidInputException(out, "is a folder: --out takes the bank file to write, e.g. "
                    + out.resolve("bank.samlad"));
        }
        List<Path> trainImages = ImageFiles.listNonEmpty(train);
        if (trainImages.size() < 2) {
            // The fitter's own check cannot name the folder; a user needs to know which one is short.
            throw new InvalidInputException(train, "need at least 2 normal images to fit, found " + trainImages.size());
        }
        List<Path> validationImages = validation == null ? List.of() : ImageFiles.listNonEmpty(validation);
        long t0 = System.nanoTime();
        try (Pipeline pipeline = models.createPipeline(config);
                FittedDetector detector = Samlad.fit(pipeline, config, trainImages, validationImages,
                        TerminalProgress.forTerminal())) {
            detector.save(out);
            System.out.printf(Locale.ROOT, "fitted %s on %d images in %.1f s; threshold %.3f; bank %s%n",
                    detector.name(), detector.bankSize(), (System.nanoTime() - t0) / 1e9, detector.threshold(), out);
            if (detector instanceof io.samlad.detector.SamladDetector sd && sd.bank().calibration().promise() != null) {
                System.out.println("threshold " + String.format(Locale.ROOT, "%.3f", detector.threshold()) + ": "
                        + sd.bank().calibration().promise().describe());
            }
        }
        return 0;
    }
}
