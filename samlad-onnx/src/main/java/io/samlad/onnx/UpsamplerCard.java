package io.samlad.onnx;

import java.util.List;

/**
 * Model card of a FeatUp-style upsampler (JSON beside the model or given with {@code --upsampler-card}).
 *
 * @param featuresInput  name of the low-resolution features input (default: the input that is not the image)
 * @param imageInput     name of the guidance image input (default: {@code image}, {@code guidance}, or the only
 *                       input with 3 fixed channels)
 * @param output         output name (default: the only output)
 * @param guideCellSize  when the model leaves the image size free, the image is resized to this many pixels per
 *                       low-resolution cell (14: the backbone's patch size, FeatUp's convention)
 * @param pixelRange     1 or 255: the scale of mean and std (1)
 * @param mean           per-channel mean of the guidance image (ImageNet's, as FeatUp normalises it)
 * @param std            per-channel std (ImageNet's)
 */
public record UpsamplerCard(String featuresInput, String imageInput, String output, Integer guideCellSize,
        Double pixelRange, List<Double> mean, List<Double> std) implements java.io.Serializable {

    public static UpsamplerCard empty() {
        return new UpsamplerCard(null, null, null, null, null, null, null);
    }

    public Normalization normalization() {
        Normalization d = Normalization.IMAGENET;
        return new Normalization(pixelRange == null ? d.range() : pixelRange,
                mean == null ? d.mean() : SamCard.toArray(mean), std == null ? d.std() : SamCard.toArray(std));
    }
}
