package io.samlad.upsample;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;

/**
 * Joint bilateral upsampling (Kopf et al. 2007; the operator FeatUp's JBU learns): each fine cell p takes a weighted
 * mean of the coarse feature vectors q around it,
 * {@code f(p) = sum_q F(q) exp(-|p/s - q|^2 / 2 sigma_s^2) exp(-|I(p) - I(q)|^2 / 2 sigma_r^2) / Z},
 * where positions are in coarse-grid units, {@code I(p)} is the guide colour at the fine cell and {@code I(q)} the mean
 * guide colour of the coarse cell. Features thus follow the image's edges instead of bleeding across them.
 */
public final class JointBilateralUpsampler implements Upsampler {
    private final int radius;
    private final double spatialSigma;
    private final double rangeSigma;

    /**
     * @param radius       neighbourhood radius in coarse cells
     * @param spatialSigma spatial sigma in coarse cells
     * @param rangeSigma   colour sigma (RGB in [0, 1])
     */
    public JointBilateralUpsampler(int radius, double spatialSigma, double rangeSigma) {
        this.radius = radius;
        this.spatialSigma = spatialSigma;
        this.rangeSigma = rangeSigma;
    }

    @Override
    public String id() {
        return "jbu(r=" + radius + ",s=" + spatialSigma + ",c=" + rangeSigma + ")";
    }

    @Override
    public FeatureMap upsample(FeatureMap coarse, RgbImage guide, int width, int height) {
        int cw = coarse.width();
        int ch = coarse.height();
        int c = coarse.channels();
        float[] fine = guide.resize(width, height).planar();
        float[] cell = guide.resize(cw, ch).planar();
        int fn = width * height;
        int cn = cw * ch;
        float[] src = coarse.data();
        float[] out = new float[fn * c];
        double inv2s = 1.0 / (2 * spatialSigma * spatialSigma);
        double inv2r = 1.0 / (2 * rangeSigma * rangeSigma);
        // Range weights are exp(-d^2 inv2r) for d^2 in [0, 3]; a table avoids an exp per tap.
        int lutSize = 1024;
        float[] lut = new float[lutSize + 1];
        for (int i = 0; i <= lutSize; i++) {
            lut[i] = (float) Math.exp(-(3.0 * i / lutSize) * inv2r);
        }
        float lutScale = lutSize / 3f;
        double sx = cw / (double) width;
        double sy = ch / (double) height;
        float[] acc = new float[c];
        for (int y = 0; y < height; y++) {
            double qy = (y + 0.5) * sy - 0.5;
            int cy = (int) Math.round(qy);
            for (int x = 0; x < width; x++) {
                double qx = (x + 0.5) * sx - 0.5;
                int cx = (int) Math.round(qx);
                int p = y * width + x;
                float pr = fine[p];
                float pg = fine[fn + p];
                float pb = fine[2 * fn + p];
                java.util.Arrays.fill(acc, 0f);
                float z = 0;
                for (int ny = Math.max(0, cy - radius); ny <= Math.min(ch - 1, cy + radius); ny++) {
                    double dy = ny - qy;
                    for (int nx = Math.max(0, cx - radius); nx <= Math.min(cw - 1, cx + radius); nx++) {
                        double dx = nx - qx;
                        int q = ny * cw + nx;
                        float dr = pr - cell[q];
                        float dg = pg - cell[cn + q];
                        float db = pb - cell[2 * cn + q];
                        float d2 = Math.min(3f, dr * dr + dg * dg + db * db);
                        float wgt = (float) Math.exp(-(dx * dx + dy * dy) * inv2s) * lut[(int) (d2 * lutScale)];
                        int so = q * c;
                        for (int k = 0; k < c; k++) {
                            acc[k] += wgt * src[so + k];
                        }
                        z += wgt;
                    }
                }
                int o = p * c;
                float inv = z > 0 ? 1f / z : 0f;
                for (int k = 0; k < c; k++) {
                    out[o + k] = acc[k] * inv;
                }
            }
        }
        return new FeatureMap(c, width, height, out);
    }
}
