package io.samlad.eval.metrics;

import io.samlad.segment.ConnectedComponents;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * MVTec AD's per-region overlap (PRO) curve: regions are the 8-connected components of each ground-truth mask,
 * PRO is the mean over regions of the detected share of the region, plotted against the FPR over every pixel
 * outside the masks. This is the sPRO sweep with each region saturating only at its full area.
 */
public final class Pro {
    private Pro() {
    }

    /** One test image: its scores, row-major, and where its defects are (empty for a normal image). */
    public record Image(float[] scores, int width, BitSet defects) {
        public Image {
            if (width <= 0 || scores.length % width != 0) {
                throw new IllegalArgumentException("scores do not form rows of width " + width);
            }
            if (defects.length() > scores.length) {
                throw new IllegalArgumentException("defect mask larger than the score map");
            }
        }

        int height() {
            return scores.length / width;
        }
    }

    /** The PRO curve and its normalised areas up to {@code limits}; needs at least one region and one normal pixel. */
    public static Spro.Result evaluate(List<Image> images, double[] limits, double plotTolerance) {
        int okCount = 0;
        for (Image im : images) {
            okCount += im.scores().length - im.defects().cardinality();
        }
        float[] ok = new float[okCount];
        List<float[]> regions = new ArrayList<>();
        int k = 0;
        for (Image im : images) {
            float[] s = im.scores();
            for (int p = 0; p < s.length; p++) {
                if (!im.defects().get(p)) {
                    ok[k++] = s[p];
                }
            }
            for (int[] component : ConnectedComponents.of(im.defects(), im.width(), im.height())) {
                float[] r = new float[component.length];
                for (int q = 0; q < component.length; q++) {
                    r[q] = s[component[q]];
                }
                regions.add(r);
            }
        }
        double[] saturation = new double[regions.size()];
        for (int r = 0; r < saturation.length; r++) {
            saturation[r] = regions.get(r).length;
        }
        return Spro.evaluate(ok, regions.toArray(new float[0][]), saturation, limits, plotTolerance);
    }
}
