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

    /** Bound on the mask logits one decoder call returns (4 masks per prompt at full size): 64 MB of floats. */
    static final long MAX_MASK_VALUES_PER_CALL = 1L << 24;

    /**
     * A decoder with a fixed prompt batch of 1 answers one prompt per call; a batched one as many as keep the
     * returned masks within {@link #MAX_MASK_VALUES_PER_CALL}.
     */
    @Override
    public int maxPromptsPerCall(int width, int height) {
        if (!decoder.batched()) {
            return 1;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_MASK_VALUES_PER_CALL / (4L * width * height)));
    }

    @Override
    public EmbeddedImage embed(RgbImage image) {
        // The embedding goes to native memory once and serves every prompt of the image.
        OnnxTensor embedding = ModelSession.nativeTensor(encoder.embed(image));
        int w = image.width();
        int h = image.height();
        int frame = encoder.frame();
        return new EmbeddedImage() {
            @Override
            public PointMasks decode(double[][] points) {
                return decodeAll(embedding, points, w, h, frame);
            }

            @Override
            public void close() {
                embedding.close();
            }
        };
    }

    private PointMasks decodeAll(OnnxTensor embedding, double[][] points, int w, int h, int frame) {
        double[][] framePoints = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            framePoints[i] = SamGeometry.toFrame(points[i][0], points[i][1], w, h, frame);
        }
        int plane = w * h;
        float[] logits = null;
        float[] iou = null;
        int kept = 0;
        int first = 0;
        int step = decoder.batched() ? points.length : 1;
        for (int start = 0; start < points.length; start += step) {
            double[][] chunk = java.util.Arrays.copyOfRange(framePoints, start, Math.min(points.length, start + step));
            SamDecoderModel.Decoded d = decoder.decode(embedding, chunk, w, h, frame);
            if (logits == null) {
                first = d.candidates() == 4 ? 1 : 0;
                kept = d.candidates() - first;
                logits = new float[points.length * kept * plane];
                iou = new float[points.length * kept];
            }
            for (int p = 0; p < d.prompts(); p++) {
                for (int m = 0; m < kept; m++) {
                    int src = p * d.candidates() + m + first;
                    int dst = (start + p) * kept + m;
                    System.arraycopy(d.logits(), src * plane, logits, dst * plane, plane);
                    iou[dst] = d.iou()[src];
                }
            }
        }
        return new PointMasks(points.length, kept, w, h, logits, iou);
    }

    @Override
    public void close() {
        try (encoder; decoder) {
            // closes both sessions
        }
    }
}
