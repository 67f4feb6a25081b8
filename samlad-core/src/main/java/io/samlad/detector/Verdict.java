package io.samlad.detector;

/** What the detector concluded about one object. */
public enum Verdict {
    /** Matched to the references and looks like them. */
    OK,
    /** Present in the references, absent from the query; the object's geometry is the reference's. */
    MISSING,
    /** Present in the query, without a counterpart in the references. */
    EXTRA,
    /** Matched, but its appearance (colour, content) differs from its counterpart: a wrong pairing or type. */
    MISMATCHED,
    /** Matched and of the right kind, with a local defect inside it (scratch, dent, contamination). */
    STRUCTURAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
