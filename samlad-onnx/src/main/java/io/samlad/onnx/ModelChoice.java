package io.samlad.onnx;

import java.nio.file.Path;

/**
 * Which ONNX models a pipeline uses; a {@code null} model means the stage keeps its pure-Java default.
 *
 * @param backbone          backbone model, or null
 * @param backboneCard      explicit backbone card, or null to look beside the model
 * @param backboneOverrides card fields set on the command line (take precedence over the card file)
 * @param samEncoder        Segment Anything encoder, or null (then {@code samDecoder} must be null too)
 * @param samDecoder        Segment Anything decoder, or null
 * @param samCard           explicit SAM card, or null to look beside the encoder
 * @param samOverrides      SAM card fields set on the command line
 * @param upsampler         upsampler model, or null
 * @param upsamplerCard     explicit upsampler card, or null to look beside the model
 */
public record ModelChoice(Path backbone, Path backboneCard, BackboneCard backboneOverrides, Path samEncoder,
        Path samDecoder, Path samCard, SamCard samOverrides, Path upsampler, Path upsamplerCard) {

    public ModelChoice {
        if ((samEncoder == null) != (samDecoder == null)) {
            throw new IllegalArgumentException("a SAM encoder and a SAM decoder go together: give both or neither");
        }
        backboneOverrides = backboneOverrides == null ? BackboneCard.empty() : backboneOverrides;
        samOverrides = samOverrides == null ? SamCard.empty() : samOverrides;
    }

    public static ModelChoice none() {
        return new ModelChoice(null, null, null, null, null, null, null, null, null);
    }

    public boolean any() {
        return backbone != null || samEncoder != null || upsampler != null;
    }

    public boolean all() {
        return backbone != null && samEncoder != null && upsampler != null;
    }
}
