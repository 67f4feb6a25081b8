package io.samlad.data;

import java.util.Locale;

/** The part of a dataset an image belongs to. */
public enum Split {
    /** Normal images the template bank is built from. */
    TRAIN,
    /** Normal images held out to calibrate scores and the decision threshold. */
    VALIDATION,
    /** Normal and anomalous images the metrics are computed on. */
    TEST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
