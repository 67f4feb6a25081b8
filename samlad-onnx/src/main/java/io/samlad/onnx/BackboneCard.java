package io.samlad.onnx;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model card of a backbone (JSON beside the model or given with {@code --backbone-card}). Every field is optional;
 * a {@code preset} fills in the known values of a model family, and explicit fields override the preset.
 *
 * @param preset        one of {@link #PRESETS}' keys, e.g. {@code dinov2-vits14-reg}
 * @param input         input name (default: {@code pixel_values}, or the only input)
 * @param output        output name (default: {@code last_hidden_state}, or the only output)
 * @param patchSize     ViT patch size in input pixels (14); for CNNs the multiple input sides are rounded to
 * @param prefixTokens  tokens before the patch tokens (1 = CLS, 5 = CLS + 4 registers); absent: detected from the
 *                      sequence length, which must then be unambiguous
 * @param hiddenSize    expected feature size D (checked when given)
 * @param inputSize     {@code short-side}: the shorter side in pixels; {@code stretch}: both sides (448)
 * @param inputWidth    {@code stretch}: width, overriding inputSize
 * @param inputHeight   {@code stretch}: height, overriding inputSize
 * @param resize        {@code short-side} (keep aspect ratio, sides rounded to the patch size) or {@code stretch}
 * @param pixelRange    1 or 255: the scale of mean and std (1)
 * @param mean          per-channel mean (ImageNet's)
 * @param std           per-channel std (ImageNet's)
 * @param batchSize     images per inference when fitting (8; 1 when the model's batch dimension is fixed)
 */
public record BackboneCard(String preset, String input, String output, Integer patchSize, Integer prefixTokens,
        Integer hiddenSize, Integer inputSize, Integer inputWidth, Integer inputHeight, String resize,
        Double pixelRange, List<Double> mean, List<Double> std, Integer batchSize) implements java.io.Serializable {

    /** Known model families: DINOv2 ViT-S/B/L/g with patch 14, without and with 4 registers. */
    /** Patch size of a ViT whose card does not say (DINOv2's). */
    public static final int DEFAULT_PATCH_SIZE = 14;
    /** Input size (short side, or both sides when stretching) when neither the model nor the card fixes it. */
    public static final int DEFAULT_INPUT_SIZE = 448;
    /** Images per backbone run at fit time, for models with a free batch dimension. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    public static final Map<String, BackboneCard> PRESETS = Map.of(
            "dinov2-vits14", dinov2(1, 384), "dinov2-vitb14", dinov2(1, 768),
            "dinov2-vitl14", dinov2(1, 1024), "dinov2-vitg14", dinov2(1, 1536),
            "dinov2-vits14-reg", dinov2(5, 384), "dinov2-vitb14-reg", dinov2(5, 768),
            "dinov2-vitl14-reg", dinov2(5, 1024), "dinov2-vitg14-reg", dinov2(5, 1536));

    private static BackboneCard dinov2(int prefix, int hidden) {
        return empty().withInput("pixel_values").withOutput("last_hidden_state").withPatchSize(DEFAULT_PATCH_SIZE)
                .withPrefixTokens(prefix).withHiddenSize(hidden);
    }

    public static BackboneCard empty() {
        return new BackboneCard(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This card with its preset's values filled in where the card leaves a field absent. */
    public BackboneCard completedFromPreset() {
        if (preset == null) {
            return this;
        }
        BackboneCard p = PRESETS.get(preset.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown backbone preset '" + preset + "' (known: "
                    + new java.util.TreeSet<>(PRESETS.keySet()) + ")");
        }
        return new BackboneCard(preset, or(input, p.input), or(output, p.output), or(patchSize, p.patchSize),
                or(prefixTokens, p.prefixTokens), or(hiddenSize, p.hiddenSize), or(inputSize, p.inputSize),
                or(inputWidth, p.inputWidth), or(inputHeight, p.inputHeight), or(resize, p.resize),
                or(pixelRange, p.pixelRange), or(mean, p.mean), or(std, p.std), or(batchSize, p.batchSize));
    }

    /** This card with the non-null fields of {@code o} taking precedence (command-line flags over a file). */
    public BackboneCard overriddenBy(BackboneCard o) {
        return new BackboneCard(or(o.preset, preset), or(o.input, input), or(o.output, output),
                or(o.patchSize, patchSize), or(o.prefixTokens, prefixTokens), or(o.hiddenSize, hiddenSize),
                or(o.inputSize, inputSize), or(o.inputWidth, inputWidth), or(o.inputHeight, inputHeight),
                or(o.resize, resize), or(o.pixelRange, pixelRange), or(o.mean, mean), or(o.std, std),
                or(o.batchSize, batchSize));
    }

    public Normalization normalization() {
        Normalization d = Normalization.IMAGENET;
        return new Normalization(pixelRange == null ? d.range() : pixelRange,
                mean == null ? d.mean() : SamCard.toArray(mean), std == null ? d.std() : SamCard.toArray(std));
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }

    // withX: this card with one field replaced (null: absent, the model, preset or default decides).

    public BackboneCard withPreset(String v) {
        return new BackboneCard(v, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withInput(String v) {
        return new BackboneCard(preset, v, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withOutput(String v) {
        return new BackboneCard(preset, input, v, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withPatchSize(Integer v) {
        return new BackboneCard(preset, input, output, v, prefixTokens, hiddenSize, inputSize, inputWidth, inputHeight,
                resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withPrefixTokens(Integer v) {
        return new BackboneCard(preset, input, output, patchSize, v, hiddenSize, inputSize, inputWidth, inputHeight,
                resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withHiddenSize(Integer v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, v, inputSize, inputWidth, inputHeight,
                resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withInputSize(Integer v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, v, inputWidth, inputHeight,
                resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withInputWidth(Integer v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, v, inputHeight,
                resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withInputHeight(Integer v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth, v,
                resize, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withResize(String v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, v, pixelRange, mean, std, batchSize);
    }

    public BackboneCard withPixelRange(Double v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, v, mean, std, batchSize);
    }

    public BackboneCard withMean(List<Double> v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, pixelRange, v, std, batchSize);
    }

    public BackboneCard withStd(List<Double> v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, pixelRange, mean, v, batchSize);
    }

    public BackboneCard withBatchSize(Integer v) {
        return new BackboneCard(preset, input, output, patchSize, prefixTokens, hiddenSize, inputSize, inputWidth,
                inputHeight, resize, pixelRange, mean, std, v);
    }
}
