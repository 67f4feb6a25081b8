package io.samlad.cli;

import io.samlad.config.SamladConfig;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Helpers shared by the commands. */
final class Cli {
    private Cli() {
    }

    /** What every error line of every command starts with. */
    static final String ERROR = "samlad: error: ";

    /** Prints one error line (line breaks in the message become spaces) to a command's error writer. */
    static void error(PrintWriter err, String message) {
        err.println(ERROR + (message == null ? "unknown error" : message.replace('\n', ' ').replace('\r', ' ')));
        err.flush();
    }

    /** The method configuration, with range errors reported as usage errors (exit code 2). */
    static SamladConfig config(MethodOptions options) {
        try {
            return options.config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(new SamladCommand()), e.getMessage(), e);
        }
    }
}
