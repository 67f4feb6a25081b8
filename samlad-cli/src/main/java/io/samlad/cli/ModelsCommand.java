package io.samlad.cli;

import io.samlad.onnx.ModelInspector;
import io.samlad.onnx.OnnxSettings;
import io.samlad.util.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code samlad models inspect PATH...}: what ONNX models take and return, and which stage each can serve. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Inspect ONNX models for samlad's stages.",
        subcommands = ModelsCommand.Inspect.class)
public class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (inspect)");
    }

    /** Prints each model's inputs, outputs and role fits. Exit code 1 when a file could not be loaded at all. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print each model's inputs and outputs and which role (backbone, sam-encoder, sam-decoder,"
                    + " upsampler) it fits, or why not.")
    public static class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "MODEL.onnx", description = "ONNX model files")
        List<Path> models;

        @Option(names = "--intra-op-threads", paramLabel = "N", defaultValue = "1",
                description = "ONNX Runtime threads per operator for the probe runs (default 1)")
        int intraOpThreads;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            OnnxSettings settings = new OnnxSettings(intraOpThreads, OnnxSettings.GraphOptimization.ALL,
                    OnnxSettings.Device.CPU);
            int failures = 0;
            for (Path model : models) {
                try {
                    out.print(ModelInspector.inspect(model, settings).text());
                } catch (InvalidInputException e) {
                    Cli.error(err, e.getMessage());
                    failures++;
                }
                out.flush();
            }
            err.flush();
            return failures == 0 ? 0 : 1;
        }
    }
}
