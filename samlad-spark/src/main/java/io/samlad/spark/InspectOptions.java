package io.samlad.spark;

import java.io.Serializable;

/**
 * Options of {@link SamladSpark#inspect}.
 *
 * @param threshold decision threshold, or null for the bank's calibrated one
 * @param mapsDir   folder (local/shared path or Hadoop URI) to write each image's anomaly map to as a float32 TIFF, or
 *                  null for none; it must be writable from every executor
 * @param inputRoot the folder the images were listed under: a map's path below {@code mapsDir} is the image's path
 *                  below it (with {@code .tiff}); null, or an image outside it, uses the file name alone
 */
public record InspectOptions(Double threshold, String mapsDir, String inputRoot) implements Serializable {
    public static final InspectOptions DEFAULTS = new InspectOptions(null, null, null);

    public InspectOptions withMaps(String dir, String root) {
        return new InspectOptions(threshold, dir, root);
    }

    public InspectOptions withThreshold(Double t) {
        return new InspectOptions(t, mapsDir, inputRoot);
    }
}
