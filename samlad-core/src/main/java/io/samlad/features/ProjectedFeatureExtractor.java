package io.samlad.features;

import io.samlad.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A backbone whose patch features are projected to fewer channels ({@link ChannelProjection}) as they leave it; the
 * global descriptor stays the backbone's own (retrieval compares whole images and costs little). A view: it neither
 * owns nor closes the backbone, and its {@link #id()} is the backbone's (the bank records the projection itself).
 */
public final class ProjectedFeatureExtractor implements FeatureExtractor {
    private final FeatureExtractor backbone;
    private final ChannelProjection projection;

    public ProjectedFeatureExtractor(FeatureExtractor backbone, ChannelProjection projection) {
        this.backbone = backbone;
        this.projection = projection;
    }

    @Override
    public ExtractedFeatures extract(RgbImage image) {
        return project(backbone.extract(image));
    }

    @Override
    public List<ExtractedFeatures> extractAll(List<RgbImage> images) {
        List<ExtractedFeatures> out = new ArrayList<>(images.size());
        for (ExtractedFeatures f : backbone.extractAll(images)) {
            out.add(project(f));
        }
        return out;
    }

    private ExtractedFeatures project(ExtractedFeatures f) {
        return new ExtractedFeatures(projection.apply(f.patches()), f.global());
    }

    @Override
    public String id() {
        return backbone.id();
    }

    /** Does nothing: the backbone belongs to whoever made this view. */
    @Override
    public void close() {
    }
}
