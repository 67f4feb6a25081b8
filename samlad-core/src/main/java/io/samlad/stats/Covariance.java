package io.samlad.stats;

import java.util.Arrays;

/**
 * A covariance matrix of {@code channels} features as it is kept: the full matrix, only its diagonal (wide features,
 * where C² floats per object would be too many), or none at all (a query's objects need only their means).
 *
 * @param kind     which of the three
 * @param channels C
 * @param values   C x C row-major (full), C variances (diagonal), or empty (none); not copied
 */
public record Covariance(Kind kind, int channels, float[] values) {
    public enum Kind { FULL, DIAGONAL, NONE }

    public Covariance {
        int expected = switch (kind) {
            case FULL -> channels * channels;
            case DIAGONAL -> channels;
            case NONE -> 0;
        };
        if (values.length != expected) {
            throw new IllegalArgumentException(kind + " covariance of " + channels + " channels needs " + expected
                    + " values, got " + values.length);
        }
    }

    public static Covariance full(int channels, float[] values) {
        return new Covariance(Kind.FULL, channels, values);
    }

    public static Covariance diagonal(float[] variances) {
        return new Covariance(Kind.DIAGONAL, variances.length, variances);
    }

    public static Covariance none(int channels) {
        return new Covariance(Kind.NONE, channels, new float[0]);
    }

    /**
     * The covariance stored as bare values (the bank file's encoding): C x C values are the full matrix, C values
     * the diagonal, none no covariance. For C = 1 the two coincide and it is read as the diagonal.
     */
    public static Covariance ofStored(int channels, float[] values) {
        if (values.length == 0) {
            return none(channels);
        }
        if (values.length == channels) {
            return diagonal(values);
        }
        return full(channels, values);
    }

    /** Entry (a, b); off-diagonal entries of a diagonal covariance are 0. */
    public float get(int a, int b) {
        return switch (kind) {
            case FULL -> values[a * channels + b];
            case DIAGONAL -> a == b ? values[a] : 0f;
            case NONE -> throw new IllegalStateException("no covariance was estimated");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Covariance c && c.kind == kind && c.channels == channels && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + channels) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " covariance of " + channels + " channels";
    }
}
