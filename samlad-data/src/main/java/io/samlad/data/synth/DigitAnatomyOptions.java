package io.samlad.data.synth;

import java.nio.file.Path;

/**
 * Settings of {@link DigitAnatomyGenerator}. Digits come from {@code mnistDir} when given, else from the MNIST copy
 * vendored in this module, else (or when {@code fontsOnly}) from digits rendered with the JDK's fonts.
 */
public record DigitAnatomyOptions(long seed, int train, int validation, int testGood, int testLogical, Path mnistDir,
        boolean fontsOnly, boolean overwrite) {

    public DigitAnatomyOptions {
        new SplitCounts(train, validation, testGood, testLogical, 0);
        if (mnistDir != null && fontsOnly) {
            throw new IllegalArgumentException("choose either an MNIST folder or font digits, not both");
        }
    }

    /** The benchmark: 100 train, 20 validation, 40 good and 40 anomalous test images, vendored MNIST. */
    public static DigitAnatomyOptions defaults() {
        return new DigitAnatomyOptions(0, 100, 20, 40, 40, null, false, false);
    }

    public DigitAnatomyOptions withSeed(long newSeed) {
        return new DigitAnatomyOptions(newSeed, train, validation, testGood, testLogical, mnistDir, fontsOnly, overwrite);
    }

    public DigitAnatomyOptions withCounts(int newTrain, int newValidation, int newGood, int newLogical) {
        return new DigitAnatomyOptions(seed, newTrain, newValidation, newGood, newLogical, mnistDir, fontsOnly, overwrite);
    }

    public DigitAnatomyOptions withMnist(Path dir) {
        return new DigitAnatomyOptions(seed, train, validation, testGood, testLogical, dir, false, overwrite);
    }

    public DigitAnatomyOptions withFontsOnly() {
        return new DigitAnatomyOptions(seed, train, validation, testGood, testLogical, null, true, overwrite);
    }

    public DigitAnatomyOptions withOverwrite(boolean newOverwrite) {
        return new DigitAnatomyOptions(seed, train, validation, testGood, testLogical, mnistDir, fontsOnly, newOverwrite);
    }
}
