package io.samlad.onnx;

import io.samlad.detector.Pipeline;
import io.samlad.features.FeatureExtractor;
import io.samlad.segment.MaskGenerator;
import io.samlad.upsample.Upsampler;
import java.util.function.Supplier;

/**
 * Assembles a {@link Pipeline} from ONNX models where they are given and a fallback pipeline (the embedded
 * pure-Java stages) for the rest. Stages of the fallback that are not used are closed at once; on any failure every
 * stage opened so far is closed before the error propagates.
 */
public final class OnnxPipelines {
    private OnnxPipelines() {
    }

    public static Pipeline create(ModelChoice models, OnnxSettings settings, Supplier<Pipeline> fallback) {
        if (!models.any()) {
            return fallback.get();
        }
        return assemble(
                models.backbone() == null ? null : () -> OnnxModels.backbone(models.backbone(), models.backboneCard(),
                        models.backboneOverrides(), settings),
                models.samEncoder() == null ? null : () -> OnnxModels.sam(models.samEncoder(), models.samDecoder(),
                        models.samCard(), models.samOverrides(), settings),
                models.upsampler() == null ? null : () -> OnnxModels.upsampler(models.upsampler(),
                        models.upsamplerCard(), settings),
                fallback);
    }

    /**
     * A pipeline of the stages the openers give (a null opener keeps the fallback's stage), opened in order:
     * features, masks, upsampler. Used where the models are described otherwise than by a {@link ModelChoice}
     * (e.g. cards resolved on a Spark driver and opened on an executor).
     */
    public static Pipeline assemble(Supplier<? extends FeatureExtractor> featuresOpener,
            Supplier<? extends MaskGenerator> masksOpener, Supplier<? extends Upsampler> upsamplerOpener,
            Supplier<Pipeline> fallback) {
        FeatureExtractor features = null;
        MaskGenerator masks = null;
        Upsampler upsampler = null;
        try {
            if (featuresOpener != null) {
                features = featuresOpener.get();
            }
            if (masksOpener != null) {
                masks = masksOpener.get();
            }
            if (upsamplerOpener != null) {
                upsampler = upsamplerOpener.get();
            }
            if (features == null || masks == null || upsampler == null) {
                Pipeline base = fallback.get();
                features = take(features, base.features());
                masks = take(masks, base.masks());
                upsampler = take(upsampler, base.upsampler());
            }
            return new Pipeline(features, upsampler, masks);
        } catch (RuntimeException e) {
            closeAll(e, features, masks, upsampler);
            throw e;
        }
    }

    /** The ONNX stage if there is one (closing the unused default), else the default. */
    private static <T extends AutoCloseable> T take(T onnx, T fallback) {
        if (onnx == null) {
            return fallback;
        }
        try {
            fallback.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close unused default stage: " + e.getMessage(), e);
        }
        return onnx;
    }

    private static void closeAll(RuntimeException failure, AutoCloseable... stages) {
        for (AutoCloseable s : stages) {
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
