package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLimits;
import io.samlad.output.BatchPredictor;
import io.samlad.output.OutputFolder;
import io.samlad.output.OverlayRenderer;
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

    @Option(names = "--map-scale", defaultValue = "1", paramLabel = "S",
            description = "write anomaly maps at S times the image size, 0 < S <= 1 (default 1: original size)")
    double mapScale;

    @Option(names = "--overlay-panel", paramLabel = "PX",
            description = "longest side of an overlay's panels for images larger than that, at least 160 (default 512)")
    Integer overlayPanel;

    @Option(names = "--writer-nice", paramLabel = "N", defaultValue = "19",
            description = "Linux nice value of the thread that writes maps and overlays, 0 (the predicting threads'"
                    + " priority) to 19 (default: it runs where prediction leaves a core idle)")
    int writerNice;

    @Option(names = "--overwrite", description = "clear an output folder that holds an earlier run first")
    boolean overwrite;

    @Option(names = "--append", description = "add to the tables of an earlier run in the output folder (a path"
            + " predicted again replaces its row)")
    boolean append;

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
        if (overwrite && append) {
            throw Cli.usage(spec, "--overwrite and --append exclude each other");
        }
        if (!(mapScale > 0 && mapScale <= 1)) {
            throw Cli.usage(spec, "--map-scale must be in (0, 1], got " + mapScale);
        }
        if (overlayPanel != null && overlayPanel < OverlayRenderer.MIN_PANEL_LIMIT) {
            throw Cli.usage(spec, "--overlay-panel must be at least " + OverlayRenderer.MIN_PANEL_LIMIT + ", got "
                    + overlayPanel);
        }
        if (writerNice < 0 || writerNice > 19) {
            throw Cli.usage(spec, "--writer-nice must be in 0..19, got " + writerNice);
        }
        models.validate();
        ImageLimits limits = inputLimits.limits();
        TemplateBank read = Samlad.readBank(bank);
        List<ImageFiles.Input> images = ImageFiles.collect(inputs);
        PrintWriter err = spec.commandLine().getErr();
        OutputFolder.Mode mode = overwrite ? OutputFolder.Mode.OVERWRITE
                : append ? OutputFolder.Mode.APPEND : OutputFolder.Mode.NEW;
        // Locked before the (long) work starts: a second run into the same folder fails at once.
        try (OutputFolder folder = OutputFolder.open(out, mode, "predict")) {
            folder.notes().forEach(n -> Cli.warn(err, n));
            try (Pipeline pipeline = models.createPipeline(read.config());
                    FittedDetector detector = Samlad.load(read, bank, pipeline)) {
                double t = threshold != null ? threshold : detector.threshold();
                List<String> names = detector.referenceNames();
                PredictionWriter.Options options = PredictionWriter.Options.defaults().withMaps(!noMaps)
                        .withOverlays(!noOverlays).withMapScale(mapScale).withAppend(append)
                        .withOverlayPanel(overlayPanel != null ? overlayPanel : OverlayRenderer.DEFAULT_PANEL_LIMIT)
                        .withWriterNice(writerNice);
                BatchPredictor.Result result;
                int rows;
                try (PredictionWriter writer = new PredictionWriter(out, options, names)) {
                    result = BatchPredictor.run(detector, t, images, writer,
                            threads != null ? threads : ParallelMap.defaultThreads(), TerminalProgress.forTerminal(),
                            limits);
                    writer.commit();
                    writer.notes().forEach(n -> Cli.warn(err, n));
                    rows = writer.earlierRows();
                }
                folder.finish();
                for (BatchPredictor.Failure f : result.failures()) {
                    Cli.error(err, f.message());
                }
                stdout().printf(Locale.ROOT, "predicted %d images in %.1f s (%.1f images/s, threshold %.3f): %s%n",
                        result.predicted(), result.seconds(), result.predicted() / Math.max(1e-9, result.seconds()), t,
                        out.resolve(PredictionWriter.CSV));
                if (append) {
                    stdout().printf(Locale.ROOT, "appended to an earlier table of %d rows%n", rows);
                }
                if (!result.failures().isEmpty()) {
                    Cli.error(err, String.format(Locale.ROOT, "%d of %d images could not be scored; their rows in %s"
                            + " carry the error", result.failures().size(), images.size(),
                            out.resolve(PredictionWriter.CSV)));
                    return 1;
                }
                return 0;
            }
        }
    }

    /** Standard output as picocli gives it (tests pass their own writer). */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
