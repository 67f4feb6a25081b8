package io.samlad.calibration;

/**
 * Two parts of one image that look as if they changed places: each lies nearer to the normal examples at the other's
 * place than to those at its own. Each part's IDENTITY z, read through IDENTITY's tail among normal images, gives a
 * tail probability; the two multiply ({@link FusionScales#swapSurprisal}). A swapped digit's partner is often written
 * plainly enough that its IDENTITY alone is unremarkable; the exchange is what makes the pair's two values one piece
 * of evidence.
 *
 * @param zFirst  the calibrated IDENTITY z of the pair's rarer part
 * @param zSecond the calibrated IDENTITY z of the other part
 * @param gain    the exchange gain that made the two a pair (the mean of the two shares by which each is nearer to
 *                the other's place, damped for small pieces), which {@link FusionScales#swapExchange} reads
 */
public record SwapPair(double zFirst, double zSecond, double gain) {
}
