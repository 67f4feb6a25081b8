package io.samlad.onnx;

import io.samlad.image.RgbImage;

/**
 * What automatic mask generation needs from a promptable segmenter: embed an image once, then decode masks for
 * single positive point prompts, at a mask resolution chosen by the caller. Implemented by the ONNX SAM
 * encoder/decoder pair and, in tests, by plain Java.
 */
public interface PromptDecoder {

    /**
     * Embeds {@code image} (the expensive step, done once per image or crop). Every mask decoded from the result
     * covers the whole image on a {@code maskWidth x maskHeight} grid (the image's own size for pixel masks, a
     * coarser grid when only that grid's masks are needed).
     */
    EmbeddedImage embed(RgbImage image, int maskWidth, int maskHeight);

    /**
     * Most prompts the decoder answers in one call for {@code maskWidth x maskHeight} masks (automatic generation
     * batches no more than this).
     */
    default int maxPromptsPerCall(int maskWidth, int maskHeight) {
        return Integer.MAX_VALUE;
    }

    /** An embedded image that answers point prompts; closing it frees what the embedding holds. */
    interface EmbeddedImage extends AutoCloseable {
        @Override
        default void close() {
        }

        /**
         * Masks for one positive point per prompt, for the {@code count} points
         * {@code (points[2i], points[2i+1])}, {@code i = from .. from + count - 1}, in the embedded image's pixel
         * coordinates (pixel {@code (c, r)} covering {@code [c, c+1) x [r, r+1)}).
         *
         * <p>The answer's arrays may be reused by the next call: read them before decoding again.
         */
        PointMasks decode(double[] points, int from, int count);
    }

    /**
     * Candidate masks of a batch of prompts on the {@code width x height} mask grid. The decoder returns
     * {@code tokens} masks per prompt of which tokens {@code firstToken .. tokens - 1} are candidates: for prompt
     * {@code p} and token {@code t}, logits at {@code logits[(p * tokens + t) * width * height ...]} row-major and
     * predicted IoU at {@code iou[p * tokens + t]}. The arrays may be longer than the batch needs (reused buffers).
     */
    record PointMasks(int prompts, int tokens, int firstToken, int width, int height, float[] logits, float[] iou) {
        public PointMasks {
            if (firstToken < 0 || firstToken >= tokens
                    || logits.length < (long) prompts * tokens * width * height || iou.length < prompts * tokens) {
                throw new IllegalArgumentException("inconsistent mask batch sizes");
            }
        }

        /** Where the logits of prompt {@code p}, token {@code t} start. */
        public int offset(int p, int t) {
            return (p * tokens + t) * width * height;
        }

        public float iou(int p, int t) {
            return iou[p * tokens + t];
        }
    }
}
