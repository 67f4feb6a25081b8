package io.samlad.cli;

import io.samlad.Samlad;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladConfig;
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
            description = "backbone input: the shorter side (short-side resize) or both sides (stretch); default 448")
    Integer backboneInputSize;

    @Option(names = "--backbone-resize", paramLabel = "POLICY", description = "short-side (default) or stretch")
    String backboneResize;

    @Option(names = "--patch-size", paramLabel = "PIXELS", description = "ViT patch size (default 14)")
    Integer patchSize;

    @Option(names = "--prefix-tokens", paramLabel = "N",
            description = "tokens before the patch tokens: 1 (CLS) or 1 + registers; default: measured and checked")
    Integer prefixTokens;

    @Option(names = "--backbone-batch", paramLabel = "N", description = "images per backbone run at fit (default 8)")
    Integer backboneBatch;

    @Option(names = "--sam-encoder", paramLabel = "MODEL.onnx", description = "Segment Anything image encoder")
    Path samEncoder;

    @Option(names = "--sam-decoder", paramLabel = "MODEL.onnx",
            description = "Segment Anything decoder in the official ONNX export format")
    Path samDecoder;

    @Option(names = "--sam-card", paramLabel = "CARD.json",
            description = "SAM model card (default: ENCODER.card.json beside the encoder, if present)")
    Path samCard;

    @Option(names = "--points-per-side", paramLabel = "N", description = "SAM prompt grid (default 32)")
    Integer pointsPerSide;

    @Option(names = "--points-per-batch", paramLabel = "N", description = "prompts per decoder batch (default 64)")
    Integer pointsPerBatch;

    @Option(names = "--pred-iou-thresh", paramLabel = "T", description = "SAM predicted-IoU filter (default 0.88)")
    Double predIouThresh;

    @Option(names = "--stability-score-thresh", paramLabel = "T",
            description = "SAM stability-score filter (default 0.95)")
    Double stabilityScoreThresh;

    @Option(names = "--box-nms-thresh", paramLabel = "T", description = "SAM box NMS IoU (default 0.7)")
    Double boxNmsThresh;

    @Option(names = "--min-mask-region-area", paramLabel = "PIXELS",
            description = "fill holes and drop islands smaller than this (default 0: off)")
    Integer minMaskRegionArea;

    @Option(names = "--crop-layers", paramLabel = "N", description = "SAM crop layers (default 0)")
    Integer cropLayers;

    @Option(names = "--sam-mask-resolution", paramLabel = "RES",
            description = "judge SAM masks on the object grid (grid, default: fast) or at the image's pixels (image:"
                    + " Segment Anything's own generator)")
    String samMaskResolution;

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

    /** The models chosen; fails as a usage error when only one of the SAM pair is given. */
    public ModelChoice choice() {
        try {
            BackboneCard backboneFlags = new BackboneCard(backbonePreset, null, null, patchSize, prefixTokens, null,
                    backboneInputSize, null, null, backboneResize, null, null, null, backboneBatch);
            SamCard samFlags = new SamCard(null, null, null, null, null, null, pointsPerSide, pointsPerBatch,
                    predIouThresh, stabilityScoreThresh, null, null, boxNmsThresh, cropLayers, null, null, null,
                    minMaskRegionArea, samMaskResolution);
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
     * (and must close) the result. Unusable models fail with {@link io.samlad.InvalidInputException} naming the file.
     */
    public Pipeline createPipeline(SamladConfig config) {
        return OnnxPipelines.create(choice(), settings(), () -> Samlad.embeddedPipeline(config));
    }

    /**
     * Provenance of figures measured with {@code pipeline}: its identity (stage ids, with every model's SHA-256) and
     * each ONNX model with its file, SHA-256 and the card in effect ({@code models} is empty for the embedded
     * pipeline).
     */
    public com.fasterxml.jackson.databind.node.ObjectNode provenance(Pipeline pipeline) {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper()
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
        com.fasterxml.jackson.databind.node.ObjectNode o = m.createObjectNode();
        o.put("pipeline", pipeline.id());
        o.set("models", m.valueToTree(io.samlad.onnx.ModelProvenance.of(choice())));
        return o;
    }

    private RuntimeException usage(IllegalArgumentException e) {
        return spec == null ? e : new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
}
