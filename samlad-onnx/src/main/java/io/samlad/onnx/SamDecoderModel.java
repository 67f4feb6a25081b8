package io.samlad.onnx;

import ai.onnxruntime.OnnxTensor;
import io.samlad.util.InvalidInputException;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Segment Anything's prompt decoder in the format of its official ONNX export (also MobileSAM's): inputs
 * {@code image_embeddings [1,256,64,64]}, {@code point_coords [1,N,2]}, {@code point_labels [1,N]},
 * {@code mask_input [1,1,256,256]}, {@code has_mask_input [1]}, {@code orig_im_size [2]}; outputs {@code masks},
 * {@code iou_predictions}, {@code low_res_masks}. Prompts are decoded several at once when the export left the
 * prompt batch dimension free, one by one otherwise.
 */
public final class SamDecoderModel implements AutoCloseable {
    static final String ROLE = "sam-decoder";
    static final String EXPECTED = "inputs image_embeddings float32[1,C,h,w], point_coords float32[B,N,2], "
            + "point_labels float32[B,N], mask_input float32[1,1,4h,4w], has_mask_input float32[1], "
            + "orig_im_size float32[2] and outputs masks float32[B,M,H,W], iou_predictions float32[B,M], "
            + "low_res_masks float32[B,M,4h,4w] (Segment Anything's ONNX export)";

    private final ModelSession session;
    private final boolean batched;
    private final int maskInputH;
    private final int maskInputW;
    /** The inputs that never change for automatic generation (no mask prompt), created once in native memory. */
    private final Map<String, OnnxTensor> noMaskPrompt;

    private SamDecoderModel(ModelSession session, boolean batched, int maskInputH, int maskInputW) {
        this.session = session;
        this.batched = batched;
        this.maskInputH = maskInputH;
        this.maskInputW = maskInputW;
        this.noMaskPrompt = Map.of(
                "mask_input", ModelSession.nativeTensor(FloatTensor.of(new float[maskInputH * maskInputW], 1, 1,
                        maskInputH, maskInputW)),
                "has_mask_input", ModelSession.nativeTensor(FloatTensor.of(new float[] {0f}, 1)));
    }

    /**
     * Checks the signature (and that it accepts the encoder's embeddings, when {@code embeddingShape} is given). On
     * success the stage owns {@code session}; on failure the caller still does.
     */
    public static SamDecoderModel of(ModelSession session, long[] embeddingShape) {
        boolean ok = has(session.inputs(), "image_embeddings", 1, -1, -1, -1)
                && has(session.inputs(), "point_coords", -1, -1, 2)
                && has(session.inputs(), "point_labels", -1, -1)
                && has(session.inputs(), "mask_input", 1, 1, -1, -1)
                && has(session.inputs(), "has_mask_input", 1)
                && has(session.inputs(), "orig_im_size", 2)
                && has(session.outputs(), "masks", -1, -1, -1, -1)
                && has(session.outputs(), "iou_predictions", -1, -1)
                && has(session.outputs(), "low_res_masks", -1, -1, -1, -1)
                && session.inputs().size() == 6;
        if (!ok) {
            throw Signatures.mismatch(session, ROLE, EXPECTED);
        }
        TensorSpec emb = session.input("image_embeddings").orElseThrow();
        for (int i = 1; i < 4; i++) {
            if (embeddingShape != null && embeddingShape[i] > 0 && !emb.accepts(i, embeddingShape[i])) {
                throw Signatures.mismatch(session, ROLE, "image_embeddings matching the encoder's output "
                        + java.util.Arrays.toString(embeddingShape));
            }
        }
        TensorSpec maskIn = session.input("mask_input").orElseThrow();
        long embH = emb.dim(2) > 0 ? emb.dim(2) : embeddingShape == null ? -1 : embeddingShape[2];
        long embW = emb.dim(3) > 0 ? emb.dim(3) : embeddingShape == null ? -1 : embeddingShape[3];
        int mh = (int) (maskIn.dim(2) > 0 ? maskIn.dim(2) : 4 * embH);
        int mw = (int) (maskIn.dim(3) > 0 ? maskIn.dim(3) : 4 * embW);
        if (mh <= 0 || mw <= 0) {
            throw Signatures.mismatch(session, ROLE, "a fixed mask_input size or fixed embedding size");
        }
        boolean batched = session.input("point_coords").orElseThrow().dim(0) < 0
                && session.input("point_labels").orElseThrow().dim(0) < 0;
        return new SamDecoderModel(session, batched, mh, mw);
    }

    private static boolean has(List<TensorSpec> specs, String name, long... dims) {
        return specs.stream().anyMatch(t -> t.name().equals(name) && Signatures.fits(t, dims));
    }

    public ModelSession session() {
        return session;
    }

    /** True when the export accepts several prompts in one run. */
    public boolean batched() {
        return batched;
    }

    /**
     * A decoding context for one embedded image whose masks are wanted at {@code maskWidth x maskHeight} (the
     * decoder's {@code orig_im_size}): the constant inputs live in native memory for the whole image, and after the
     * first run of each batch size the outputs are written straight into buffers made once, so that a prompt costs
     * no allocation. Not thread-safe: one per image and thread. The embedding stays the caller's.
     */
    public Prompter prompter(OnnxTensor embedding, int maskWidth, int maskHeight, int frame) {
        return new Prompter(embedding, maskWidth, maskHeight, frame);
    }

    /** Raw decoder answer: {@code tokens} masks per prompt, in arrays that the next decode may overwrite. */
    public record Decoded(int prompts, int tokens, float[] logits, float[] iou) {
    }

    /** See {@link #prompter}. */
    public final class Prompter implements AutoCloseable {
        private final OnnxTensor embedding;
        private final OnnxTensor origImSize;
        private final int maskW;
        private final int maskH;
        private final int frame;
        private final Map<Integer, Slot> slots = new HashMap<>();
        private float[] logits = new float[0];
        private float[] iou = new float[0];

        private Prompter(OnnxTensor embedding, int maskW, int maskH, int frame) {
            this.embedding = embedding;
            this.maskW = maskW;
            this.maskH = maskH;
            this.frame = frame;
            this.origImSize = ModelSession.nativeTensor(FloatTensor.of(new float[] {maskH, maskW}, 2));
        }

        /**
         * Decodes {@code count} single positive point prompts given in the frame's coordinates
         * ({@code framePoints[2i], framePoints[2i+1]}), each completed with Segment Anything's padding point (0, 0)
         * labelled -1.
         */
        public Decoded decode(float[] framePoints, int count) {
            Slot slot = slots.computeIfAbsent(count, Slot::new);
            FloatBuffer coords = slot.coords;
            for (int p = 0; p < count; p++) {
                coords.put(p * 4, framePoints[2 * p]);
                coords.put(p * 4 + 1, framePoints[2 * p + 1]);
            }
            int plane = maskW * maskH;
            if (slot.masksOut != null) {
                session.runInto(slot.inputs, slot.outputs);
                int n = count * slot.tokens;
                ensure(n * plane, n);
                slot.masksBuf.get(0, logits, 0, n * plane);
                slot.iouBuf.get(0, iou, 0, n);
                return new Decoded(count, slot.tokens, logits, iou);
            }
            Map<String, FloatTensor> out = session.run(Map.of(), slot.inputs, Set.of("masks", "iou_predictions"));
            FloatTensor masks = out.get("masks");
            FloatTensor scores = out.get("iou_predictions");
            if (masks.rank() != 4 || masks.dim(0) != count || scores.rank() != 2 || scores.dim(0) != count
                    || scores.dim(1) != masks.dim(1)) {
                throw new InvalidInputException(session.path(), "decoder returned masks " + masks.shapeText()
                        + " and iou_predictions " + scores.shapeText() + " for " + count + " prompts");
            }
            int tokens = masks.dim(1);
            int n = count * tokens;
            ensure(n * plane, n);
            System.arraycopy(scores.data(), 0, iou, 0, n);
            if (masks.dim(2) == maskH && masks.dim(3) == maskW) {
                System.arraycopy(masks.data(), 0, logits, 0, n * plane);
                slot.pin(tokens);
            } else {
                // An export without Segment Anything's post-processing: do it here from the low-resolution masks.
                int lh = masks.dim(2);
                int lw = masks.dim(3);
                for (int k = 0; k < n; k++) {
                    float[] low = java.util.Arrays.copyOfRange(masks.data(), k * lw * lh, (k + 1) * lw * lh);
                    float[] full = SamGeometry.masksToOriginal(low, lw, lh, frame, maskW, maskH);
                    System.arraycopy(full, 0, logits, k * plane, plane);
                }
            }
            return new Decoded(count, tokens, logits, iou);
        }

        private void ensure(int values, int scores) {
            if (logits.length < values) {
                logits = new float[values];
            }
            if (iou.length < scores) {
                iou = new float[scores];
            }
        }

        @Override
        public void close() {
            origImSize.close();
            slots.values().forEach(Slot::close);
        }

        /** The tensors of one batch size: inputs rewritten in place, and outputs once their shape is known. */
        private final class Slot {
            final int count;
            final OnnxTensor coordsTensor;
            final FloatBuffer coords;
            final OnnxTensor labels;
            final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
            final Map<String, OnnxTensor> outputs = new LinkedHashMap<>();
            int tokens;
            OnnxTensor masksOut;
            OnnxTensor iouOut;
            FloatBuffer masksBuf;
            FloatBuffer iouBuf;

            Slot(int count) {
                this.count = count;
                coordsTensor = ModelSession.directTensor(count, 2, 2);
                coords = ModelSession.buffer(coordsTensor);
                float[] l = new float[count * 2];
                for (int p = 0; p < count; p++) {
                    l[2 * p] = 1f;
                    l[2 * p + 1] = -1f;
                }
                labels = ModelSession.nativeTensor(FloatTensor.of(l, count, 2));
                inputs.putAll(noMaskPrompt);
                inputs.put("image_embeddings", embedding);
                inputs.put("point_coords", coordsTensor);
                inputs.put("point_labels", labels);
                inputs.put("orig_im_size", origImSize);
            }

            void pin(int tokens) {
                this.tokens = tokens;
                masksOut = ModelSession.directTensor(count, tokens, maskH, maskW);
                iouOut = ModelSession.directTensor(count, tokens);
                masksBuf = ModelSession.buffer(masksOut);
                iouBuf = ModelSession.buffer(iouOut);
                outputs.put("masks", masksOut);
                outputs.put("iou_predictions", iouOut);
            }

            void close() {
                coordsTensor.close();
                labels.close();
                if (masksOut != null) {
                    masksOut.close();
                    iouOut.close();
                }
            }
        }
    }

    @Override
    public void close() {
        noMaskPrompt.values().forEach(OnnxTensor::close);
        session.close();
    }
}
