package io.samlad.onnx;

/**
 * How an image is resized for a backbone. {@code SHORT_SIDE}: scaled so its shorter side is {@code size}, keeping the
 * aspect ratio, each side then rounded to the nearest multiple of the patch size (at least one patch), so the whole
 * image is seen without cropping. {@code STRETCH}: resized to exactly {@code width x height}.
 */
public record BackboneResize(Policy policy, int size, int width, int height, int multiple) {

    public enum Policy {
        SHORT_SIDE, STRETCH;

        public static Policy parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "short-side", "short_side", "shortside" -> SHORT_SIDE;
                case "stretch", "fixed" -> STRETCH;
                default -> throw new IllegalArgumentException("unknown resize policy '" + s
                        + "' (expected short-side or stretch)");
            };
        }

        public String label() {
            return this == SHORT_SIDE ? "short-side" : "stretch";
        }
    }

    public BackboneResize {
        if (multiple < 1) {
            throw new IllegalArgumentException("patch size must be >= 1");
        }
        if (policy == Policy.SHORT_SIDE && size < multiple) {
            throw new IllegalArgumentException("input size " + size + " is smaller than the patch size " + multiple);
        }
        if (policy == Policy.STRETCH && (width % multiple != 0 || height % multiple != 0 || width <= 0
                || height <= 0)) {
            throw new IllegalArgumentException("input " + width + "x" + height + " is not a positive multiple of the"
                    + " patch size " + multiple);
        }
    }

    public static BackboneResize shortSide(int size, int multiple) {
        return new BackboneResize(Policy.SHORT_SIDE, size, 0, 0, multiple);
    }

    public static BackboneResize stretch(int width, int height, int multiple) {
        return new BackboneResize(Policy.STRETCH, 0, width, height, multiple);
    }

    /** The model input size {@code {width, height}} for an image of {@code w x h}. */
    public int[] target(int w, int h) {
        if (policy == Policy.STRETCH) {
            return new int[] {width, height};
        }
        double s = size / (double) Math.min(w, h);
        return new int[] {roundTo(w * s), roundTo(h * s)};
    }

    private int roundTo(double v) {
        return (int) Math.max(multiple, Math.round(v / multiple) * multiple);
    }

    public String describe() {
        return policy == Policy.STRETCH ? "stretch " + width + "x" + height : "short-side " + size;
    }
}
