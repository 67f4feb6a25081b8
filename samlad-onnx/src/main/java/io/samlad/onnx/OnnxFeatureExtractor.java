package io.samlad.onnx;

import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.util.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 1 through ONNX Runtime. Two kinds of backbone:
 * <ul>
 * <li>vision transformers with output {@code [B, P + N, D]} (P prefix tokens: CLS and registers, then N patch tokens
 * in row-major order): the patch tokens become a {@code D x H/p x W/p} map and the CLS token the global
 * descriptor;</li>
 * <li>CNNs with output {@code [B, C, h, w]}: the map as it is, average-pooled for the global descriptor.</li>
 * </ul>
 * The number of prefix tokens comes from the card or is measured once at load time as the sequence length minus the
 * patch count, and is checked on every image.
 */
public final class OnnxFeatureExtractor implements FeatureExtractor {
    static final String ROLE = "backbone";
    static final String EXPECTED = "a float32 image input [B,3,H,W] and a float32 output [B,1+R+N,D] "
            + "(ViT: last_hidden_state) or [B,C,h,w] (CNN feature map)";

    private final ModelSession session;
    private final String input;
    private final String output;
    private final boolean tokens;
    private final int patch;
    private final int prefix;
    private final BackboneResize resize;
    private final Normalization norm;
    private final int batchSize;
    private final String id;

    private OnnxFeatureExtractor(ModelSession session, String input, String output, boolean tokens, int patch,
            int prefix, BackboneResize resize, Normalization norm, int batchSize) {
        this.session = session;
        this.input = input;
        this.output = output;
        this.tokens = tokens;
        this.patch = patch;
        this.prefix = prefix;
        this.resize = resize;
        this.norm = norm;
        this.batchSize = batchSize;
        this.id = "onnx-backbone[sha256=" + session.sha256() + ",output=" + output + ","
                + (tokens ? "vit,patch=" + patch + ",prefix=" + prefix : "cnn") + ",input=" + resize.describe() + ","
                + norm.describe() + "]";
    }

    /**
     * Checks the model against the role and the card and probes it once. On success the stage owns {@code session};
     * on failure the caller still does.
     */
    public static OnnxFeatureExtractor of(ModelSession session, BackboneCard rawCard) {
        BackboneCard card;
        try {
            card = rawCard.completedFromPreset();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(session.path(), e.getMessage());
        }
        TensorSpec in = Signatures.pick(session.inputs(), card.input(), "pixel_values")
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, named("input", card.input()) + EXPECTED));
        TensorSpec out = pickOutput(session, card.output())
                .orElseThrow(() -> Signatures.mismatch(session, ROLE, named("output", card.output()) + EXPECTED));
        if (!Signatures.fits(in, -1, 3, -1, -1) || !(Signatures.fits(out, -1, -1, -1)
                || Signatures.fits(out, -1, -1, -1, -1)) || session.inputs().size() != 1) {
            throw Signatures.mismatch(session, ROLE, EXPECTED);
        }
        boolean vit = out.rank() == 3;
        int patch = card.patchSize() == null ? BackboneCard.DEFAULT_PATCH_SIZE : card.patchSize();
        BackboneResize resize = resizeFor(session, in, card, patch);
        int batch = in.dim(0) == 1 ? 1 : card.batchSize() == null ? BackboneCard.DEFAULT_BATCH_SIZE : card.batchSize();
        if (batch < 1) {
            throw new InvalidInputException(session.path(), "batchSize must be >= 1");
        }
        int prefix = vit ? probePrefix(session, in.name(), out.name(), resize, patch, card) : 0;
        if (!vit) {
            probeMap(session, in.name(), out.name(), resize, card);
        }
        return new OnnxFeatureExtractor(session, in.name(), out.name(), vit, patch, prefix, resize,
                Signatures.fromCard(session, card::normalization), batch);
    }

    private static java.util.Optional<TensorSpec> pickOutput(ModelSession session, String wanted) {
        if (wanted != null) {
            return session.output(wanted);
        }
        java.util.Optional<TensorSpec> hf = session.output("last_hidden_state");
        return hf.isPresent() ? hf : Signatures.pick(session.outputs(), null, "last_hidden_state");
    }

    private static String named(String what, String name) {
        return name == null ? "" : "an " + what + " named '" + name + "' and ";
    }

    private static BackboneResize resizeFor(ModelSession session, TensorSpec in, BackboneCard card, int patch) {
        try {
            if (in.dim(2) > 0 || in.dim(3) > 0) {
                if (in.dim(2) < 0 || in.dim(3) < 0) {
                    throw new IllegalArgumentException("input height and width must both be fixed or both be free");
                }
                int w = (int) in.dim(3);
                int h = (int) in.dim(2);
                boolean cardDisagrees = (card.inputWidth() != null && card.inputWidth() != w)
                        || (card.inputHeight() != null && card.inputHeight() != h)
                        || (card.inputSize() != null && card.inputSize() != w && card.inputSize() != h)
                        || (card.resize() != null
                        && BackboneResize.Policy.parse(card.resize()) != BackboneResize.Policy.STRETCH);
                if (cardDisagrees) {
                    throw new IllegalArgumentException("the model's input is fixed at " + w + "x" + h
                            + " but the card asks for another size or resize policy");
                }
                return BackboneResize.stretch(w, h, in.dim(2) % patch == 0 && in.dim(3) % patch == 0 ? patch : 1);
            }
            BackboneResize.Policy policy = card.resize() == null ? BackboneResize.Policy.SHORT_SIDE
                    : BackboneResize.Policy.parse(card.resize());
            int size = card.inputSize() == null ? BackboneCard.DEFAULT_INPUT_SIZE : card.inputSize();
            if (policy == BackboneResize.Policy.STRETCH) {
                return BackboneResize.stretch(card.inputWidth() == null ? size : card.inputWidth(),
                        card.inputHeight() == null ? size : card.inputHeight(), patch);
            }
            return BackboneResize.shortSide(size, patch);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(session.path(), e.getMessage());
        }
    }

    private static int probePrefix(ModelSession session, String in, String out, BackboneResize resize, int patch,
            BackboneCard card) {
        int[] size = resize.target(Math.max(resize.size(), 1), Math.max(resize.size(), 1));
        FloatTensor y = probe(session, in, out, size);
        if (y.rank() != 3 || y.dim(0) != 1) {
            throw Signatures.mismatch(session, ROLE, "a [B,1+R+N,D] output; a probe run returned " + y.shapeText());
        }
        int n = (size[0] / patch) * (size[1] / patch);
        int found = y.dim(1) - n;
        if (found < 0 || found > 64 || size[0] % patch != 0 || size[1] % patch != 0) {
            throw new InvalidInputException(session.path(), "a " + size[0] + "x" + size[1] + " input gave "
                    + y.dim(1) + " tokens, which is not prefix + " + n + " patches of " + patch + " pixels:"
                    + " set patchSize in the model card");
        }
        if (card.prefixTokens() != null && card.prefixTokens() != found) {
            throw new InvalidInputException(session.path(), "the card says " + card.prefixTokens()
                    + " prefix tokens (CLS + registers) but the model returns " + found + " (" + y.dim(1)
                    + " tokens for " + n + " patches)");
        }
        if (card.hiddenSize() != null && card.hiddenSize() != y.dim(2)) {
            throw new InvalidInputException(session.path(), "the card says hidden size " + card.hiddenSize()
                    + " but the model returns " + y.dim(2));
        }
        return found;
    }

    private static void probeMap(ModelSession session, String in, String out, BackboneResize resize,
            BackboneCard card) {
        int[] size = resize.target(Math.max(resize.size(), 1), Math.max(resize.size(), 1));
        FloatTensor y = probe(session, in, out, size);
        if (y.rank() != 4 || y.dim(0) != 1) {
            throw Signatures.mismatch(session, ROLE, "a [B,C,h,w] output; a probe run returned " + y.shapeText());
        }
        if (card.hiddenSize() != null && card.hiddenSize() != y.dim(1)) {
            throw new InvalidInputException(session.path(), "the card says " + card.hiddenSize()
                    + " channels but the model returns " + y.dim(1));
        }
    }

    private static FloatTensor probe(ModelSession session, String in, String out, int[] size) {
        float[] zeros = new float[3 * size[0] * size[1]];
        return session.run(Map.of(in, FloatTensor.of(zeros, 1, 3, size[1], size[0])), Set.of(out)).get(out);
    }

    public ModelSession session() {
        return session;
    }

    /** Prefix tokens (CLS + registers) before the patch tokens; 0 for a CNN. */
    public int prefixTokens() {
        return prefix;
    }

    /** Patch size of a ViT (the multiple input sides are rounded to). */
    public int patchSize() {
        return patch;
    }

    public boolean isVit() {
        return tokens;
    }

    public BackboneResize resize() {
        return resize;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public ExtractedFeatures extract(RgbImage image) {
        return extractAll(List.of(image)).get(0);
    }

    /** Runs images of equal model input size together, {@link #batchSize()} at a time. */
    @Override
    public List<ExtractedFeatures> extractAll(List<RgbImage> images) {
        ExtractedFeatures[] out = new ExtractedFeatures[images.size()];
        Map<String, List<Integer>> bySize = new LinkedHashMap<>();
        List<int[]> targets = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int[] t = resize.target(images.get(i).width(), images.get(i).height());
            targets.add(t);
            bySize.computeIfAbsent(t[0] + "x" + t[1], k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : bySize.values()) {
            for (int start = 0; start < group.size(); start += batchSize) {
                List<Integer> idx = group.subList(start, Math.min(group.size(), start + batchSize));
                int[] t = targets.get(idx.get(0));
                List<RgbImage> resized = new ArrayList<>(idx.size());
                for (int i : idx) {
                    resized.add(images.get(i).resize(t[0], t[1]));
                }
                FloatTensor y = session.run(Map.of(input, ImageTensors.batch(resized, norm)), Set.of(output))
                        .get(output);
                for (int b = 0; b < idx.size(); b++) {
                    out[idx.get(b)] = tokens ? fromTokens(y, b, t) : fromMap(y, b);
                }
            }
        }
        return Arrays.asList(out);
    }

    private ExtractedFeatures fromTokens(FloatTensor y, int b, int[] size) {
        int gw = size[0] / patch;
        int gh = size[1] / patch;
        if (y.rank() != 3 || y.dim(1) != prefix + gw * gh) {
            throw new InvalidInputException(session.path(), "output " + output + " has shape " + y.shapeText()
                    + " for a " + size[0] + "x" + size[1] + " input; expected [B," + (prefix + gw * gh) + ",D]");
        }
        int d = y.dim(2);
        int base = b * y.dim(1) * d;
        // Token order is row-major over the patch grid, and FeatureMap is patch-major: the block copies as it is.
        float[] patches = Arrays.copyOfRange(y.data(), base + prefix * d, base + (prefix + gw * gh) * d);
        FeatureMap map = new FeatureMap(d, gw, gh, patches);
        float[] global = prefix > 0 ? Arrays.copyOfRange(y.data(), base, base + d) : mean(map);
        return new ExtractedFeatures(map, global);
    }

    private ExtractedFeatures fromMap(FloatTensor y, int b) {
        if (y.rank() != 4) {
            throw new InvalidInputException(session.path(), "output " + output + " has shape " + y.shapeText()
                    + "; expected [B,C,h,w]");
        }
        int c = y.dim(1);
        int h = y.dim(2);
        int w = y.dim(3);
        int n = c * h * w;
        FeatureMap map = FeatureMap.fromChannelMajor(c, w, h, Arrays.copyOfRange(y.data(), b * n, (b + 1) * n));
        return new ExtractedFeatures(map, mean(map));
    }

    /** Average of all patch vectors. */
    static float[] mean(FeatureMap map) {
        int c = map.channels();
        double[] acc = new double[c];
        float[] d = map.data();
        for (int i = 0; i < d.length; i++) {
            acc[i % c] += d[i];
        }
        float[] out = new float[c];
        int cells = map.width() * map.height();
        for (int k = 0; k < c; k++) {
            out[k] = (float) (acc[k] / cells);
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
