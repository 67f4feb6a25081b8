package io.samlad.onnx;

import io.samlad.util.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code samlad models inspect} reports about a model file: its inputs and outputs, and for each role whether
 * the model fits it, with the reason when it does not.
 */
public final class ModelInspector {
    private ModelInspector() {
    }

    /** One role's verdict. */
    public record RoleFit(String role, boolean fits, String detail) {
    }

    /** The report of one model. */
    public record Report(Path path, String sha256, String provider, List<TensorSpec> inputs, List<TensorSpec> outputs,
            List<RoleFit> roles) {

        /** Human-readable, several lines. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(path).append('\n');
            sb.append("  sha256   ").append(sha256).append('\n');
            for (TensorSpec t : inputs) {
                sb.append("  input    ").append(t.describe()).append('\n');
            }
            for (TensorSpec t : outputs) {
                sb.append("  output   ").append(t.describe()).append('\n');
            }
            for (RoleFit r : roles) {
                sb.append("  ").append(r.fits() ? "fits     " : "no       ").append(r.role()).append(": ")
                        .append(r.detail()).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * Loads the model once and tries every role on it. Fails with {@link InvalidInputException} only when the file
     * cannot be loaded at all.
     */
    public static Report inspect(Path model, OnnxSettings settings) {
        try (ModelSession session = ModelSession.open(model, settings)) {
            List<RoleFit> roles = new ArrayList<>();
            roles.add(tryRole("backbone", () -> {
                OnnxFeatureExtractor f = OnnxFeatureExtractor.of(session, BackboneCard.empty());
                return (f.isVit() ? "vision transformer, patch " + f.patchSize() + ", " + f.prefixTokens()
                        + " prefix token(s) (CLS + registers), input " : "CNN feature map, input ")
                        + f.resize().describe();
            }));
            roles.add(tryRole("sam-encoder", () -> {
                SamEncoderModel e = SamEncoderModel.of(session, SamCard.empty());
                return "input frame " + e.frame() + "x" + e.frame() + ", embeddings "
                        + java.util.Arrays.toString(e.embeddingShape());
            }));
            roles.add(tryRole("sam-decoder", () -> {
                SamDecoderModel d = SamDecoderModel.of(session, null);
                return d.batched() ? "prompts decoded in batches" : "one prompt per run (fixed batch of 1)";
            }));
            roles.add(tryRole("upsampler", () -> {
                OnnxUpsampler.of(session, UpsamplerCard.empty());
                return "features + image -> finer features";
            }));
            return new Report(model, session.sha256(), session.provider(), session.inputs(), session.outputs(), roles);
        }
    }

    private static RoleFit tryRole(String role, java.util.function.Supplier<String> check) {
        try {
            return new RoleFit(role, true, check.get());
        } catch (InvalidInputException e) {
            // The report already lists the model's inputs and outputs: keep only what the role expected.
            String m = e.getMessage();
            String prefix = e.path() + ": ";
            m = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
            m = m.replace("does not fit the role '" + role + "': ", "");
            int found = m.indexOf("; found inputs [");
            return new RoleFit(role, false, found >= 0 ? m.substring(0, found) : m);
        }
    }
}
