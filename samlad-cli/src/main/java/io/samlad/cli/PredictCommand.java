package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLimits;
import io.samlad.output.BatchPredictor;
import io.samlad.output.PredictionWriter;
import io.samlad.util.ParallelMap;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code samlad predict}: scores images against a bank and writes tables, maps and overlays. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Score images against a fitted bank.")
public class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bank", required = true, paramLabel = "BANK.samlad", description = "bank written by `samlad fit`")
    Path bank;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--threshold", paramLabel = "T", description = "decision threshold (default: the bank's calibrated one)")
    Double threshold;

    @Option(names = "--threads", paramLabel = "N", description = "images predicted at once (default: number of cores)")
    Integer threads;

    @Option(names = "--no-maps", description = "do not write anomaly-map TIFFs")
    boolean noMaps;

    @Option(names = "--no-overlays", description = "do not write overlay PNGs")
    boolean noOverlays;

    @Mixin
    ModelOptions models;

    @Mixin
    InputLimitOptions inputLimits;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "image files or folders (searched recursively)")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        // options first (usage errors, exit 2), then the bank, then the inputs: all before any work
        Cli.atLeast(spec, threads, 1, "--threads");
        Cli.finite(spec, threshold, "--threshold");
        models.validate();
        ImageLimits limits = inputLimits.limits();
        TemplateBank read = Samlad.readBank(bank);
        List<ImageFiles.Input> images = ImageFiles.collect(inputs);
        try (Pipeline pipeline = models.createPipeline(read.config());
                FittedDetector detector = Samlad.load(read, bank, pipeline)) {
            double t = threshold != null ? threshold : detector.threshold();
            List<String> names = detector.referenceNames();
            BatchPredictor.Result result;
            try (PredictionWriter writer = new PredictionWriter(out, !noMaps, !noOverlays, names)) {
                result = BatchPredictor.run(detector, t, images, writer,
                        threads != null ? threads : ParallelMap.defaultThreads(), TerminalProgress.forTerminal(),
                        limits);
            }
            for (BatchPredictor.Failure f : result.failures()) {
                Cli.error(spec.commandLine().getErr(), f.message());
            }
            stdout().printf(Locale.ROOT, "predicted %d images (threshold %.3f): %s%n", result.predicted(), t,
                    out.resolve("predictions.csv"));
            return result.failures().isEmpty() ? 0 : 1;
        }
    }

    /** Standard output as picocli gives it (tests pass their own writer). */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
