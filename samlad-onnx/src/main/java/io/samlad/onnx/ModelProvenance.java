package io.samlad.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a figure was measured with: every ONNX model of a {@link ModelChoice} with its file, SHA-256 and the card in
 * effect (the card file's fields with the command line's over them). Recorded by {@code evaluate} and
 * {@code benchmark} so that a run with an ONNX backbone can be told apart from an embedded one, and one model
 * export from another.
 *
 * @param role   {@code backbone}, {@code sam-encoder}, {@code sam-decoder} or {@code upsampler}
 * @param file   the model file as given
 * @param sha256 the file's SHA-256
 * @param card   the card in effect (a card record; for the decoder, the SAM pair's card is the encoder's)
 */
public record ModelProvenance(String role, String file, String sha256, Object card) {

    /** One entry per model of {@code choice}, in pipeline order; empty for the embedded pipeline. */
    public static List<ModelProvenance> of(ModelChoice choice) {
        List<ModelProvenance> out = new ArrayList<>();
        if (choice.backbone() != null) {
            BackboneCard c = ModelCards.find(choice.backbone(), choice.backboneCard(), BackboneCard.class)
                    .orElse(BackboneCard.empty()).overriddenBy(choice.backboneOverrides());
            out.add(entry("backbone", choice.backbone(), c));
        }
        if (choice.upsampler() != null) {
            UpsamplerCard c = ModelCards.find(choice.upsampler(), choice.upsamplerCard(), UpsamplerCard.class)
                    .orElse(UpsamplerCard.empty());
            out.add(entry("upsampler", choice.upsampler(), c));
        }
        if (choice.samEncoder() != null) {
            SamCard c = ModelCards.find(choice.samEncoder(), choice.samCard(), SamCard.class).orElse(SamCard.empty())
                    .overriddenBy(choice.samOverrides());
            out.add(entry("sam-encoder", choice.samEncoder(), c));
            out.add(entry("sam-decoder", choice.samDecoder(), c));
        }
        return out;
    }

    private static ModelProvenance entry(String role, Path file, Object card) {
        try {
            return new ModelProvenance(role, file.toString(), Sha256.of(file), card);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read model file", e);
        }
    }
}
