package io.samlad.spark;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.detector.Pipeline;
import io.samlad.onnx.BackboneCard;
import io.samlad.onnx.ModelCards;
import io.samlad.onnx.ModelChoice;
import io.samlad.onnx.OnnxModels;
import io.samlad.onnx.OnnxPipelines;
import io.samlad.onnx.OnnxSettings;
import io.samlad.onnx.SamCard;
import io.samlad.onnx.Sha256;
import io.samlad.onnx.UpsamplerCard;
import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

/**
 * The ONNX models of a Spark job, small enough to ship in every task: each model's path as the driver sees it, its
 * card resolved on the driver (card file, then command-line overrides: executors need no card files) and a key over
 * the models' SHA-256s, cards and ONNX Runtime settings. An executor opens a model from {@code SparkFiles} when a file
 * of that name was shipped ({@code spark-submit --files}, or {@code SparkContext.addFile}), else at the same path
 * (a file system every executor reads). A stage without a model keeps the embedded pure-Java default.
 *
 * @param key the executors' cache key: SHA-256 over the models' SHA-256s, the resolved cards and the settings
 */
public record SparkModels(String backbone, BackboneCard backboneCard, String samEncoder, String samDecoder,
        SamCard samCard, String upsampler, UpsamplerCard upsamplerCard, OnnxSettings settings, String key)
        implements Serializable {

    /**
     * Reads the cards and hashes the models on the driver; a missing model or card fails here, naming the file,
     * before any task.
     */
    public static SparkModels of(ModelChoice choice, OnnxSettings settings) {
        BackboneCard bc = choice.backbone() == null ? null : ModelCards.find(existing(choice.backbone()),
                choice.backboneCard(), BackboneCard.class).orElse(BackboneCard.empty())
                .overriddenBy(choice.backboneOverrides());
        SamCard sc = choice.samEncoder() == null ? null : ModelCards.find(existing(choice.samEncoder()),
                choice.samCard(), SamCard.class).orElse(SamCard.empty()).overriddenBy(choice.samOverrides());
        UpsamplerCard uc = choice.upsampler() == null ? null : ModelCards.find(existing(choice.upsampler()),
                choice.upsamplerCard(), UpsamplerCard.class).orElse(UpsamplerCard.empty());
        StringBuilder id = new StringBuilder();
        for (Path p : new Path[] {choice.backbone(), choice.samEncoder(), existingOrNull(choice.samDecoder()),
                choice.upsampler()}) {
            id.append(p == null ? "-" : sha256(p)).append('|');
        }
        id.append(bc).append('|').append(sc).append('|').append(uc).append('|').append(settings);
        return new SparkModels(text(choice.backbone()), bc, text(choice.samEncoder()), text(choice.samDecoder()), sc,
                text(choice.upsampler()), uc, settings,
                BankSource.sha256(id.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The pipeline these models give with {@code config}'s embedded stages for the rest; {@code models} null: the
     * embedded pipeline alone.
     */
    static Pipeline open(SparkModels models, SamladConfig config) {
        if (models == null) {
            return Samlad.embeddedPipeline(config);
        }
        return OnnxPipelines.assemble(
                models.backbone == null ? null
                        : () -> OnnxModels.backbone(local(models.backbone), models.backboneCard, models.settings),
                models.samEncoder == null ? null : () -> OnnxModels.sam(local(models.samEncoder),
                        local(models.samDecoder), models.samCard, models.settings),
                models.upsampler == null ? null : () -> OnnxModels.upsamplerWithCard(local(models.upsampler),
                        models.upsamplerCard, models.settings),
                () -> Samlad.embeddedPipeline(config));
    }

    /** The cache key of {@code models}' pipeline ("embedded" for none). */
    static String keyOf(SparkModels models) {
        return models == null ? "embedded" : models.key;
    }

    /** The shipped copy ({@code --files}) if this JVM has one, else the path as the driver gave it. */
    static Path local(String driverPath) {
        Path given = Path.of(driverPath);
        try {
            Path shipped = Path.of(org.apache.spark.SparkFiles.get(given.getFileName().toString()));
            if (Files.isRegularFile(shipped)) {
                return shipped;
            }
        } catch (RuntimeException e) { // no SparkEnv (outside a Spark JVM): the path as given
        }
        return given;
    }

    private static Path existing(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException(model, "no such model file");
        }
        return model;
    }

    private static Path existingOrNull(Path model) {
        return model == null ? null : existing(model);
    }

    private static String sha256(Path model) {
        try {
            return Sha256.of(existing(model));
        } catch (IOException e) {
            throw new InvalidInputException(model, "cannot read model file: " + ImageBytes.oneLine(e), e);
        }
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }
}
