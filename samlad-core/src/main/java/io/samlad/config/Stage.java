package io.samlad.config;

/** The stages whose time is measured per image. */
public enum Stage {
    DECODE, FEATURES, UPSAMPLING, MASKS, RETRIEVAL, ENCODING, MATCHING, MEASURING, WRITING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
