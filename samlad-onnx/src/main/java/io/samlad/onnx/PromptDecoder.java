package io.samlad.onnx;

import io.samlad.image.RgbImage;

/**
 * What automatic mask generation needs from a promptable segmenter: embed an image once, then decode masks for
 * single positive point prompts. Implemented by the ONNX SAM encoder/decoder pair and, in tests, by plain Java.
 */
public interface PromptDecoder {

    /** Embeds {@code image} (the expensive step, done once per image or crop). */
    EmbeddedImage embed(RgbImage image);

    /**
     * Most prompts the decoder answers in one call for a {@code width x height} image (automatic generation batches
     * no more than this).
     */
    default int maxPromptsPerCall(int width, int height) {
        return Integer.MAX_VALUE;
    }

    /** An embedded image that answers point prompts; closing it frees what the embedding holds. */
    interface EmbeddedImage extends AutoCloseable {
        @Override
        default void close() {
        }

        /**
         * Masks for one positive point per prompt, points in the embedded image's pixel coordinates
         * ({@code points[i] = {x, y}}, pixel {@code (c, r)} covering {@code [c, c+1) x [r, r+1)}).
         */
        PointMasks decode(double[][] points);
    }

    /**
     * Candidate masks of a batch of prompts: for prompt {@code p} and candidate {@code m}, logits at
     * {@code logits[(p * candidates + m) * width * height ...]} row-major over the image, and predicted IoU at
     * {@code iou[p * candidates + m]}.
     */
    record PointMasks(int prompts, int candidates, int width, int height, float[] logits, float[] iou) {
        public PointMasks {
            if (logits.length != (long) prompts * candidates * width * height || iou.length != prompts * candidates) {
                throw new IllegalArgumentException("inconsistent mask batch sizes");
            }
        }
    }
}
