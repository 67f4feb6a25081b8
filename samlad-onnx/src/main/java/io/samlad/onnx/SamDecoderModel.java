package io.samlad.onnx;

import ai.onnxruntime.OnnxTensor;
import io.samlad.util.InvalidInputException;
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
     * Decodes single positive point prompts (points in the frame's coordinates), each completed with Segment
     * Anything's padding point (0, 0) labelled -1, for an image of {@code width x height} pixels.
     *
     * @return masks {@code [B, M, height, width]} as logits and their predicted IoU {@code [B, M]}
     */
    public Decoded decode(OnnxTensor embedding, double[][] framePoints, int width, int height, int frame) {
        int prompts = framePoints.length;
        float[] coords = new float[prompts * 4];
        float[] labels = new float[prompts * 2];
        for (int p = 0; p < prompts; p++) {
            coords[p * 4] = (float) framePoints[p][0];
            coords[p * 4 + 1] = (float) framePoints[p][1];
            labels[p * 2] = 1f;
            labels[p * 2 + 1] = -1f;
        }
        Map<String, FloatTensor> feeds = new LinkedHashMap<>();
        feeds.put("point_coords", FloatTensor.of(coords, prompts, 2, 2));
        feeds.put("point_labels", FloatTensor.of(labels, prompts, 2));
        feeds.put("orig_im_size", FloatTensor.of(new float[] {height, width}, 2));
        Map<String, OnnxTensor> ready = new LinkedHashMap<>(noMaskPrompt);
        ready.put("image_embeddings", embedding);
        Map<String, FloatTensor> out = session.run(feeds, ready, Set.of("masks", "iou_predictions"));
        FloatTensor masks = out.get("masks");
        FloatTensor iou = out.get("iou_predictions");
        if (masks.rank() != 4 || masks.dim(0) != prompts || iou.rank() != 2 || iou.dim(0) != prompts
                || iou.dim(1) != masks.dim(1)) {
            throw new InvalidInputException(session.path(), "decoder returned masks " + masks.shapeText()
                    + " and iou_predictions " + iou.shapeText() + " for " + prompts + " prompts");
        }
        int m = masks.dim(1);
        float[] logits = masks.data();
        if (masks.dim(2) != height || masks.dim(3) != width) {
            // An export without Segment Anything's post-processing: do it here from the low-resolution masks.
            logits = new float[prompts * m * width * height];
            int lh = masks.dim(2);
            int lw = masks.dim(3);
            for (int k = 0; k < prompts * m; k++) {
                float[] low = java.util.Arrays.copyOfRange(masks.data(), k * lw * lh, (k + 1) * lw * lh);
                float[] full = SamGeometry.masksToOriginal(low, lw, lh, frame, width, height);
                System.arraycopy(full, 0, logits, k * width * height, width * height);
            }
        }
        return new Decoded(prompts, m, logits, iou.data());
    }

    /** Raw decoder answer: {@code candidates} masks per prompt. */
    public record Decoded(int prompts, int candidates, float[] logits, float[] iou) {
    }

    @Override
    public void close() {
        noMaskPrompt.values().forEach(OnnxTensor::close);
        session.close();
    }
}
