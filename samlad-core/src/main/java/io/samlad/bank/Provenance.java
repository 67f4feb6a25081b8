package io.samlad.bank;

/**
 * Where a bank came from, saved with it so that a result can be traced and reproduced.
 *
 * @param toolVersion       samlad version that fitted the bank
 * @param createdAt         ISO-8601 instant
 * @param imageCount        number of normal images in the bank
 * @param imageListSha256   hash of the sorted list of image file names and sizes
 * @param calibration       how scores were calibrated (e.g. "validation: 35 images", "leave-one-out: 40 images")
 * @param javaVersion       JVM that fitted it
 */
public record Provenance(String toolVersion, String createdAt, int imageCount, String imageListSha256,
        String calibration, String javaVersion) {
}
