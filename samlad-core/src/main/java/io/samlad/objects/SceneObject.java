package io.samlad.objects;

import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;

/**
 * One object of an image as the method sees it: its mask on the object grid, the mean of the upsampled features
 * inside it, and the Gaussian of those features (for the structural measure).
 *
 * @param mask        the object's mask on the object grid
 * @param meanFeature mean upsampled feature vector inside the mask, length C
 * @param covariance  shrunk covariance of the features inside the mask: full, or only its diagonal for features
 *                    wider than {@link #FULL_COVARIANCE_MAX_CHANNELS} channels; none for a query's objects
 * @param appearance  the object's shape independent of position and size ({@link AppearanceDescriptor}), or an
 *                    empty array where none was computed (banks of format 1)
 * @param form        the object's size, shape and colour on the working image's pixels ({@link ObjectForm}), or
 *                    {@link ObjectForm#NONE} where none was computed (banks written before it)
 */
public record SceneObject(ObjectMask mask, float[] meanFeature, Covariance covariance, float[] appearance,
        ObjectForm form) {
    public SceneObject {
        form = form == null ? ObjectForm.NONE : form;
    }

    /** An object without a measured form. */
    public SceneObject(ObjectMask mask, float[] meanFeature, Covariance covariance, float[] appearance) {
        this(mask, meanFeature, covariance, appearance, ObjectForm.NONE);
    }

    /** An object without an appearance descriptor. */
    public SceneObject(ObjectMask mask, float[] meanFeature, Covariance covariance) {
        this(mask, meanFeature, covariance, new float[0]);
    }

    /**
     * Wider features (a ViT's 384 or 768 channels) keep only the diagonal: a full matrix would cost C^2 floats per
     * object in the bank (2.4 MB per object at 768 channels) and C^3 per query object to factor.
     */
    public static final int FULL_COVARIANCE_MAX_CHANNELS = 64;

    public int channels() {
        return meanFeature.length;
    }

    /** Bounding-box fill ratio: 1 for a rectangle, about 0.785 for a disc; a cheap shape cue. */
    public double fillRatio() {
        int bw = mask.maxX() - mask.minX() + 1;
        int bh = mask.maxY() - mask.minY() + 1;
        return mask.area() / (double) Math.max(1, bw * bh);
    }

    /** log(width / height) of the bounding box, in image-relative units. */
    public double logAspect() {
        double bw = (mask.maxX() - mask.minX() + 1) / (double) mask.width();
        double bh = (mask.maxY() - mask.minY() + 1) / (double) mask.height();
        return Math.log(bw / bh);
    }
}
