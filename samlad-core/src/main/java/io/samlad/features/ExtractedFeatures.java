package io.samlad.features;

/**
 * What a backbone gives for one image: the patch feature map and a global descriptor used to retrieve the nearest
 * normal images (a CLS token for a ViT, pooled features otherwise).
 *
 * @param patches patch features, {@code C x h x w}
 * @param global  global descriptor, any length, compared by cosine similarity
 */
public record ExtractedFeatures(FeatureMap patches, float[] global) {
}
