package io.samlad.cli;

import io.samlad.config.SamladConfig;
import java.io.PrintWriter;
import io.samlad.image.ImageLimits;
import io.samlad.image.ImageLoader;
import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Helpers shared by the commands: option checks (usage errors, exit 2) and output checks made before any work. */
final class Cli {
    private Cli() {
    }

    /** What every error line of every command starts with. */
    static final String ERROR = "samlad: error: ";

    /** Prints one warning line to a command's error writer (in order with the error lines). */
    static void warn(PrintWriter err, String message) {
        err.println("samlad: warning: " + message.replace('\n', ' ').replace('\r', ' '));
        err.flush();
    }

    /** Prints one error line (line breaks in the message become spaces) to a command's error writer. */
    static void error(PrintWriter err, String message) {
        err.println(ERROR + (message == null ? "unknown error" : message.replace('\n', ' ').replace('\r', ' ')));
        err.flush();
    }

    /** A usage error of the command {@code spec} describes: its own usage is printed with the message. */
    static ParameterException usage(CommandSpec spec, String message) {
        CommandLine cl = spec != null ? spec.commandLine() : new CommandLine(new SamladCommand());
        return new ParameterException(cl, message);
    }

    static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw usage(spec, message);
        }
    }

    /** An optional count option: absent, or at least {@code min}. */
    static void atLeast(CommandSpec spec, Number value, long min, String option) {
        require(spec, value == null || value.longValue() >= min, option + " must be >= " + min + ", got " + value);
    }

    /** An optional real option: absent, or a finite number. */
    static void finite(CommandSpec spec, Double value, String option) {
        require(spec, value == null || Double.isFinite(value), option + " must be a finite number, got " + value);
    }

    /** The method configuration, with range errors reported as usage errors of the command (exit code 2). */
    static SamladConfig config(MethodOptions options) {
        try {
            return options.config();
        } catch (IllegalArgumentException e) {
            throw usage(options.spec, e.getMessage());
        }
    }

    /** Every image's header is readable and within {@code limits} (see {@link ImageLoader#requireWithin}). */
    static void requireWithin(List<Path> images, ImageLimits limits) {
        for (Path p : images) {
            ImageLoader.requireWithin(p, limits);
        }
    }

    /**
     * Fails, naming {@code file}, unless a file can be created at {@code file}: it is not a folder, no ancestor is a
     * file, and the folder it goes in (or the nearest one that exists) lets us create files. Checked before the
     * work, not after minutes of fitting, by creating (and removing) a probe file there: permission bits alone do
     * not say what root, ACLs or a read-only mount allow.
     */
    static void requireWritableFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file, "is a folder: give the file to write, e.g. "
                    + file.resolve("bank.samlad"));
        }
        Path abs = file.toAbsolutePath().normalize();
        Path existing = abs.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new InvalidInputException(file, "cannot be written: no folder of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new InvalidInputException(file, "cannot be written: " + existing + " is a file, not a folder");
        }
        try {
            Path probe = Files.createTempFile(existing, ".samlad-write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot be written: folder " + existing + ": "
                    + IoProblems.describe(e), e);
        }
    }
}
