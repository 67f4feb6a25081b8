package io.samlad.features;

import io.samlad.stats.PrincipalComponents;
import java.util.Arrays;

/**
 * A linear map of feature vectors to fewer channels, {@code y = B x}, whose {@code width} rows are orthonormal
 * directions of the {@code inputChannels}-dimensional feature space. Applied to a backbone's patch features right after
 * extraction, it lets every later stage (upsampling, objects, distances, Gaussians) work at a fixed width whatever the
 * backbone's: their cost grows with the width, not with the backbone's channels.
 *
 * <p>The rows are the leading principal components of normal patch features ({@link #fromComponents}) and one more
 * direction for the features' mean: differences between patches (what distances and covariances see) keep as much of
 * their variance as any {@code width - 1} directions can, and the vectors themselves keep their mean part, so that
 * cosine similarities of raw features (e.g. between patches) mean what they meant. Being orthonormal, B never
 * lengthens a vector or a distance.
 */
public final class ChannelProjection {
    private final int inputChannels;
    private final int width;
    private final float[] basis;
    /** {@code basis} transposed ({@code inputChannels x width}): the kernel adds one input channel's row at a time. */
    private final float[] transposed;

    /**
     * @param basis {@code width x inputChannels} values, row-major: row j is output channel j's direction
     */
    public ChannelProjection(int inputChannels, int width, float[] basis) {
        if (width < 1 || inputChannels < width) {
            throw new IllegalArgumentException("a projection needs 1 <= width <= input channels, got width " + width
                    + " for " + inputChannels + " channels");
        }
        if ((long) width * inputChannels != basis.length) {
            throw new IllegalArgumentException("projection basis needs " + (long) width * inputChannels
                    + " values, got " + basis.length);
        }
        for (float v : basis) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("projection basis has a value that is not finite");
            }
        }
        this.inputChannels = inputChannels;
        this.width = width;
        this.basis = basis.clone();
        this.transposed = new float[basis.length];
        for (int j = 0; j < width; j++) {
            for (int c = 0; c < inputChannels; c++) {
                transposed[c * width + j] = basis[j * inputChannels + c];
            }
        }
    }

    /**
     * The projection onto the {@code width - 1} leading components of {@code pca} and the part of its mean outside
     * them (or, when the mean lies inside them, the next component).
     *
     * @throws IllegalArgumentException if {@code pca} holds fewer than {@code width} components
     */
    public static ChannelProjection fromComponents(PrincipalComponents pca, int width) {
        int dim = pca.dim();
        if (pca.components().length < width) {
            throw new IllegalArgumentException("need " + width + " components, got " + pca.components().length);
        }
        double[][] rows = new double[width][];
        for (int j = 0; j < width - 1; j++) {
            rows[j] = pca.components()[j];
        }
        double[] meanPart = pca.mean().clone();
        double meanNorm = norm(meanPart);
        for (int j = 0; j < width - 1; j++) {
            // twice, for orthogonality to working precision (Gram-Schmidt loses it when the part left is small)
            for (int pass = 0; pass < 2; pass++) {
                double dot = 0;
                for (int c = 0; c < dim; c++) {
                    dot += meanPart[c] * rows[j][c];
                }
                for (int c = 0; c < dim; c++) {
                    meanPart[c] -= dot * rows[j][c];
                }
            }
        }
        double left = norm(meanPart);
        if (meanNorm > 0 && left > 1e-6 * meanNorm) {
            for (int c = 0; c < dim; c++) {
                meanPart[c] /= left;
            }
            rows[width - 1] = meanPart;
        } else {
            rows[width - 1] = pca.components()[width - 1];
        }
        float[] basis = new float[width * dim];
        for (int j = 0; j < width; j++) {
            for (int c = 0; c < dim; c++) {
                basis[j * dim + c] = (float) rows[j][c];
            }
        }
        return new ChannelProjection(dim, width, basis);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    public int inputChannels() {
        return inputChannels;
    }

    public int width() {
        return width;
    }

    /** A copy of the basis, {@code width x inputChannels}, row-major. */
    public float[] basis() {
        return basis.clone();
    }

    /**
     * The projected map: same grid, {@link #width()} channels.
     *
     * @throws IllegalArgumentException if the map does not have {@link #inputChannels()} channels
     */
    public FeatureMap apply(FeatureMap in) {
        if (in.channels() != inputChannels) {
            throw new IllegalArgumentException("projection expects " + inputChannels + " feature channels, the"
                    + " backbone gave " + in.channels());
        }
        int cells = in.width() * in.height();
        float[] x = in.data();
        float[] out = new float[cells * width];
        // Four patches at a time share each row of the transposed basis (which is larger than the L1 cache at 256
        // channels and more) while it is loaded; each output still sums over the input channels in ascending order,
        // so the result does not depend on the blocking.
        float[] a0 = new float[width];
        float[] a1 = new float[width];
        float[] a2 = new float[width];
        float[] a3 = new float[width];
        // The basis row is copied to index 0 first: with every array read and written at the same index j, the JIT
        // can vectorise the inner loop (reading transposed[t + j] beside stores to a0[j], it cannot prove the arrays
        // apart and stays scalar: 10.5 against 5.5 ms of CPU per 2048 x 256 map, measured)
        float[] row = new float[width];
        int p = 0;
        for (; p + 4 <= cells; p += 4) {
            Arrays.fill(a0, 0f);
            Arrays.fill(a1, 0f);
            Arrays.fill(a2, 0f);
            Arrays.fill(a3, 0f);
            int o = p * inputChannels;
            for (int c = 0; c < inputChannels; c++) {
                float x0 = x[o + c];
                float x1 = x[o + inputChannels + c];
                float x2 = x[o + 2 * inputChannels + c];
                float x3 = x[o + 3 * inputChannels + c];
                System.arraycopy(transposed, c * width, row, 0, width);
                for (int j = 0; j < width; j++) {
                    float b = row[j];
                    a0[j] += x0 * b;
                    a1[j] += x1 * b;
                    a2[j] += x2 * b;
                    a3[j] += x3 * b;
                }
            }
            System.arraycopy(a0, 0, out, p * width, width);
            System.arraycopy(a1, 0, out, (p + 1) * width, width);
            System.arraycopy(a2, 0, out, (p + 2) * width, width);
            System.arraycopy(a3, 0, out, (p + 3) * width, width);
        }
        for (; p < cells; p++) {
            Arrays.fill(a0, 0f);
            int o = p * inputChannels;
            for (int c = 0; c < inputChannels; c++) {
                float xc = x[o + c];
                System.arraycopy(transposed, c * width, row, 0, width);
                for (int j = 0; j < width; j++) {
                    a0[j] += xc * row[j];
                }
            }
            System.arraycopy(a0, 0, out, p * width, width);
        }
        return new FeatureMap(width, in.width(), in.height(), out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelProjection p && p.inputChannels == inputChannels && p.width == width
                && Arrays.equals(p.basis, basis);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputChannels + width) + Arrays.hashCode(basis);
    }
}
