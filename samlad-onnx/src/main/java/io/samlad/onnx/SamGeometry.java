package io.samlad.onnx;

import io.samlad.image.RgbImage;

/**
 * Segment Anything's geometry: an image is resized so its longer side fills the square input frame (1024), keeping
 * the aspect ratio, then padded at the right and bottom. Prompts move with the resize; masks come back through the
 * inverse.
 */
public final class SamGeometry {
    private SamGeometry() {
    }

    /**
     * The resized size {@code {width, height}} of a {@code width x height} image whose longer side becomes
     * {@code frame}: each side times {@code frame / max(width, height)}, rounded half up.
     */
    public static int[] resizedSize(int width, int height, int frame) {
        double scale = frame / (double) Math.max(width, height);
        return new int[] {(int) (width * scale + 0.5), (int) (height * scale + 0.5)};
    }

    /** A prompt point of the original image in the frame's coordinates (each axis scaled by its own ratio). */
    public static double[] toFrame(double x, double y, int width, int height, int frame) {
        int[] r = resizedSize(width, height, frame);
        return new double[] {x * r[0] / (double) width, y * r[1] / (double) height};
    }

    /** The encoder input {@code [1, 3, frame, frame]}: resized, normalised, zero-padded at right and bottom. */
    public static FloatTensor encoderInput(RgbImage image, Normalization norm, int frame) {
        int[] r = resizedSize(image.width(), image.height(), frame);
        RgbImage resized = image.resize(r[0], r[1]);
        float[] data = new float[3 * frame * frame];
        ImageTensors.write(resized, norm, data, 0, frame, frame);
        return FloatTensor.of(data, 1, 3, frame, frame);
    }

    /**
     * As {@link #encoderInput}, written straight into a tensor over native memory (the caller closes it): the
     * normalised image goes there row by row, and the padding is the zero a fresh direct buffer holds.
     */
    public static ai.onnxruntime.OnnxTensor encoderInputTensor(RgbImage image, Normalization norm, int frame) {
        int[] r = resizedSize(image.width(), image.height(), frame);
        RgbImage resized = image.resize(r[0], r[1]);
        ai.onnxruntime.OnnxTensor t = ModelSession.directTensor(1, 3, frame, frame);
        ImageTensors.write(resized, norm, ModelSession.buffer(t), frame, frame);
        return t;
    }

    /**
     * Mask post-processing of Segment Anything's decoder, for decoders that return only low-resolution masks: logits
     * on a {@code lowW x lowH} grid covering the padded frame are enlarged bilinearly to the frame, the padding is cut
     * off, and the rest is resized bilinearly to the original {@code width x height}.
     */
    public static float[] masksToOriginal(float[] lowRes, int lowW, int lowH, int frame, int width, int height) {
        float[] full = TorchBilinear.resize(lowRes, lowW, lowH, frame, frame);
        int[] r = resizedSize(width, height, frame);
        float[] cropped = new float[r[0] * r[1]];
        for (int y = 0; y < r[1]; y++) {
            System.arraycopy(full, y * frame, cropped, y * r[0], r[0]);
        }
        return TorchBilinear.resize(cropped, r[0], r[1], width, height);
    }
}
