package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.data.synth.SynthLocoGenerator;
import io.samlad.data.synth.SynthLocoOptions;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageFiles;
import io.samlad.output.BatchPredictor;
import io.samlad.output.PredictionWriter;
import io.samlad.util.ParallelMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code samlad demo}: the whole method on a built-in scene set, with no data and no download. Generates
 * compartment-box scenes (normal ones, and ones with a missing, an extra, a swapped and a scratched object), fits on
 * the normal ones, predicts the test images and prints a table of scores and verdicts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole method on built-in generated scenes (no data, no download).")
public class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "samlad-demo",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "scene generator seed")
    long seed;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path data = out.resolve("data");
        // The generator's demo set, with 40 normal training images and 20 held-out ones that calibrate with them, as a
        // user would fit (`fit --train ... --validation ...`); still generated and fitted in seconds.
        SynthLocoOptions d = SynthLocoOptions.demo();
        SynthLocoOptions options = new SynthLocoOptions(seed, d.categories(), d.width(), d.height(), 40, 20,
                d.testGood(), d.testLogical(), d.testStructural(), d.kinds(), true);
        SynthLocoGenerator.generate(data, options);
        Path category = data.resolve(options.categories().get(0));
        stdout().println("Generated scenes in " + category);
        SamladConfig config = SamladConfig.defaults();
        List<Path> train = ImageFiles.listNonEmpty(category.resolve("train/good"));
        List<Path> validation = ImageFiles.listNonEmpty(category.resolve("validation/good"));
        Path results = out.resolve("results");
        List<ImageFiles.Input> tests = ImageFiles.collect(List.of(category.resolve("test")));
        Map<String, String> kinds = readKinds(category.resolve("anomalies.csv"));
        try (Pipeline pipeline = Samlad.embeddedPipeline(config);
                FittedDetector detector = Samlad.fit(pipeline, config, train, validation,
                        TerminalProgress.forTerminal())) {
            detector.save(out.resolve("demo.samlad"));
            List<String> names = detector.referenceNames();
            try (PredictionWriter writer = new PredictionWriter(results, true, true, names)) {
                BatchPredictor.run(detector, detector.threshold(), tests, writer, ParallelMap.defaultThreads(),
                        TerminalProgress.forTerminal());
                writer.commit();
            }
            stdout().printf(Locale.ROOT, "Fitted on %d normal images and %d held-out ones; threshold %.2f%s.%n%n",
                    train.size(), validation.size(), detector.threshold(),
                    detector.thresholdPromise().map(p -> " (" + p + ")").orElse(""));
            printTable(results.resolve("predictions.csv"), kinds);
        }
        stdout().printf(Locale.ROOT, "%nOverlays (image | anomaly map | objects): %s%n", results.resolve("overlays"));
        stdout().printf(Locale.ROOT, "Tables: %s, %s%nDone in %.1f s.%n", results.resolve("predictions.csv"),
                results.resolve("predictions.jsonl"), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Test image path (relative to the category's test folder) to its anomaly kind. */
    private static Map<String, String> readKinds(Path csv) throws IOException {
        Map<String, String> kinds = new HashMap<>();
        if (!Files.exists(csv)) {
            return kinds;
        }
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length >= 3) {
                kinds.put(f[0], f[2]);
            }
        }
        return kinds;
    }

    private void printTable(Path predictions, Map<String, String> kinds) throws IOException {
        List<String> lines = Files.readAllLines(predictions);
        stdout().printf(Locale.ROOT, "%-36s %-14s %7s %7s %7s  %-9s %s%n", "image", "truth", "score", "logical",
                "struct", "label", "verdicts");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            StringBuilder verdicts = new StringBuilder();
            String[] names = {"missing", "extra", "mismatched", "structural"};
            for (int i = 0; i < names.length; i++) {
                int n = Integer.parseInt(f[7 + i]);
                if (n > 0) {
                    verdicts.append(verdicts.length() > 0 ? ", " : "").append(n).append(' ').append(names[i]);
                }
            }
            stdout().printf(Locale.ROOT, "%-36s %-14s %7.2f %7.2f %7.2f  %-9s %s%n", f[0],
                    kinds.getOrDefault(f[0], "?"), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), f[4], verdicts);
        }
    }

    /** Standard output as picocli gives it (tests pass their own writer). */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
