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
 * @param findings          what the fit-time sanity checks found (outliers, odd sizes, validation images that are
 *                          training images), one line each; empty when nothing (banks of before the checks have
 *                          none)
 * @param projection        how the patch features were projected after extraction (channels, share of variance
 *                          kept, what it was fitted on), or null when they were not
 */
public record Provenance(String toolVersion, String createdAt, int imageCount, String imageListSha256,
        String calibration, String javaVersion, java.util.List<String> findings, String projection) {
    public Provenance {
        findings = findings == null ? java.util.List.of() : java.util.List.copyOf(findings);
    }

    public Provenance(String toolVersion, String createdAt, int imageCount, String imageListSha256,
            String calibration, String javaVersion, java.util.List<String> findings) {
        this(toolVersion, createdAt, imageCount, imageListSha256, calibration, javaVersion, findings, null);
    }

    public Provenance(String toolVersion, String createdAt, int imageCount, String imageListSha256,
            String calibration, String javaVersion) {
        this(toolVersion, createdAt, imageCount, imageListSha256, calibration, javaVersion, java.util.List.of());
    }

    public Provenance withFindings(java.util.List<String> f) {
        return new Provenance(toolVersion, createdAt, imageCount, imageListSha256, calibration, javaVersion, f,
                projection);
    }

    public Provenance withProjection(String p) {
        return new Provenance(toolVersion, createdAt, imageCount, imageListSha256, calibration, javaVersion, findings,
                p);
    }
}
