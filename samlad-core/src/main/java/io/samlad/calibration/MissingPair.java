package io.samlad.calibration;

/**
 * One missing object found twice: the matching's MISSING z for a reference object that no query object matched, and
 * the reverse patch map's PATCH z inside it (the reference's strokes the query lacks there). Each read through its
 * own measure's tail among normal images, the two tail probabilities multiply ({@link FusionScales}); where the bank
 * judges the place too, so does the tail probability of the query's emptiness there.
 *
 * @param zMissing  the candidate's calibrated MISSING z
 * @param zPatch    the largest calibrated reverse-map z inside it
 * @param emptiness how empty the query is where the reference object lies, in [0, 1] (1: nothing there but the
 *                  query's background); NaN where not measured
 */
public record MissingPair(double zMissing, double zPatch, double emptiness) {
    /** A pair whose place was not judged. */
    public MissingPair(double zMissing, double zPatch) {
        this(zMissing, zPatch, Double.NaN);
    }
}
