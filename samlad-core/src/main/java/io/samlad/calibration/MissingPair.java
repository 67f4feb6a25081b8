package io.samlad.calibration;

/**
 * One missing object found twice: the matching's MISSING z for a reference object that no query object matched, and
 * the reverse patch map's PATCH z inside it (the reference's strokes the query lacks there). Each read through its
 * own measure's tail among normal images, the two tail probabilities multiply ({@link FusionScales}).
 *
 * @param zMissing the candidate's calibrated MISSING z
 * @param zPatch   the largest calibrated reverse-map z inside the candidate's mask
 */
public record MissingPair(double zMissing, double zPatch) {
}
