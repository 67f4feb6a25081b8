package io.samlad.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which scoring method a bank is fitted for. */
public enum DetectorKind {
    /** The full SAM-LAD method: objects, matching, logical and structural measures. */
    SAMLAD,
    /** Baseline: position-aware patch nearest neighbour over all normal images, no objects. */
    PATCH_KNN;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DetectorKind parse(String s) {
        for (DetectorKind k : values()) {
            if (k.label().equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown detector '" + s + "' (expected one of "
                + Arrays.stream(values()).map(DetectorKind::label).collect(Collectors.joining(", ")) + ")");
    }
}
