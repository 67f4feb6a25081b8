package io.samlad.onnx;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Opens models for the three stages. Each method loads the model once into a session, reads its card (explicit,
 * or {@code NAME.card.json} beside it), checks the model fits the role and returns the stage, which owns the session.
 * On any failure the session is closed and an {@link io.samlad.util.InvalidInputException} names the file.
 */
public final class OnnxModels {
    private OnnxModels() {
    }

    /**
     * A backbone. {@code overrides} (e.g. from command-line flags) take precedence over the card's fields; pass
     * {@link BackboneCard#empty()} for none.
     */
    public static OnnxFeatureExtractor backbone(Path model, Path card, BackboneCard overrides, OnnxSettings settings) {
        BackboneCard c = ModelCards.find(model, card, BackboneCard.class).orElse(BackboneCard.empty())
                .overriddenBy(overrides);
        return open(model, settings, s -> OnnxFeatureExtractor.of(s, c));
    }

    /** A backbone with its card already resolved (read on another machine, e.g. a Spark driver). */
    public static OnnxFeatureExtractor backbone(Path model, BackboneCard card, OnnxSettings settings) {
        return open(model, settings, s -> OnnxFeatureExtractor.of(s, card));
    }

    /** Segment Anything's encoder and decoder, with automatic mask generation set by the card (beside the encoder). */
    public static OnnxMaskGenerator sam(Path encoder, Path decoder, Path card, OnnxSettings settings) {
        return sam(encoder, decoder, card, SamCard.empty(), settings);
    }

    /** As {@link #sam(Path, Path, Path, OnnxSettings)}, with {@code overrides} taking precedence over the card. */
    public static OnnxMaskGenerator sam(Path encoder, Path decoder, Path card, SamCard overrides,
            OnnxSettings settings) {
        SamCard c = ModelCards.find(encoder, card, SamCard.class).orElse(SamCard.empty()).overriddenBy(overrides);
        return sam(encoder, decoder, c, settings);
    }

    public static OnnxMaskGenerator sam(Path encoder, Path decoder, SamCard card, OnnxSettings settings) {
        AmgSettings amg;
        try {
            amg = card.amg();
        } catch (IllegalArgumentException e) {
            throw new io.samlad.util.InvalidInputException(encoder, "invalid automatic mask generation setting: "
                    + e.getMessage());
        }
        SamEncoderModel enc = open(encoder, settings, s -> SamEncoderModel.of(s, card));
        try {
            SamDecoderModel dec = open(decoder, settings, s -> SamDecoderModel.of(s, enc.embeddingShape()));
            return new OnnxMaskGenerator(new OnnxSam(enc, dec), amg);
        } catch (RuntimeException e) {
            enc.close();
            throw e;
        }
    }

    public static OnnxUpsampler upsampler(Path model, Path card, OnnxSettings settings) {
        UpsamplerCard c = ModelCards.find(model, card, UpsamplerCard.class).orElse(UpsamplerCard.empty());
        return open(model, settings, s -> OnnxUpsampler.of(s, c));
    }

    /** An upsampler with its card already resolved (read on another machine, e.g. a Spark driver). */
    public static OnnxUpsampler upsamplerWithCard(Path model, UpsamplerCard card, OnnxSettings settings) {
        return open(model, settings, s -> OnnxUpsampler.of(s, card));
    }

    private static <T> T open(Path model, OnnxSettings settings, Function<ModelSession, T> role) {
        ModelSession session = ModelSession.open(model, settings);
        try {
            return role.apply(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
