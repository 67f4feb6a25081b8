package io.samlad.util;

/** The tool's version, written into every bank's provenance. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
