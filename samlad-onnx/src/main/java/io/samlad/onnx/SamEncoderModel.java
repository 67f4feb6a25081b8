package io.samlad.onnx;

import io.samlad.image.RgbImage;
import java.util.Map;
import java.util.Set;

/** A Segment Anything image encoder: {@code [1,3,S,S]} normalised, padded image to {@code [1,C,h,w]} embeddings. */
public final class SamEncoderModel implements AutoCloseable {
    static final String ROLE = "sam-encoder";
    static final String EXPECTED = "one float32 input [1,3,S,S] (S = 1024 for SAM and MobileSAM) and a float32 output"
            + " [1,C,h,w] (image_embeddings, [1,256,64,64])";

    private final ModelSession session;
    private final String input;
    private final String output;
    private final int frame;
    private final long[] embeddingShape;
    private final Normalization norm;

    private SamEncoderModel(ModelSession session, String input, String output, int frame, long[] embeddingShape,
            Normalization norm) {
        this.session = session;
        this.input = input;
        this.output = output;
        this.frame = frame;
        this.embeddingShape = embeddingShape;
        this.norm = norm;
    }

    /** Checks the signature against the role. On success the stage owns {@code session}; on failure the caller does. */
    public static SamEncoderModel of(ModelSession session, SamCard card) {
        TensorSpec in = Signatures.pick(session.inputs(), card.encoderInput(), "image")
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, nameHint("input", card.encoderInput())
                        + EXPECTED));
        TensorSpec out = Signatures.pick(session.outputs(), card.encoderOutput(), "image_embeddings")
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, nameHint("output", card.encoderOutput())
                        + EXPECTED));
        if (session.inputs().size() != 1 || !Signatures.fits(in, 1, 3, -1, -1)
                || !Signatures.fits(out, 1, -1, -1, -1) || in.dim(2) != in.dim(3)) {
            throw Signatures.mismatch(session, ROLE, EXPECTED);
        }
        int frame = in.dim(2) > 0 ? (int) in.dim(2) : SamCard.or(card.imageSize(), 1024);
        if (card.imageSize() != null && in.dim(2) > 0 && card.imageSize() != in.dim(2)) {
            throw Signatures.mismatch(session, ROLE, "an input of the card's imageSize " + card.imageSize());
        }
        return new SamEncoderModel(session, in.name(), out.name(), frame, out.shape(), Signatures.fromCard(session, card::normalization));
    }

    private static String nameHint(String what, String name) {
        return name == null ? "" : "an " + what + " named '" + name + "' and ";
    }

    public ModelSession session() {
        return session;
    }

    /** Side of the square input frame (1024 for SAM). */
    public int frame() {
        return frame;
    }

    /** Declared embedding shape, -1 where free. */
    public long[] embeddingShape() {
        return embeddingShape.clone();
    }

    public Normalization normalization() {
        return norm;
    }

    public FloatTensor embed(RgbImage image) {
        FloatTensor x = SamGeometry.encoderInput(image, norm, frame);
        FloatTensor e = session.run(Map.of(input, x), Set.of(output)).get(output);
        if (e.rank() != 4 || e.dim(0) != 1) {
            throw new io.samlad.util.InvalidInputException(session.path(), "encoder output '" + output + "' has shape "
                    + e.shapeText() + ", expected [1,C,h,w]");
        }
        return e;
    }

    @Override
    public void close() {
        session.close();
    }
}
