package io.samlad.cli;

import io.samlad.util.InvalidInputException;
import io.samlad.util.Version;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code samlad} command line. Exit codes: 0 success, 1 failure (bad input, I/O), 2 usage error. */
@Command(name = "samlad", mixinStandardHelpOptions = true, version = "samlad " + Version.VERSION,
        description = "Zero-shot detection of logical and structural anomalies (SAM-LAD) from normal images only.",
        subcommands = {FitCommand.class, PredictCommand.class, DemoCommand.class, EvaluateCommand.class,
                DatasetsCommand.class, BenchmarkCommand.class,
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

    /** Runs the command line and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SamladCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable t = e;
            if (t instanceof UncheckedIOException u) {
                t = u.getCause();
            }
            if (t instanceof InvalidInputException || t instanceof java.io.IOException) {
                err.println("samlad: error: " + oneLine(t.getMessage()));
                return 1;
            }
            if (t instanceof IllegalArgumentException) {
                err.println("samlad: error: " + oneLine(t.getMessage()));
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
