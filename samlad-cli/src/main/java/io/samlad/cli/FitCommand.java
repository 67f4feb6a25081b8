package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.TrainingChecks;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLimits;
import io.samlad.util.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code samlad fit}: builds a template bank from normal images. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a template bank on normal images and save it.")
public class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "DIR", description = "folder of normal images (searched recursively)")
    Path train;

    @Option(names = "--validation", paramLabel = "DIR",
            description = "held-out normal images that set the threshold (default: the leave-one-out training images that also set the score statistics)")
    Path validation;

    @Option(names = "--out", required = true, paramLabel = "BANK.samlad", description = "bank file to write")
    Path out;

    @Option(names = "--strict",
            description = "write no bank when the sanity checks find anything (outlier training images, sizes or"
                    + " aspects unlike the majority's, validation images that are training images); without it they"
                    + " are warnings, kept in the bank's provenance")
    boolean strict;

    @Mixin
    MethodOptions method;

    @Mixin
    ModelOptions models;

    @Mixin
    InputLimitOptions inputLimits;

    @Override
    public Integer call() throws Exception {
        // Everything that can be checked without fitting is checked first, not after minutes of work.
        SamladConfig config = Cli.config(method);
        models.validate();
        ImageLimits limits = inputLimits.limits();
        Cli.requireWritableFile(out);
        List<Path> trainImages = ImageFiles.listNonEmpty(train);
        if (trainImages.size() < 2) {
            // The fitter's own check cannot name the folder; a user needs to know which one is short.
            throw new InvalidInputException(train, "need at least 2 normal images to fit, found " + trainImages.size());
        }
        List<Path> validationImages = validation == null ? List.of() : ImageFiles.listNonEmpty(validation);
        // every header, before the fit: a decompression bomb or a damaged file fails now, not after the others
        Cli.requireWithin(trainImages, limits);
        Cli.requireWithin(validationImages, limits);
        if (strict) {
            refuseFindings(TrainingChecks.inputs(trainImages, validationImages));
        }
        long t0 = System.nanoTime();
        try (Pipeline pipeline = models.createPipeline(config);
                FittedDetector detector = Samlad.fit(pipeline, config, trainImages, validationImages, limits,
                        TerminalProgress.forTerminal())) {
            List<String> findings = detector.fitFindings();
            if (strict) {
                refuseFindings(findings);
            }
            for (String f : findings) {
                warn(f);
            }
            detector.save(out);
            stdout().printf(Locale.ROOT, "fitted %s on %d images in %.1f s; threshold %.3f; bank %s%n",
                    detector.name(), detector.bankSize(), (System.nanoTime() - t0) / 1e9, detector.threshold(), out);
            detector.objectCounts().ifPresent(c -> stdout().println("object count agreement: " + c.describe()));
            detector.thresholdPromise().ifPresent(promise -> stdout().println("threshold "
                    + String.format(Locale.ROOT, "%.3f", detector.threshold()) + ": " + promise));
            detector.featureProjection().ifPresent(p -> stdout().println("features projected: " + p));
            if (!findings.isEmpty()) {
                stdout().printf(Locale.ROOT, "%d sanity-check warning%s (printed above, kept in the bank's"
                        + " provenance): check those images, or use --strict to refuse such a training set%n",
                        findings.size(), findings.size() == 1 ? "" : "s");
            }
        }
        return 0;
    }

    /** Standard output as picocli gives it (tests pass their own writer). */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    /** A warning on standard error, through the writer the error line will use (so that they stay in order). */
    private void warn(String finding) {
        Cli.warn(spec.commandLine().getErr(), finding);
    }

    /** With --strict: the findings as warnings, then one error line; no bank is written. */
    private void refuseFindings(List<String> findings) {
        if (findings.isEmpty()) {
            return;
        }
        for (String f : findings) {
            warn(f);
        }
        throw new InvalidInputException(train, findings.size() + " sanity-check finding" + (findings.size() == 1
                ? "" : "s") + " (listed above) and --strict: no bank written");
    }
}
