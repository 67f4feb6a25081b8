package io.samlad.calibration;

/**
 * A part whose mirror image the normal examples at its place hold better than the part itself: a digit turned over.
 * Its share is how much nearer, as a fraction of its own distance; normal parts almost never have any, so how rarely
 * normal images reach the share is sharper evidence than the part's IDENTITY value, in which the share is one term
 * among the heavy-tailed others ({@link FusionScales#mirrorSurprisal}).
 *
 * @param z     the part's calibrated IDENTITY z
 * @param share {@code max(0, 1 - d_D^mirror / d_D)}, damped for small pieces (0: no mirror evidence)
 */
public record MirrorPart(double z, double share) {
}
