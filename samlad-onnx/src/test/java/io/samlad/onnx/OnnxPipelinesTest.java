package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.detector.Pipeline;
import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.segment.MaskGenerator;
import io.samlad.segment.ObjectMask;
import io.samlad.upsample.Upsampler;
import io.samlad.util.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxPipelinesTest {
    final List<String> closed = new ArrayList<>();

    /** Stand-ins for the embedded stages that only record being closed. */
    Pipeline fallback() {
        FeatureExtractor f = new FeatureExtractor() {
            public ExtractedFeatures extract(RgbImage image) {
                throw new UnsupportedOperationException();
            }

            public String id() {
                return "java-features";
            }

            public void close() {
                closed.add("features");
            }
        };
        Upsampler u = new Upsampler() {
            public FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height) {
                throw new UnsupportedOperationException();
            }

            public String id() {
                return "java-upsampler";
            }

            public void close() {
                closed.add("upsampler");
            }
        };
        MaskGenerator m = new MaskGenerator() {
            public List<ObjectMask> generate(RgbImage image, int gridWidth, int gridHeight) {
                throw new UnsupportedOperationException();
            }

            public String id() {
                return "java-masks";
            }

            public void close() {
                closed.add("masks");
            }
        };
        return new Pipeline(f, u, m);
    }

    static SamCard pps(int n) {
        return SamCard.empty().withPointsPerSide(n);
    }

    static BackboneCard size(int s) {
        return BackboneCard.empty().withInputSize(s);
    }

    @Test
    void givenModelsReplaceTheirStagesAndUnusedDefaultsAreClosed() {
        ModelChoice onlyBackbone = new ModelChoice(TinyModels.VIT_CLS, null, size(28), null, null, null, null, null,
                null);
        try (Pipeline p = OnnxPipelines.create(onlyBackbone, TinyModels.CPU, this::fallback)) {
            assertThat(p.features()).isInstanceOf(OnnxFeatureExtractor.class);
            assertThat(p.upsampler().id()).isEqualTo("java-upsampler");
            assertThat(p.masks().id()).isEqualTo("java-masks");
            assertThat(closed).containsExactly("features");
            assertThat(p.id()).contains("onnx-backbone[sha256=").contains("upsampler=java-upsampler");
        }
        assertThat(closed).containsExactlyInAnyOrder("features", "upsampler", "masks");
    }

    @Test
    void noModelsMeansTheDefaultPipeline() {
        Pipeline p = OnnxPipelines.create(ModelChoice.none(), TinyModels.CPU, this::fallback);
        assertThat(p.id()).isEqualTo("features=java-features;upsampler=java-upsampler;masks=java-masks");
    }

    @Test
    void aFailingModelClosesWhatWasOpened() {
        ModelChoice badSam = new ModelChoice(TinyModels.VIT_CLS, null, size(28), TinyModels.SAM_ENCODER,
                TinyModels.CNN, null, null, null, null);
        assertThatThrownBy(() -> OnnxPipelines.create(badSam, TinyModels.CPU, this::fallback))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'sam-decoder'");
        assertThat(closed).isEmpty();   // the fallback was never built
        assertThatThrownBy(() -> new ModelChoice(null, null, null, TinyModels.SAM_ENCODER, null, null, null, null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
    }

    @Test
    void allThreeOnnxStagesRunOneImageThroughThePipeline() {
        ModelChoice all = new ModelChoice(TinyModels.VIT_CLS, null, size(28), TinyModels.SAM_ENCODER,
                TinyModels.SAM_DECODER_SINGLE_BATCHED, null, pps(4), TinyModels.UPSAMPLER, null);
        try (Pipeline p = OnnxPipelines.create(all, TinyModels.CPU, () -> {
            throw new AssertionError("no fallback needed");
        })) {
            RgbImage img = OnnxSamTest.grey(64, 64);
            ExtractedFeatures f = p.features().extract(img);
            assertThat(f.patches().width()).isEqualTo(2);
            FeatureMap fine = p.upsampler().upsample(f.patches(), img, 16, 16);
            assertThat(fine.width()).isEqualTo(16);
            assertThat(fine.channels()).isEqualTo(384);
            List<ObjectMask> masks = p.masks().generate(img, 32, 32);
            assertThat(masks).hasSize(4);
            assertThat(p.id()).contains("onnx-backbone").contains("onnx-upsampler").contains("sam-onnx");
        }
    }
}
