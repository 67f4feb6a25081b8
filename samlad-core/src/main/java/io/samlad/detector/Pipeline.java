package io.samlad.detector;

import io.samlad.config.SamladConfig;
import io.samlad.features.ChannelProjection;
import io.samlad.features.FeatureExtractor;
import io.samlad.features.ProjectedFeatureExtractor;
import io.samlad.objects.SceneAnalyzer;
import io.samlad.segment.MaskGenerator;
import io.samlad.upsample.Upsampler;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The three model-backed stages a detector runs on every image: a backbone, an upsampler and a mask generator.
 * Owns them: closing the pipeline closes the stages (ONNX sessions, native memory).
 */
public final class Pipeline implements AutoCloseable {
    private final FeatureExtractor features;
    private final Upsampler upsampler;
    private final MaskGenerator masks;
    private final boolean overlapMasks;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Pipeline(FeatureExtractor features, Upsampler upsampler, MaskGenerator masks) {
        this(features, upsampler, masks, false);
    }

    /**
     * @param overlapMasks whether one image's masks may be generated on an idle core while its features are
     *                     extracted and upsampled (single-stream latency; a batch that keeps every core busy runs
     *                     them in line, see {@link io.samlad.util.SideWork}). Worth it for pure-Java stages; model
     *                     runtimes that spread one call over every core gain nothing from it.
     */
    public Pipeline(FeatureExtractor features, Upsampler upsampler, MaskGenerator masks, boolean overlapMasks) {
        this.overlapMasks = overlapMasks;
        this.features = Objects.requireNonNull(features, "features");
        this.upsampler = Objects.requireNonNull(upsampler, "upsampler");
        this.masks = Objects.requireNonNull(masks, "masks");
    }

    public FeatureExtractor features() {
        return features;
    }

    public Upsampler upsampler() {
        return upsampler;
    }

    public MaskGenerator masks() {
        return masks;
    }

    /**
     * Stages 1, 3 and 4 for one image with these stages.
     *
     * @param objects whether to generate masks and objects (the patch-knn baseline needs none)
     */
    public SceneAnalyzer analyzer(SamladConfig config, boolean objects) {
        return analyzer(config, objects, null);
    }

    /**
     * As {@link #analyzer(SamladConfig, boolean)}, with the backbone's patch features projected by {@code projection}
     * (a bank's, see {@link io.samlad.bank.TemplateBank#projection()}) right after extraction; null for none.
     */
    public SceneAnalyzer analyzer(SamladConfig config, boolean objects, ChannelProjection projection) {
        if (projection == null) {
            return new SceneAnalyzer(features, upsampler, masks, config, objects, overlapMasks, null);
        }
        // before upsampling when that gives the same result (the joint bilateral upsampler), at the lower cost;
        // a model upsampler needs the channels it was trained on, so the projection follows it
        return upsampler.commutesWithChannelMaps()
                ? new SceneAnalyzer(new ProjectedFeatureExtractor(features, projection), upsampler, masks, config,
                        objects, overlapMasks, null)
                : new SceneAnalyzer(features, upsampler, masks, config, objects, overlapMasks, projection);
    }

    /** Identity of the three stages, stored in a bank and checked on load. */
    public String id() {
        return "features=" + features.id() + ";upsampler=" + upsampler.id() + ";masks=" + masks.id();
    }

    /** Closes the three stages, once: closing again does nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try (features; upsampler; masks) {
            // try-with-resources closes all three even if one fails
        }
    }
}
