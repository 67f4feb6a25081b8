package io.samlad.onnx;

import io.samlad.features.FeatureMap;
import io.samlad.image.Resampling;
import io.samlad.image.RgbImage;
import io.samlad.upsample.Upsampler;
import io.samlad.util.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 3 through ONNX Runtime: a FeatUp-style upsampler that takes low-resolution features {@code [1,C,h,w]} and
 * the guidance image {@code [1,3,H,W]} and returns finer features {@code [1,C,H',W']}, which are then resized
 * bilinearly to the requested grid if their size differs.
 */
public final class OnnxUpsampler implements Upsampler {
    static final String ROLE = "upsampler";
    static final String EXPECTED = "two float32 inputs, features [1,C,h,w] and image [1,3,H,W], and one float32 "
            + "output [1,C,H',W']";

    private final ModelSession session;
    private final String featuresInput;
    private final String imageInput;
    private final String output;
    private final long[] imageShape;
    private final long featureChannels;
    private final int guideCellSize;
    private final Normalization norm;
    private final String id;

    private OnnxUpsampler(ModelSession session, String featuresInput, String imageInput, String output,
            long[] imageShape, long featureChannels, int guideCellSize, Normalization norm) {
        this.featureChannels = featureChannels;
        this.session = session;
        this.featuresInput = featuresInput;
        this.imageInput = imageInput;
        this.output = output;
        this.imageShape = imageShape;
        this.guideCellSize = guideCellSize;
        this.norm = norm;
        this.id = "onnx-upsampler[sha256=" + session.sha256() + ",cell=" + guideCellSize + "," + norm.describe() + "]";
    }

    /** Checks the model against the role. On success the stage owns {@code session}; on failure the caller does. */
    public static OnnxUpsampler of(ModelSession session, UpsamplerCard card) {
        if (session.inputs().size() != 2) {
            throw Signatures.mismatch(session, ROLE, EXPECTED);
        }
        TensorSpec image = findImage(session.inputs(), card.imageInput())
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, EXPECTED));
        TensorSpec features = card.featuresInput() != null ? session.input(card.featuresInput())
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, "an input named '" + card.featuresInput()
                        + "' and " + EXPECTED))
                : session.inputs().stream().filter(t -> !t.name().equals(image.name())).findFirst().orElseThrow();
        TensorSpec out = Signatures.pick(session.outputs(), card.output(), "upsampled")
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, EXPECTED));
        if (features.name().equals(image.name()) || !Signatures.fits(image, 1, 3, -1, -1)
                || !Signatures.fits(features, 1, -1, -1, -1) || !Signatures.fits(out, 1, -1, -1, -1)) {
            throw Signatures.mismatch(session, ROLE, EXPECTED);
        }
        int cell = card.guideCellSize() == null ? 14 : card.guideCellSize();
        if (cell < 1) {
            throw new InvalidInputException(session.path(), "guideCellSize must be >= 1");
        }
        return new OnnxUpsampler(session, features.name(), image.name(), out.name(), image.shape(), features.dim(1),
                cell, Signatures.fromCard(session, card::normalization));
    }

    private static Optional<TensorSpec> findImage(List<TensorSpec> inputs, String wanted) {
        if (wanted != null) {
            return inputs.stream().filter(t -> t.name().equals(wanted)).findFirst();
        }
        for (String conventional : List.of("image", "guidance", "img")) {
            Optional<TensorSpec> t = inputs.stream().filter(s -> s.name().equals(conventional)).findFirst();
            if (t.isPresent()) {
                return t;
            }
        }
        List<TensorSpec> threeChannel = inputs.stream().filter(t -> t.rank() == 4 && t.dim(1) == 3).toList();
        return threeChannel.size() == 1 ? Optional.of(threeChannel.get(0)) : Optional.empty();
    }

    public ModelSession session() {
        return session;
    }

    @Override
    public FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height) {
        if (featureChannels > 0 && featureChannels != coarse.channels()) {
            throw new InvalidInputException(session.path(), "upsampler takes " + featureChannels
                    + "-channel features but the backbone gives " + coarse.channels());
        }
        int gw = imageShape[3] > 0 ? (int) imageShape[3] : coarse.width() * guideCellSize;
        int gh = imageShape[2] > 0 ? (int) imageShape[2] : coarse.height() * guideCellSize;
        RgbImage g = guide.resize(gw, gh);
        float[] img = new float[3 * gw * gh];
        ImageTensors.write(g, norm, img, 0, gw, gh);
        int c = coarse.channels();
        float[] chw = toChannelMajor(coarse);
        Map<String, FloatTensor> feeds = new LinkedHashMap<>();
        feeds.put(featuresInput, FloatTensor.of(chw, 1, c, coarse.height(), coarse.width()));
        feeds.put(imageInput, FloatTensor.of(img, 1, 3, gh, gw));
        FloatTensor y = session.run(feeds, Set.of(output)).get(output);
        if (y.rank() != 4 || y.dim(0) != 1 || y.dim(1) != c) {
            throw new InvalidInputException(session.path(), "output " + output + " has shape " + y.shapeText()
                    + "; expected [1," + c + ",H,W]");
        }
        int oh = y.dim(2);
        int ow = y.dim(3);
        float[] data = y.data();
        if (ow != width || oh != height) {
            float[] resized = new float[c * width * height];
            for (int k = 0; k < c; k++) {
                float[] plane = Resampling.resize(data, k * ow * oh, ow, oh, width, height);
                System.arraycopy(plane, 0, resized, k * width * height, plane.length);
            }
            data = resized;
        }
        return FeatureMap.fromChannelMajor(c, width, height, data);
    }

    static float[] toChannelMajor(FeatureMap map) {
        int c = map.channels();
        int plane = map.width() * map.height();
        float[] src = map.data();
        float[] out = new float[src.length];
        for (int i = 0; i < plane; i++) {
            for (int k = 0; k < c; k++) {
                out[k * plane + i] = src[i * c + k];
            }
        }
        return out;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() {
        session.close();
    }
}
