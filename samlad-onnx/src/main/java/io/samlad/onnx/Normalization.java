package io.samlad.onnx;

import java.util.Arrays;

/**
 * Per-channel normalisation of pixel values: {@code (value * range - mean[c]) / std[c]}, where {@code value} is the
 * image's [0, 1] sample and {@code range} is 1 for models trained on [0, 1] inputs (DINOv2, ImageNet statistics) or
 * 255 for models whose statistics are on the 0-255 scale (Segment Anything).
 */
public record Normalization(double range, double[] mean, double[] std) {
    // apply() runs once per pixel and channel: precomputed as value * scale + offset.

    public static final Normalization IMAGENET = new Normalization(1.0, new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225});
    public static final Normalization SAM = new Normalization(255.0, new double[] {123.675, 116.28, 103.53},
            new double[] {58.395, 57.12, 57.375});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0");
            }
        }
        if (!(range > 0)) {
            throw new IllegalArgumentException("pixel range must be > 0");
        }
        mean = mean.clone();
        std = std.clone();
    }

    public float apply(int channel, float value) {
        return value * scale(channel) + offset(channel);
    }

    /** Multiplier of a [0, 1] sample of {@code channel}. */
    public float scale(int channel) {
        return (float) (range / std[channel]);
    }

    /** Added after scaling. */
    public float offset(int channel) {
        return (float) (-mean[channel] / std[channel]);
    }

    public String describe() {
        return "range=" + range + ",mean=" + Arrays.toString(mean) + ",std=" + Arrays.toString(std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && n.range == range && Arrays.equals(n.mean, mean)
                && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
    }
}
