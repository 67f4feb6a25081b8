package io.samlad.bench;

import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;

/**
 * The kernels as they were before they were made faster (samlad-core at commit e7a763d), kept verbatim in spirit
 * and deliberately naive: the oracle the fast versions must reproduce. Do not optimise this file.
 */
final class ReferenceKernels {
    private ReferenceKernels() {
    }

    /** Resampling.resize: per-position tap arrays, columns walked one by one. */
    static float[] resize(float[] src, int offset, int w, int h, int nw, int nh) {
        float[] rows = resizeAxis(src, offset, w, h, nw, true);
        return resizeAxis(rows, 0, nw, h, nh, false);
    }

    private static float[] resizeAxis(float[] src, int offset, int w, int h, int n, boolean horizontal) {
        int len = horizontal ? w : h;
        int lines = horizontal ? h : w;
        float[] out = new float[horizontal ? n * h : w * n];
        if (n == len) {
            System.arraycopy(src, offset, out, 0, w * h);
            return out;
        }
        int[][] idx = new int[n][];
        float[][] wt = new float[n][];
        double scale = (double) len / n;
        for (int i = 0; i < n; i++) {
            if (n < len) {
                double a = i * scale;
                double b = a + scale;
                int i0 = (int) Math.floor(a);
                int i1 = Math.min(len, (int) Math.ceil(b));
                idx[i] = new int[i1 - i0];
                wt[i] = new float[i1 - i0];
                for (int k = i0; k < i1; k++) {
                    double cover = Math.min(b, k + 1) - Math.max(a, k);
                    idx[i][k - i0] = k;
                    wt[i][k - i0] = (float) (cover / scale);
                }
            } else {
                double x = (i + 0.5) * scale - 0.5;
                int x0 = (int) Math.floor(x);
                double f = x - x0;
                int a0 = Math.max(0, Math.min(len - 1, x0));
                int a1 = Math.max(0, Math.min(len - 1, x0 + 1));
                idx[i] = new int[] {a0, a1};
                wt[i] = new float[] {(float) (1 - f), (float) f};
            }
        }
        for (int line = 0; line < lines; line++) {
            for (int i = 0; i < n; i++) {
                float acc = 0;
                for (int k = 0; k < idx[i].length; k++) {
                    int s = horizontal ? offset + line * w + idx[i][k] : offset + idx[i][k] * w + line;
                    acc += wt[i][k] * src[s];
                }
                if (horizontal) {
                    out[line * n + i] = acc;
                } else {
                    out[i * w + line] = acc;
                }
            }
        }
        return out;
    }

    /** LabColour.toLab with the JDK's cube root. */
    static float[] toLab(RgbImage image) {
        float[] rgb = image.planar();
        int n = image.width() * image.height();
        float[] lab = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double r = linear(rgb[i]);
            double g = linear(rgb[n + i]);
            double b = linear(rgb[2 * n + i]);
            double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
            double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
            double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
            double fx = f(x);
            double fy = f(y);
            double fz = f(z);
            lab[i] = (float) ((116 * fy - 16) / 100);
            lab[n + i] = (float) (500 * (fx - fy) / 100);
            lab[2 * n + i] = (float) (200 * (fy - fz) / 100);
        }
        return lab;
    }

    private static float linear(float v) {
        int i = (int) (Math.max(0f, Math.min(1f, v)) * 4095 + 0.5f);
        double c = i / 4095.0;
        return (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    /** GaussianBlur.blurInPlace: every tap clamped, columns walked one by one. */
    static void blurInPlace(float[] data, int offset, int w, int h, double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        float[] tmp = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    acc += k[i + r] * data[offset + y * w + Math.min(w - 1, Math.max(0, x + i))];
                }
                tmp[y * w + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    acc += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
                }
                data[offset + y * w + x] = acc;
            }
        }
    }

    /** JointBilateralUpsampler.upsample: one exp per tap. */
    static FeatureMap jointBilateral(FeatureMap coarse, RgbImage guide, int width, int height, int radius,
            double spatialSigma, double rangeSigma) {
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
                java.util.Arrays.fill(acc, 0f);
                float z = 0;
                for (int ny = Math.max(0, cy - radius); ny <= Math.min(ch - 1, cy + radius); ny++) {
                    double dy = ny - qy;
                    for (int nx = Math.max(0, cx - radius); nx <= Math.min(cw - 1, cx + radius); nx++) {
                        double dx = nx - qx;
                        int q = ny * cw + nx;
                        float dr = fine[p] - cell[q];
                        float dg = fine[fn + p] - cell[cn + q];
                        float db = fine[2 * fn + p] - cell[2 * cn + q];
                        float d2 = Math.min(3f, dr * dr + dg * dg + db * db);
                        float wgt = (float) Math.exp(-(dx * dx + dy * dy) * inv2s) * lut[(int) (d2 * lutScale)];
                        for (int k = 0; k < c; k++) {
                            acc[k] += wgt * src[q * c + k];
                        }
                        z += wgt;
                    }
                }
                float inv = z > 0 ? 1f / z : 0f;
                for (int k = 0; k < c; k++) {
                    out[p * c + k] = acc[k] * inv;
                }
            }
        }
        return new FeatureMap(c, width, height, out);
    }
}
