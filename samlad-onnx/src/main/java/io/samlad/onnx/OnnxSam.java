package io.samlad.onnx;

import ai.onnxruntime.OnnxTensor;
import io.samlad.image.RgbImage;

/**
 * Segment Anything through ONNX Runtime as a {@link PromptDecoder}: the encoder runs once per image, the decoder
 * answers batches of single-point prompts.
 *
 * <p>When the decoder returns SAM's four mask tokens (an export without {@code return_single_mask}), only tokens
 * 1..3 are kept: they are SAM's multimask output, which automatic generation uses; token 0 is meant for multi-point
 * prompts. A single-mask export already picked the best of those three for a one-point prompt.
 */
public final class OnnxSam implements PromptDecoder, AutoCloseable {
    private final SamEncoderModel encoder;
    private final SamDecoderModel decoder;

    public OnnxSam(SamEncoderModel encoder, SamDecoderModel decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public SamEncoderModel encoder() {
        return encoder;
    }

    public SamDecoderModel decoder() {
        return decoder;
    }

    /** Bound on the mask logits one decoder call returns (4 masks per prompt): 64 MB of floats. */
    static final long MAX_MASK_VALUES_PER_CALL = 1L << 24;

    /**
     * A decoder with a fixed prompt batch of 1 answers one prompt per call; a batched one as many as keep the
     * returned masks within {@link #MAX_MASK_VALUES_PER_CALL}.
     */
    @Override
    public int maxPromptsPerCall(int maskWidth, int maskHeight) {
        if (!decoder.batched()) {
            return 1;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                MAX_MASK_VALUES_PER_CALL / (4L * maskWidth * maskHeight)));
    }

    @Override
    public EmbeddedImage embed(RgbImage image, int maskWidth, int maskHeight) {
        // The embedding goes to native memory once and serves every prompt of the image.
        OnnxTensor embedding = encoder.embed(image);
        int w = image.width();
        int h = image.height();
        int frame = encoder.frame();
        int[] resized = SamGeometry.resizedSize(w, h, frame);
        SamDecoderModel.Prompter prompter = decoder.prompter(embedding, maskWidth, maskHeight, frame);
        return new EmbeddedImage() {
            private float[] framePoints = new float[0];

            @Override
            public PointMasks decode(double[] points, int from, int count) {
                if (framePoints.length < 2 * count) {
                    framePoints = new float[2 * count];
                }
                // Into the frame with each axis's own ratio, as SamGeometry.toFrame.
                for (int i = 0; i < count; i++) {
                    framePoints[2 * i] = (float) (points[2 * (from + i)] * resized[0] / (double) w);
                    framePoints[2 * i + 1] = (float) (points[2 * (from + i) + 1] * resized[1] / (double) h);
                }
                if (count > maxPromptsPerCall(maskWidth, maskHeight)) {
                    throw new IllegalArgumentException("the decoder answers at most "
                            + maxPromptsPerCall(maskWidth, maskHeight) + " prompts per call, asked " + count);
                }
                return answer(prompter.decode(framePoints, count), count, maskWidth, maskHeight);
            }

            @Override
            public void close() {
                try (embedding; prompter) {
                    // closes both
                }
            }
        };
    }

    /** Of SAM's four mask tokens, token 0 (meant for multi-point prompts) is not a candidate. */
    private static PointMasks answer(SamDecoderModel.Decoded d, int count, int mw, int mh) {
        int first = d.tokens() == 4 ? 1 : 0;
        return new PointMasks(count, d.tokens(), first, mw, mh, d.logits(), d.iou());
    }

    @Override
    public void close() {
        try (encoder; decoder) {
            // closes both sessions
        }
    }
}
