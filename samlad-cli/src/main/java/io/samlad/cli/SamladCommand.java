package io.samlad.cli;

import io.samlad.util.Version;
import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import io.samlad.util.Version;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code samlad} command line. Exit codes: 0 success, 1 failure (bad input, I/O), 2 usage error. */
@Command(name = "samlad", mixinStandardHelpOptions = true, version = "samlad " + Version.VERSION,
        description = "Zero-shot detection of logical and structural anomalies (SAM-LAD) from normal images only.",
        subcommands = {FitCommand.class, PredictCommand.class, DemoCommand.class, EvaluateCommand.class,
                DatasetsCommand.class, BenchmarkCommand.class, ServeCommand.class, BenchServeCommand.class,
                ModelsCommand.class, CommandLine.HelpCommand.class})
public class SamladCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line and returns the exit code (used by tests). Every failure ends in one line on standard
     * error, {@code samlad: error: <file>: <problem>} (exit 1); a usage error prints its line and then the usage of
     * the command that failed (exit 2). Stack traces are for bugs only, and even then only with SAMLAD_DEBUG set.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SamladCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine failing = e.getCommandLine();
            Cli.error(err, e.getMessage());
            failing.usage(err);
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable t = e;
            while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.CompletionException)
                    && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof InvalidInputException) {
                Cli.error(err, t.getMessage());
                return 1;
            }
            if (t instanceof java.io.IOException io) {
                Cli.error(err, io instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                        ? fs.getFile() + ": " + IoProblems.describe(io) : IoProblems.describe(io));
                return 1;
            }
            if (t instanceof IllegalArgumentException) {
                // a value only the work itself could judge: a usage error of the command that ran
                Cli.error(err, t.getMessage());
                commandLine.usage(err);
                return 2;
            }
            if (System.getenv("SAMLAD_DEBUG") != null) {
                t.printStackTrace(err);
            }
            if (t instanceof OutOfMemoryError) {
                Cli.error(err, "out of memory: give Java more (e.g. SAMLAD_JAVA_OPTS=-Xmx8g), or use fewer"
                        + " --threads or a lower --max-pixels");
                return 1;
            }
            Cli.error(err, "internal error (" + t + "); please report it with"
                    + " the command line (SAMLAD_DEBUG=1 prints the stack trace)");
            return 1;
        });
        return cli.execute(args);
    }

}
