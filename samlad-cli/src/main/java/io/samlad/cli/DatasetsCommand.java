package io.samlad.cli;

import io.samlad.data.synth.ContactSheet;
import io.samlad.data.synth.DigitAnatomyGenerator;
import io.samlad.data.synth.DigitAnatomyOptions;
import io.samlad.data.synth.GenerationSummary;
import io.samlad.data.synth.SplitCounts;
import io.samlad.data.synth.SynthLocoGenerator;
import io.samlad.data.synth.SynthLocoOptions;
import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code samlad datasets}: writes the generated benchmarks (synthetic LOCO scenes, DigitAnatomy) in the MVTec LOCO
 * AD layout. Exit codes: 0 done, 1 failure (bad input file, unwritable folder), 2 usage error.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Generate benchmark datasets in the MVTec LOCO AD layout.",
        subcommands = {DatasetsCommand.SynthLoco.class, DatasetsCommand.DigitAnatomy.class})
public final class DatasetsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "choose a dataset: synth-loco or digit-anatomy");
    }

    /** A command line for this command alone whose errors are one line on stderr (usage errors exit 2). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DatasetsCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            Cli.error(ex.getCommandLine().getErr(), ex.getMessage());
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Runs a generation, turning failures into one line on stderr and exit code 1. */
    static int run(CommandSpec spec, GenerationTask task, Path contactSheets, int tileSide) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            GenerationSummary summary = task.run();
            for (Map.Entry<String, SplitCounts> e : summary.categories().entrySet()) {
                SplitCounts c = e.getValue();
                out.printf("%s: train %d, validation %d, test good %d, logical %d, structural %d%n", e.getKey(),
                        c.train(), c.validation(), c.testGood(), c.testLogical(), c.testStructural());
                if (contactSheets != null) {
                    Path png = contactSheets.resolve("datasets-" + e.getKey() + ".png");
                    ContactSheet.write(summary.root().resolve(e.getKey()), png, 4, tileSide);
                    out.println("contact sheet: " + png);
                }
            }
            out.printf("wrote %d images to %s (%s)%n", summary.totalImages(), summary.root(), summary.source());
            out.flush();
            return 0;
        } catch (InvalidInputException e) {
            Cli.error(err, e.getMessage());
        } catch (IOException e) {
            Cli.error(err, "cannot write: " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    @FunctionalInterface
    interface GenerationTask {
        GenerationSummary run() throws IOException;
    }

    /** Turns an invalid option combination into a usage error (exit 2) rather than a failure. */
    static <T> T usage(CommandSpec spec, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** What both generators take alike: the output folder, the seed, and the spec that reports usage errors. */
    abstract static class Generation implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Option(names = "--seed", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;
    }

    @Command(name = "synth-loco", mixinStandardHelpOptions = true,
            description = "Synthetic LOCO scenes: categories with a logical rule, logical and structural anomalies.")
    static final class SynthLoco extends Generation {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

        @Option(names = "--categories", split = ",", paramLabel = "NAME",
                description = "Categories to write (default: all of compartment_box, pin_grid, connector_cable, "
                        + "bottle).")
        List<String> categories;

        @Option(names = "--size", defaultValue = "256x256", paramLabel = "WxH",
                description = "Image size (default ${DEFAULT-VALUE}).")
        String size;

        @Option(names = "--train", defaultValue = "100", description = "Train images per category (default "
                + "${DEFAULT-VALUE}).")
        int train;

        @Option(names = "--validation", defaultValue = "20", description = "Validation images per category (default "
                + "${DEFAULT-VALUE}).")
        int validation;

        @Option(names = "--test", defaultValue = "40",
                description = "Test images per group (good, logical, structural) and category (default "
                        + "${DEFAULT-VALUE}).")
        int test;

        @Option(names = "--overwrite", description = "Replace category folders that an earlier run wrote.")
        boolean overwrite;

        @Option(names = "--contact-sheet", paramLabel = "DIR",
                description = "Also write a contact sheet PNG per category into DIR (four test images per row).")
        Path contactSheets;

        @Override
        public Integer call() {
            Matcher m = SIZE.matcher(size);
            if (!m.matches()) {
                throw new ParameterException(spec.commandLine(), "--size must look like 256x256, got '" + size + "'");
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            SynthLocoOptions options = usage(spec, () -> new SynthLocoOptions(seed,
                    categories == null ? SynthLocoGenerator.categoryNames() : categories, w, h, train, validation,
                    test, test, test, List.of(), overwrite));
            return run(spec, () -> SynthLocoGenerator.generate(out, options), contactSheets, 160);
        }
    }

    @Command(name = "digit-anatomy", mixinStandardHelpOptions = true,
            description = "DigitAnatomy (SQUID, CVPR 2023): 3x3 grids of the digits 1-9; missing, swapped, flipped "
                    + "or zero digits.")
    static final class DigitAnatomy extends Generation {
        @Option(names = "--mnist", paramLabel = "DIR",
                description = "Folder with MNIST IDX files (gzipped or not); default: the vendored copy.")
        Path mnist;

        @Option(names = "--fonts", description = "Use digits rendered from the JDK's fonts instead of MNIST.")
        boolean fonts;

        @Option(names = "--train", defaultValue = "100", description = "Train images (default ${DEFAULT-VALUE}).")
        int train;

        @Option(names = "--validation", defaultValue = "20",
                description = "Validation images (default ${DEFAULT-VALUE}).")
        int validation;

        @Option(names = "--test", defaultValue = "40",
                description = "Test images per group, good and logical (default ${DEFAULT-VALUE}).")
        int test;

        @Option(names = "--overwrite", description = "Replace a folder that an earlier run wrote.")
        boolean overwrite;

        @Option(names = "--contact-sheet", paramLabel = "DIR", description = "Also write a contact sheet PNG into DIR.")
        Path contactSheets;

        @Override
        public Integer call() {
            DigitAnatomyOptions options = usage(spec, () -> new DigitAnatomyOptions(seed, train, validation, test, test,
                    mnist, fonts, overwrite));
            return run(spec, () -> DigitAnatomyGenerator.generate(out, options), contactSheets, 192);
        }
    }
}
