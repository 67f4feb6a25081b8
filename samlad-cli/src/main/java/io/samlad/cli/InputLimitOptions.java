package io.samlad.cli;

import io.samlad.image.ImageLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The resource limit on input images (a picocli mixin for fit, predict and evaluate). */
public class InputLimitOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = "largest image accepted, as width x height, checked from the file's header before any"
                    + " decoding (default 50000000)")
    Long maxPixels;

    /** The limits; a value below 1 is a usage error. */
    public ImageLimits limits() {
        if (maxPixels == null) {
            return ImageLimits.defaults();
        }
        Cli.require(spec, maxPixels >= 1, "--max-pixels must be >= 1, got " + maxPixels);
        return new ImageLimits(maxPixels);
    }
}
