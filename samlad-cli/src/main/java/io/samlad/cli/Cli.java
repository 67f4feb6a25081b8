package io.samlad.cli;

import io.samlad.config.SamladConfig;
import picocli.CommandLine;

/** Helpers shared by the commands. */
final class Cli {
    private Cli() {
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
