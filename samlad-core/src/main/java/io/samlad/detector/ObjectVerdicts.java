package io.samlad.detector;

/**
 * The verdict on one query object from its calibrated evidence, with t the calibrated threshold. A pure function,
 * in the order the rules are tried:
 * <ol>
 *   <li>unmatched in most references ({@link #UNMATCHED_MAJORITY}), with anomalous own cells (forward patch
 *       distance) or matching cost above t: {@link Verdict#EXTRA};</li>
 *   <li>matching cost above t, or most of its cells ({@link #MISMATCH_SHARE}) anomalous (the whole object differs
 *       from its counterparts: colour, type): {@link Verdict#MISMATCHED};</li>
 *   <li>anomalous cells in a smaller part, or a Mahalanobis peak above t: {@link Verdict#STRUCTURAL};</li>
 *   <li>otherwise {@link Verdict#OK}.</li>
 * </ol>
 */
final class ObjectVerdicts {
    /** An object unmatched in more than this share of the references has no counterpart: a candidate extra. */
    static final double UNMATCHED_MAJORITY = 0.5;

    /**
     * An object with more than this share of its cells anomalous differs as a whole (mismatched); with less, the
     * defect is local (structural). A scratch across a small object can heat half of it after smoothing, a recolouring
     * heats all of it.
     */
    static final double MISMATCH_SHARE = 0.75;

    private ObjectVerdicts() {
    }

    /**
     * What is known of one query object, calibrated.
     *
     * @param unmatchedShare share of references in which it found no counterpart
     * @param peak           largest calibrated forward patch distance inside it
     * @param hotShare       share of its cells whose forward patch distance is above the threshold
     * @param object         calibrated OBJECT measure (matching cost)
     * @param gaussian       calibrated GAUSSIAN measure, or negative infinity when it was not measured
     */
    record Evidence(double unmatchedShare, double peak, double hotShare, double object, double gaussian) {
    }

    /** A verdict and the object's score: the largest of the evidence that decided it. */
    record Judgement(Verdict verdict, double score) {
    }

    static Judgement judge(Evidence e, double threshold) {
        if (e.unmatchedShare() > UNMATCHED_MAJORITY && (e.peak() > threshold || e.object() > threshold)) {
            return new Judgement(Verdict.EXTRA, Math.max(e.peak(), e.object()));
        }
        if (e.object() > threshold || (e.hotShare() > MISMATCH_SHARE && e.peak() > threshold)) {
            return new Judgement(Verdict.MISMATCHED, Math.max(e.peak(), e.object()));
        }
        if (e.peak() > threshold || e.gaussian() > threshold) {
            return new Judgement(Verdict.STRUCTURAL, Math.max(e.peak(), e.gaussian()));
        }
        return new Judgement(Verdict.OK, Math.max(Math.max(e.peak(), e.object()), e.gaussian()));
    }
}
