package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.PatchNoise;
import io.samlad.image.FloatMap;

/**
 * The two directions of nearest-reference patch distances (see {@link PatchDistances#between}), on the patch grid.
 * A value: every method returns new maps and leaves these as they are.
 *
 * @param forward query to references: what the query has that no reference explains
 * @param reverse references to query: what most references have that the query lacks
 */
public record PatchMaps(FloatMap forward, FloatMap reverse) {

    /** Cell-wise maximum of the two directions. */
    public FloatMap combined() {
        float[] f = forward.data();
        float[] r = reverse.data();
        float[] out = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.max(f[i], r[i]);
        }
        return new FloatMap(forward.width(), forward.height(), out);
    }

    /** Both maps smoothed with a Gaussian of {@code sigma} patches. */
    public PatchMaps smoothed(double sigma) {
        return new PatchMaps(PatchDistances.smoothed(forward, sigma), PatchDistances.smoothed(reverse, sigma));
    }

    /** Both maps normalised by the bank's per-position noise model, if it has one. */
    public PatchMaps normalised(TemplateBank bank) {
        PatchNoise noise = bank.calibration().patchNoise();
        return noise == null ? this : new PatchMaps(noise.apply(forward), noise.apply(reverse));
    }
}
