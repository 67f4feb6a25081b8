package io.samlad.data.synth;

/**
 * One entry of an MVTec LOCO {@code defects_config.json}: a defect's name, the grey value its ground-truth masks use,
 * and how much of a region a detector must cover to be fully credited (sPRO saturation), either as a pixel count
 * ({@code relativeSaturation == false}) or as a fraction of the region's area.
 */
public record DefectType(String name, int pixelValue, double saturationThreshold, boolean relativeSaturation) {
    public DefectType {
        if (name == null || !name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("defect name must be lower_snake_case, got " + name);
        }
        if (pixelValue < 1 || pixelValue > 255) {
            throw new IllegalArgumentException("pixel value must be in 1..255, got " + pixelValue);
        }
        if (relativeSaturation ? !(saturationThreshold > 0 && saturationThreshold <= 1) : !(saturationThreshold >= 1)) {
            throw new IllegalArgumentException("bad saturation threshold " + saturationThreshold + " for " + name);
        }
    }

    /** A defect judged by the fraction {@code fraction} of its region's area. */
    public static DefectType relative(String name, int pixelValue, double fraction) {
        return new DefectType(name, pixelValue, fraction, true);
    }

    /** A defect judged by an absolute pixel count (used for missing objects, whose region is where they should be). */
    public static DefectType absolute(String name, int pixelValue, long pixels) {
        return new DefectType(name, pixelValue, Math.max(1, pixels), false);
    }

    /** The JSON object as the official files write it (absolute thresholds as integers, relative as decimals). */
    String toJson(String indent) {
        String threshold = relativeSaturation
                ? Double.toString(saturationThreshold)
                : Long.toString(Math.round(saturationThreshold));
        return indent + "{\n"
                + indent + "    \"defect_name\": \"" + name + "\",\n"
                + indent + "    \"pixel_value\": " + pixelValue + ",\n"
                + indent + "    \"saturation_threshold\": " + threshold + ",\n"
                + indent + "    \"relative_saturation\": " + relativeSaturation + "\n"
                + indent + "}";
    }
}
