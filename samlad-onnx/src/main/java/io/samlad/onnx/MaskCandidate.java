package io.samlad.onnx;

import java.util.BitSet;

/**
 * One mask produced by automatic mask generation, on the whole image's pixel grid.
 *
 * @param mask            pixel {@code y * width + x} set where the object is
 * @param box             bounding box (Segment Anything's convention, see {@link MaskBox})
 * @param predictedIou    the decoder's own estimate of the mask's quality
 * @param stabilityScore  see {@link StabilityScore}
 * @param pointX          the prompt point, image pixels
 * @param pointY          the prompt point, image pixels
 * @param crop            the crop it was found in
 */
public record MaskCandidate(BitSet mask, MaskBox box, double predictedIou, double stabilityScore, double pointX,
        double pointY, CropBox crop) {

    public int area() {
        return mask.cardinality();
    }
}
