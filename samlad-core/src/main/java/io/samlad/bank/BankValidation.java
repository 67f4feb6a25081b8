package io.samlad.bank;

import io.samlad.config.SamladConfig;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.calibration.PatchNoise;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Checks every field of a bank file's content as it is decoded, so that a bank that passes its checksum but holds
 * nonsense (edited by hand, written by a broken tool) is refused on load with one line saying which field is wrong,
 * rather than failing later, inside a prediction, with an exception. Counts are also checked against the bytes left,
 * so that no count can make the reader allocate more than the file could hold.
 */
final class BankValidation {
    /** Largest scene side (working size) and object-grid area a bank may state. */
    static final int MAX_SIDE = 1 << 16;
    static final long MAX_GRID_CELLS = 1L << 26;

    private BankValidation() {
    }

    /** A field that is wrong; the codec reports it as a damaged bank. */
    static final class Invalid extends IOException {
        Invalid(String message) {
            super(message);
        }
    }

    static void require(boolean ok, String problem) throws Invalid {
        if (!ok) {
            throw new Invalid(problem);
        }
    }

    static void header(BankCodec.Header h) throws Invalid {
        require(h != null, "empty header");
        config(h.config());
        require(h.pipelineId() != null && !h.pipelineId().isBlank(), "header field 'pipelineId' is missing");
        provenance(h.provenance());
        calibration(h.calibration());
        require(h.names() != null, "header field 'names' is missing");
        for (String n : h.names()) {
            require(n != null, "header field 'names' holds a null name");
        }
        require(h.quantMin() != null && h.quantMax() != null, "header fields 'quantMin'/'quantMax' are missing");
        require(h.quantMin().length > 0 && h.quantMin().length == h.quantMax().length,
                "header fields 'quantMin' and 'quantMax' differ in length or are empty");
        for (int i = 0; i < h.quantMin().length; i++) {
            require(Float.isFinite(h.quantMin()[i]) && Float.isFinite(h.quantMax()[i])
                    && h.quantMin()[i] <= h.quantMax()[i], "header field 'quantMin'/'quantMax' channel " + i
                    + " is not a finite range");
        }
    }

    private static void config(SamladConfig c) throws Invalid {
        require(c != null, "header field 'config' is missing");
        require(c.kind() != null, "header field 'config.kind' is missing");
        require(c.segmentation() != null, "header field 'config.segmentation' is missing");
        require(c.upsampling() != null, "header field 'config.upsampling' is missing");
        require(c.encoding() != null, "header field 'config.encoding' is missing");
        require(c.matching() != null, "header field 'config.matching' is missing");
        require(c.measuring() != null, "header field 'config.measuring' is missing");
        require(c.thresholding() != null, "header field 'config.thresholding' is missing");
        require(c.identity() != null, "header field 'config.identity' is missing");
        require(c.projection() != null, "header field 'config.projection' is missing");
        require(c.stability() != null, "header field 'config.stability' is missing");
    }

    private static void provenance(Provenance p) throws Invalid {
        require(p != null, "header field 'provenance' is missing");
        require(p.toolVersion() != null, "header field 'provenance.toolVersion' is missing");
        require(p.createdAt() != null, "header field 'provenance.createdAt' is missing");
        require(p.imageCount() > 0, "header field 'provenance.imageCount' is not positive");
    }

    private static void calibration(Calibration c) throws Invalid {
        require(c != null, "header field 'calibration' is missing");
        for (Map.Entry<Measure, Double> e : c.location().entrySet()) {
            require(e.getKey() != null && e.getValue() != null && Double.isFinite(e.getValue()),
                    "header field 'calibration.location' has a missing or non-finite value");
        }
        for (Map.Entry<Measure, Double> e : c.scale().entrySet()) {
            require(e.getKey() != null && e.getValue() != null && Double.isFinite(e.getValue()) && e.getValue() > 0,
                    "header field 'calibration.scale' has a missing, non-finite or non-positive value");
        }
        require(!Double.isNaN(c.threshold()), "header field 'calibration.threshold' is not a number");
        require(c.normalScores() != null, "header field 'calibration.normalScores' is missing");
        noise(c.patchNoise(), "patchNoise");
        noise(c.bankNoise(), "bankNoise");
    }

    private static void noise(PatchNoise n, String field) throws Invalid {
        if (n == null) {
            return; // optional: absent where positions do not correspond
        }
        String f = "header field 'calibration." + field + "'";
        require(n.width() > 0 && n.height() > 0 && (long) n.width() * n.height() <= MAX_GRID_CELLS,
                f + " has a bad grid size");
        require(n.mean() != null && n.scale() != null && n.mean().length == n.width() * n.height()
                && n.scale().length == n.mean().length, f + " does not match its grid size");
        for (int i = 0; i < n.mean().length; i++) {
            require(Float.isFinite(n.mean()[i]) && Float.isFinite(n.scale()[i]) && n.scale()[i] > 0,
                    f + " holds a non-finite or non-positive value");
        }
    }

    /** A count read from the file, that must fit in the bytes left when each item takes at least minBytes. */
    static int count(int n, long bytesLeft, int minBytes, String what) throws Invalid {
        // the message is built only for a failure: a bank reads counts and values by the million
        if (n < 0 || (long) n * minBytes > bytesLeft) {
            throw new Invalid(what + " count " + n + " does not fit in the file");
        }
        return n;
    }

    static void sceneCount(int n, int names, int imageCount) throws Invalid {
        require(n > 0, "no scenes");
        require(n == names, n + " scenes but " + names + " names");
        require(n == imageCount, n + " scenes but the provenance says " + imageCount + " images");
    }

    static void side(int w, int h, String what) throws Invalid {
        if (!(w > 0 && h > 0 && w <= MAX_SIDE && h <= MAX_SIDE)) {
            throw new Invalid(what + " size " + w + "x" + h + " is implausible");
        }
    }

    static void finite(float[] v, String what) throws Invalid {
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new Invalid(what + " holds a non-finite value");
            }
        }
    }

    /** Every scene's global descriptor has one length; every object's mean feature another; covariances fit them. */
    static void shapes(List<float[]> globals, List<float[]> means, List<float[]> covariances) throws Invalid {
        for (float[] g : globals) {
            require(g.length > 0 && g.length == globals.get(0).length, "global descriptors differ in length");
        }
        for (int i = 0; i < means.size(); i++) {
            int c = means.get(0).length;
            require(c > 0 && means.get(i).length == c, "object features differ in length");
            int k = covariances.get(i).length;
            require(k == 0 || k == c || k == c * c, "object covariance of " + k + " values for " + c + " channels");
        }
    }
}
