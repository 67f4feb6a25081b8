package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.detector.Pipeline;
import io.samlad.onnx.AmgSettings;
import io.samlad.onnx.BackboneCard;
import io.samlad.onnx.ModelChoice;
import io.samlad.onnx.OnnxPipelines;
import io.samlad.onnx.OnnxSettings;
import io.samlad.onnx.SamCard;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command-line options choosing ONNX models for the pipeline's stages (a picocli mixin for fit, predict and
 * evaluate). Stages without a model keep the embedded pure-Java implementation. Settings given here take precedence
 * over the model cards; see docs/models.md.
 */
public class ModelOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--backbone", paramLabel = "MODEL.onnx",
            description = "ONNX backbone: a ViT (DINOv2: last_hidden_state [B,1+R+N,D]) or a CNN ([B,C,h,w])")
    Path backbone;

    @Option(names = "--backbone-card", paramLabel = "CARD.json",
            description = "backbone model card (default: MODEL.card.json beside the model, if present)")
    Path backboneCard;

    @Option(names = "--backbone-preset", paramLabel = "NAME",
            description = "dinov2-vits14, dinov2-vitb14, dinov2-vitl14, dinov2-vitg14, or one of them + '-reg'")
    String backbonePreset;

    @Option(names = "--backbone-input-size", paramLabel = "PIXELS",
            description = "backbone input: the shorter side (short-side resize) or both sides (stretch); default "
                    + BackboneCard.DEFAULT_INPUT_SIZE)
    Integer backboneInputSize;

    @Option(names = "--backbone-resize", paramLabel = "POLICY", description = "short-side (default) or stretch")
    String backboneResize;

    @Option(names = "--patch-size", paramLabel = "PIXELS", description = "ViT patch size (default "
            + BackboneCard.DEFAULT_PATCH_SIZE + ")")
    Integer patchSize;

    @Option(names = "--prefix-tokens", paramLabel = "N",
            description = "tokens before the patch tokens: 1 (CLS) or 1 + registers; default: measured and checked")
    Integer prefixTokens;

    @Option(names = "--backbone-batch", paramLabel = "N", description = "images per backbone run at fit (default "
            + BackboneCard.DEFAULT_BATCH_SIZE + ")")
    Integer backboneBatch;

    @Option(names = "--sam-encoder", paramLabel = "MODEL.onnx", description = "Segment Anything image encoder")
    Path samEncoder;

    @Option(names = "--sam-decoder", paramLabel = "MODEL.onnx",
            description = "Segment Anything decoder in the official ONNX export format")
    Path samDecoder;

    @Option(names = "--sam-card", paramLabel = "CARD.json",
            description = "SAM model card (default: ENCODER.card.json beside the encoder, if present)")
    Path samCard;

    @Option(names = "--points-per-side", paramLabel = "N", description = "SAM prompt grid (default "
            + AmgSettings.DEFAULT_POINTS_PER_SIDE + ")")
    Integer pointsPerSide;

    @Option(names = "--points-per-batch", paramLabel = "N", description = "prompts per decoder batch (default "
            + AmgSettings.DEFAULT_POINTS_PER_BATCH + ")")
    Integer pointsPerBatch;

    @Option(names = "--pred-iou-thresh", paramLabel = "T", description = "SAM predicted-IoU filter (default "
            + AmgSettings.DEFAULT_PRED_IOU_THRESH + ")")
    Double predIouThresh;

    @Option(names = "--stability-score-thresh", paramLabel = "T",
            description = "SAM stability-score filter (default " + AmgSettings.DEFAULT_STABILITY_SCORE_THRESH + ")")
    Double stabilityScoreThresh;

    @Option(names = "--box-nms-thresh", paramLabel = "T", description = "SAM box NMS IoU (default "
            + AmgSettings.DEFAULT_BOX_NMS_THRESH + ")")
    Double boxNmsThresh;

    @Option(names = "--min-mask-region-area", paramLabel = "PIXELS",
            description = "fill holes and drop islands smaller than this (0: off; default "
                    + AmgSettings.DEFAULT_MIN_MASK_REGION_AREA + ")")
    Integer minMaskRegionArea;

    @Option(names = "--crop-layers", paramLabel = "N", description = "SAM crop layers (default "
            + AmgSettings.DEFAULT_CROP_LAYERS + ")")
    Integer cropLayers;

    @Option(names = "--upsampler", paramLabel = "MODEL.onnx",
            description = "FeatUp-style upsampler (features + image -> finer features); default: joint bilateral")
    Path upsampler;

    @Option(names = "--upsampler-card", paramLabel = "CARD.json", description = "upsampler model card")
    Path upsamplerCard;

    @Option(names = "--intra-op-threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime threads per operator (default 0: one per physical core)")
    int intraOpThreads;

    @Option(names = "--graph-optimization", paramLabel = "LEVEL", defaultValue = "all",
            description = "ONNX Runtime graph optimisation: none, basic, extended or all (default)")
    String graphOptimization;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "auto (CUDA when the GPU build is present, else CPU), cpu or cuda")
    String device;

    /**
     * Checks the options before any work: every number in range, and no option of a model that is not given (it
     * would be silently ignored, and the user would believe it applied).
     */
    public void validate() {
        CommandSpec s = spec;
        needs(backbone, "--backbone", "--backbone-card", "--backbone-preset", "--backbone-input-size",
                "--backbone-resize", "--patch-size", "--prefix-tokens", "--backbone-batch");
        needs(samEncoder, "--sam-encoder", "--sam-card", "--points-per-side", "--points-per-batch",
                "--pred-iou-thresh", "--stability-score-thresh", "--box-nms-thresh", "--min-mask-region-area",
                "--crop-layers");
        needs(upsampler, "--upsampler", "--upsampler-card");
        needs(anyModel() ? Path.of("any") : null, "--backbone, --sam-encoder or --upsampler", "--intra-op-threads",
                "--graph-optimization", "--device");
        Cli.atLeast(s, backboneInputSize, 1, "--backbone-input-size");
        Cli.atLeast(s, patchSize, 1, "--patch-size");
        Cli.atLeast(s, prefixTokens, 0, "--prefix-tokens");
        Cli.atLeast(s, backboneBatch, 1, "--backbone-batch");
        Cli.atLeast(s, pointsPerSide, 1, "--points-per-side");
        Cli.atLeast(s, pointsPerBatch, 1, "--points-per-batch");
        Cli.atLeast(s, minMaskRegionArea, 0, "--min-mask-region-area");
        Cli.atLeast(s, cropLayers, 0, "--crop-layers");
        Cli.atLeast(s, intraOpThreads, 0, "--intra-op-threads");
        unit(predIouThresh, "--pred-iou-thresh");
        unit(stabilityScoreThresh, "--stability-score-thresh");
        unit(boxNmsThresh, "--box-nms-thresh");
        choice();
        settings();
    }

    private void unit(Double v, String option) {
        Cli.require(spec, v == null || (v >= 0 && v <= 1), option + " must be in [0, 1], got " + v);
    }

    private void needs(Object model, String modelOption, String... options) {
        if (model != null || spec == null) {
            return;
        }
        for (String o : options) {
            if (spec.commandLine().getParseResult() != null
                    && spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw Cli.usage(spec, o + " needs " + modelOption + " (without a model it would be ignored)");
            }
        }
    }

    /** The models chosen; fails as a usage error when only one of the SAM pair is given. */
    public ModelChoice choice() {
        try {
            BackboneCard backboneFlags = BackboneCard.empty().withPreset(backbonePreset).withPatchSize(patchSize)
                    .withPrefixTokens(prefixTokens).withInputSize(backboneInputSize).withResize(backboneResize)
                    .withBatchSize(backboneBatch);
            SamCard samFlags = SamCard.empty().withPointsPerSide(pointsPerSide).withPointsPerBatch(pointsPerBatch)
                    .withPredIouThresh(predIouThresh).withStabilityScoreThresh(stabilityScoreThresh)
                    .withBoxNmsThresh(boxNmsThresh).withCropLayers(cropLayers).withMinMaskRegionArea(minMaskRegionArea);
            return new ModelChoice(backbone, backboneCard, backboneFlags, samEncoder, samDecoder, samCard, samFlags,
                    upsampler, upsamplerCard);
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
    }

    /** ONNX Runtime settings; fails as a usage error on an unknown level or device. */
    public OnnxSettings settings() {
        try {
            return new OnnxSettings(intraOpThreads, OnnxSettings.GraphOptimization.parse(graphOptimization),
                    OnnxSettings.Device.parse(device));
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
    }

    /** True when any stage gets an ONNX model. */
    public boolean anyModel() {
        return backbone != null || samEncoder != null || samDecoder != null || upsampler != null;
    }

    /**
     * The pipeline: ONNX stages where models are given, {@link Samlad#embeddedPipeline} for the rest. The caller owns
     * (and must close) the result. Unusable models fail with {@link io.samlad.util.InvalidInputException} naming the file.
     */
    public Pipeline createPipeline(SamladConfig config) {
        return OnnxPipelines.create(choice(), settings(), () -> Samlad.embeddedPipeline(config));
    }

    private RuntimeException usage(IllegalArgumentException e) {
        return spec == null ? e : new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
}
